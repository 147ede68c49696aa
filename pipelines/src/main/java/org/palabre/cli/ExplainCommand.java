package org.palabre.cli;

import java.util.concurrent.Callable;
import org.palabre.reports.Lineage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code palabre explain INDICATOR --period P [--member M] ...}: where a published figure came
 * from ({@link Lineage}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Show where a published figure came from: its definition, the input files, runs and lines behind it.")
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INDICATOR", description = "Indicator code, e.g. people_reached.")
  String indicator;

  @Option(names = "--period", required = true, description = "Period as published: 2024, 2024Q1 or 2024-03.")
  String period;

  @Option(names = "--member", description = "Member code (default: all members).") String member;
  @Option(names = "--country", description = "Country ISO code (default: all countries).") String country;
  @Option(names = "--adm1", description = "Region (default: all).") String adm1;
  @Option(names = "--adm2", description = "District (default: all).") String adm2;
  @Option(names = "--org-unit", description = "Organisation unit (default: all).") String orgUnit;
  @Option(names = "--sex", description = "female, male or unknown (default: all).") String sex;
  @Option(names = "--age-group", description = "Age group (default: all).") String ageGroup;

  @Mixin PublishedWarehouse published;

  @Override
  public Integer call() throws Exception {
    if (published.missing()) {
      return 2;
    }
    return new Lineage(new Lineage.Cell(indicator, period, member, country, adm1, adm2, orgUnit, sex, ageGroup))
        .print(published.path, System.out, System.err);
  }
}
