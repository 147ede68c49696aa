package org.palabre.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.palabre.db.DuckDb;

/**
 * Fetch speed of the three ways BI tools read the marts, on the same rows in the same run: a
 * scratch warehouse with one mart of N rows (an integer, a double, a short text and a date per
 * row, like a mart's columns) read to the end through the Avatica endpoint on 127.0.0.1, through
 * PostgreSQL after {@code palabre publish} (pgjdbc, the rows streamed by a cursor), and by DuckDB's
 * JDBC driver in the same process. PostgreSQL is the given database, or else a scratch cluster of
 * Debian's binaries; the time {@code publish} took to load the rows is printed too.
 */
public final class ServeBenchmark {

  /** Seconds each way took; NaN for PostgreSQL when it could not be measured. */
  public record Figures(long rows, double endpointSeconds, double postgresSeconds, double inProcessSeconds, double publishSeconds) {}

  static final String USER = "bench";
  private static final char[] PASSWORD = "bench-password".toCharArray();

  private ServeBenchmark() {}

  /** {@code postgres}: where to publish, or null for a scratch cluster. */
  public static Figures run(long rows, int fetchSize, PostgresTarget postgres, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("palabre-bench-serve-");
    try {
      Path warehouse = dir.resolve("palabre.duckdb");
      out.printf("Making a scratch mart of %,d rows ...%n", rows);
      try (Connection db = DuckDb.open(warehouse, false); Statement st = db.createStatement()) {
        st.execute("create schema ref");
        st.execute("create table ref.members (member_code varchar)");
        st.execute("create table ref.settings as select '" + AudienceWarehouses.MIN_MEMBERS_SETTING + "' as setting, '3' as value");
        st.execute("create schema meta");
        st.execute("create table meta.build_info as select 'bench-serve' as run_id, now()::timestamp as built_at");
        st.execute("create schema marts");
        st.execute("create table marts.bench_rows as select i::bigint as id, i * 0.5 as value, 'member-' || (i % 17) as member_name,"
            + " date '2024-01-01' + cast(i % 365 as integer) as period_start from range(" + rows + ") t(i)");
        st.execute("checkpoint");
      }
      AudienceWarehouses.publish(warehouse, new PrintStream(PrintStream.nullOutputStream()));
      Path users = dir.resolve("users.txt");
      new UserDirectory(users).put(USER, AudienceWarehouses.NETWORK, PASSWORD);
      String sql = "select id, value, member_name, period_start from marts.bench_rows";

      double endpoint;
      try (JdbcEndpoint server = JdbcEndpoint.start(new JdbcEndpoint.Options("127.0.0.1", 0, warehouse, users, null, null,
          new JdbcEndpoint.Limits(Math.max(rows, JdbcEndpoint.Limits.DEFAULT.maxRows()), 3600, JdbcEndpoint.Limits.DEFAULT.memoryLimit())), out)) {
        Properties props = new Properties();
        props.setProperty("avatica_user", USER);
        props.setProperty("avatica_password", new String(PASSWORD));
        String url = "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port() + ";serialization=JSON;authentication=BASIC";
        try (Connection c = DriverManager.getConnection(url, props)) {
          out.printf("Avatica endpoint (JSON over HTTP, fetch size %,d) ...%n", fetchSize);
          endpoint = time(c, sql, fetchSize, rows);
        }
      }

      double postgresSeconds = Double.NaN;
      double publishSeconds = Double.NaN;
      ScratchPostgres scratch = null;
      try {
        PostgresTarget target = postgres;
        if (target == null) {
          out.println("Starting a scratch PostgreSQL cluster ...");
          scratch = ScratchPostgres.start();
          target = scratch.adminTarget();
        }
        long t0 = System.nanoTime();
        PostgresPublication.publish(warehouse, users, target, true, new PrintStream(PrintStream.nullOutputStream()));
        publishSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf("PostgreSQL %s (pgjdbc, cursor fetch size %,d) ...%n", target, fetchSize);
        try (Connection c = scratch != null ? scratch.connect(USER, new String(PASSWORD)) : readerConnection(target)) {
          c.setAutoCommit(false);
          postgresSeconds = time(c, sql, fetchSize, rows);
          c.commit();
        }
      } catch (IOException | SQLException e) {
        out.println("PostgreSQL not measured: " + e.getMessage());
      } finally {
        if (scratch != null) {
          scratch.close();
        }
      }

      double inProcess;
      try (Connection c = PublishedFile.open(AudienceWarehouses.file(warehouse, AudienceWarehouses.NETWORK), null)) {
        out.println("In-process DuckDB JDBC ...");
        inProcess = time(c, sql, fetchSize, rows);
      }
      Figures f = new Figures(rows, endpoint, postgresSeconds, inProcess, publishSeconds);
      print(f, out);
      return f;
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The bench user's connection to a given database: the publication made its role. */
  private static Connection readerConnection(PostgresTarget admin) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", new String(PASSWORD));
    return DriverManager.getConnection(admin.jdbcUrl(), props);
  }

  static void print(Figures f, PrintStream out) {
    out.println();
    out.printf("%-40s %10s %14s %12s%n", "fetching " + String.format("%,d", f.rows()) + " rows", "seconds", "rows/s", "x in-process");
    row(out, "Avatica endpoint (JSON, HTTP)", f.endpointSeconds(), f);
    row(out, "PostgreSQL (pgjdbc, after publish)", f.postgresSeconds(), f);
    row(out, "DuckDB in process (JDBC)", f.inProcessSeconds(), f);
    if (!Double.isNaN(f.publishSeconds())) {
      out.printf("palabre publish loaded the %,d rows into PostgreSQL in %.2f s (%,.0f rows/s, COPY, roles and policies included)%n",
          f.rows(), f.publishSeconds(), f.rows() / f.publishSeconds());
    }
  }

  private static void row(PrintStream out, String label, double seconds, Figures f) {
    if (Double.isNaN(seconds)) {
      out.printf("%-40s %10s %14s %12s%n", label, "-", "-", "-");
    } else {
      out.printf("%-40s %10.2f %,14.0f %12.2f%n", label, seconds, f.rows() / seconds, f.inProcessSeconds() / seconds);
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
