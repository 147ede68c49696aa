package org.palabre.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.palabre.serve.MartExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code palabre export MART --out FILE}: a mart for people who live in Excel. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a mart of the warehouse (e.g. indicator_values) to CSV or Excel, with English and/or French headers and code labels.",
        "The format is the file's extension (.csv or .xlsx) unless --format says otherwise. --headers fr writes the CSV French Excel opens"
            + " in columns (';' between fields, decimal comma)."})
final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MART", description = "The mart, e.g. indicator_values (with or without 'marts.').")
  String mart;

  @Option(names = "--format", description = "csv or xlsx (default: the extension of --out).")
  MartExport.Format format;

  @Option(names = "--out", required = true, description = "The file to write.")
  Path out;

  @Option(names = "--headers", defaultValue = "both", description = "Column headers and code labels: en, fr, both (\"Period / Période\")"
      + " or codes (the column names and codes themselves) (default: ${DEFAULT-VALUE}).")
  MartExport.Headers headers;

  @Option(names = "--member", paramLabel = "CODE", description = "Export what this member's audience reads: its own rows, the totals over"
      + " members its audience may see (fed by enough members), no network-only mart.")
  String member;

  @Mixin PublishedWarehouse published;

  @Override
  public Integer call() throws Exception {
    if (published.missing()) {
      return 2;
    }
    String name = mart.startsWith("marts.") ? mart.substring("marts.".length()) : mart;
    MartExport.Format chosen = format != null ? format : MartExport.Format.ofFile(out);
    long rows = MartExport.write(published.path, member, name, chosen, headers, out);
    System.out.printf("marts.%s%s: %d rows written to %s (%s)%n", name, member == null ? "" : " of member " + member, rows, out, chosen);
    return 0;
  }
}
