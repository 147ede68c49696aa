package org.palabre.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import org.palabre.serve.MartExport;
import org.palabre.warehouse.DuckDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code palabre export MART --format csv|xlsx --out FILE}: a mart for people who live in Excel. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a mart of the warehouse (e.g. indicator_values) to CSV or Excel, with English and/or French headers.")
final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MART", description = "The mart, e.g. indicator_values (with or without 'marts.').")
  String mart;

  @Option(names = "--format", defaultValue = "xlsx", description = "csv or xlsx (default: ${DEFAULT-VALUE}).")
  MartExport.Format format;

  @Option(names = "--out", required = true, description = "The file to write.")
  Path out;

  @Option(names = "--headers", defaultValue = "both", description = "Column headers: en, fr, both (\"Period / Période\") or codes (default: ${DEFAULT-VALUE}).")
  MartExport.Headers headers;

  @Mixin PublishedWarehouse published;

  @Override
  public Integer call() throws Exception {
    if (published.missing()) {
      return 2;
    }
    Path warehouse = published.path;
    String name = mart.startsWith("marts.") ? mart.substring("marts.".length()) : mart;
    try (Connection db = DuckDb.open(warehouse, true)) {
      long rows = MartExport.write(db, name, format, headers, out);
      System.out.printf("marts.%s: %d rows written to %s%n", name, rows, out);
    }
    return 0;
  }
}
