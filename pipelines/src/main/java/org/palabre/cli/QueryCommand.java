package org.palabre.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.palabre.reports.ResultFormat;
import org.palabre.db.DuckDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code palabre query "SQL"}: a read-only query of the published warehouse. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Run a read-only SQL query on the warehouse, e.g. \"select * from marts.indicator_values limit 5\".")
final class QueryCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  ResultFormat format;

  @Mixin PublishedWarehouse published;

  @Override
  public Integer call() throws Exception {
    if (published.missing()) {
      return 2;
    }
    Path warehouse = published.path;
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      if (!st.execute(sql)) {
        System.out.println("(no result set)");
        return 0;
      }
      try (ResultSet rs = st.getResultSet()) {
        format.print(rs, System.out);
      }
    }
    return 0;
  }
}
