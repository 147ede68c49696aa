package org.palabre.serve;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.palabre.warehouse.DuckDb;

/**
 * Fetch speed of the endpoint against DuckDB in the same process, on the same file and the same
 * query, in the same run: a scratch audience file of N rows (an integer, a double, a short text
 * and a date per row, like a mart's columns), served on 127.0.0.1 and read to the end by the
 * Avatica remote driver; then read to the end by DuckDB's own JDBC driver.
 */
public final class ServeBenchmark {

  public record Figures(long rows, double endpointSeconds, double inProcessSeconds) {
    double endpointRowsPerSecond() {
      return rows / endpointSeconds;
    }

    double inProcessRowsPerSecond() {
      return rows / inProcessSeconds;
    }
  }

  private ServeBenchmark() {}

  public static Figures run(long rows, int fetchSize, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("palabre-bench-serve-");
    try {
      Path warehouse = dir.resolve("palabre.duckdb");
      Path audience = AudienceWarehouses.file(warehouse, AudienceWarehouses.NETWORK);
      Files.createDirectories(audience.getParent());
      out.printf("Making a scratch mart of %,d rows ...%n", rows);
      try (Connection db = DuckDb.open(audience, false); Statement st = db.createStatement()) {
        st.execute("create schema marts");
        st.execute("create table marts.bench_rows as select i::bigint as id, i * 0.5 as value, 'member-' || (i % 17) as member,"
            + " date '2024-01-01' + cast(i % 365 as integer) as period_start from range(" + rows + ") t(i)");
        st.execute("checkpoint");
      }
      Path users = dir.resolve("users.txt");
      char[] password = "bench-password".toCharArray();
      new UserDirectory(users).put("bench", AudienceWarehouses.NETWORK, password);
      String sql = "select id, value, member, period_start from marts.bench_rows";
      double endpoint;
      try (JdbcEndpoint server = JdbcEndpoint.start(new JdbcEndpoint.Options("127.0.0.1", 0, warehouse, users, null, null), out)) {
        Properties props = new Properties();
        props.setProperty("avatica_user", "bench");
        props.setProperty("avatica_password", new String(password));
        String url = "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port() + ";serialization=JSON;authentication=BASIC";
        try (Connection c = DriverManager.getConnection(url, props)) {
          out.printf("Endpoint (Avatica JSON over HTTP, fetch size %,d) ...%n", fetchSize);
          endpoint = time(c, sql, fetchSize, rows);
        }
      }
      double inProcess;
      try (Connection c = PublishedFile.open(audience, null)) {
        out.println("In-process DuckDB JDBC ...");
        inProcess = time(c, sql, fetchSize, rows);
      }
      Figures f = new Figures(rows, endpoint, inProcess);
      out.println();
      out.printf("%-34s %12s %14s%n", "fetching " + String.format("%,d", rows) + " rows", "seconds", "rows/s");
      out.printf("%-34s %12.2f %,14.0f%n", "endpoint (Avatica, JSON, HTTP)", f.endpointSeconds(), f.endpointRowsPerSecond());
      out.printf("%-34s %12.2f %,14.0f%n", "DuckDB in process (JDBC)", f.inProcessSeconds(), f.inProcessRowsPerSecond());
      out.printf("ratio: the endpoint fetches at 1/%.1f of in-process speed%n", f.inProcessRowsPerSecond() / f.endpointRowsPerSecond());
      return f;
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Reads every row and every column; fails when the count is not the expected one. */
  private static double time(Connection c, String sql, int fetchSize, long expected) throws SQLException {
    long t0 = System.nanoTime();
    long n = 0;
    long checksum = 0;
    try (Statement st = c.createStatement()) {
      st.setFetchSize(fetchSize);
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          checksum += rs.getLong(1);
          rs.getDouble(2);
          rs.getString(3);
          rs.getDate(4);
          n++;
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (n != expected || checksum != expected * (expected - 1) / 2) {
      throw new IllegalStateException("fetched " + n + " rows, expected " + expected);
    }
    return seconds;
  }
}
