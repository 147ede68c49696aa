package org.palabre.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import org.palabre.db.DuckDb;
import org.palabre.serve.IndicatorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palabre report [--out DIR]}: the indicator report, one HTML page that opens offline. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the indicator report (self-contained HTML with charts) to DIR/index.html.")
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--out", defaultValue = "report", description = "Folder of the report (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin PublishedWarehouse published;

  @Override
  public Integer call() throws Exception {
    if (published.missing()) {
      return 2;
    }
    Path warehouse = published.path;
    try (Connection db = DuckDb.open(warehouse, true)) {
      Path file = IndicatorReport.write(db, out);
      System.out.println("Indicator report written: " + file.toAbsolutePath().toUri());
    }
    return 0;
  }
}
