package org.palabre.serve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for a test class ({@link ScratchPostgres}: Debian's binaries,
 * which {@code .ci/run} installs; initdb once, a loopback port, SCRAM-SHA-256), skipping the
 * tests, saying why, when it cannot start; and the clients a BI user has: {@code psql} and
 * {@code isql} (unixODBC with psqlODBC, the driver Excel and Power BI use).
 */
public final class PostgresCluster implements AutoCloseable {

  public static final String ADMIN = ScratchPostgres.ADMIN;
  public static final String ADMIN_PASSWORD = ScratchPostgres.ADMIN_PASSWORD;
  public static final String DATABASE = ScratchPostgres.DATABASE;

  private final ScratchPostgres cluster;

  private PostgresCluster(ScratchPostgres cluster) {
    this.cluster = cluster;
  }

  /** Starts a cluster, or skips the calling tests saying why. */
  public static PostgresCluster startOrSkip() throws Exception {
    try {
      return new PostgresCluster(ScratchPostgres.start());
    } catch (java.io.IOException e) {
      Assumptions.abort("SKIPPED: " + e.getMessage() + " (.ci/run installs Debian's postgresql)");
      throw e;
    }
  }

  public int port() {
    return cluster.port();
  }

  public PostgresTarget adminTarget() {
    return cluster.adminTarget();
  }

  public Connection connect(String user, String password) throws SQLException {
    return cluster.connect(user, password);
  }

  /** Exit code and output of psql as the user, over TCP (SCRAM): {@code psql -At -c SQL}. */
  public Outcome psql(String user, String password, String sql) throws Exception {
    Path psql = Files.isExecutable(cluster.bin().resolve("psql")) ? cluster.bin().resolve("psql") : Path.of("/usr/bin/psql");
    ProcessBuilder pb = new ProcessBuilder(psql.toString(), "-X", "-At", "-v", "ON_ERROR_STOP=1",
        "host=127.0.0.1 port=" + port() + " dbname=" + DATABASE + " user=" + user, "-c", sql);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().remove("PGPASSFILE");
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    return capture(pb, 60);
  }

  /** True when unixODBC's isql and the psqlODBC driver are installed. */
  public static boolean odbcAvailable() {
    return Files.isExecutable(Path.of("/usr/bin/isql")) && odbcDriver() != null;
  }

  private static String odbcDriver() {
    for (String so : List.of("/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so", "/usr/lib/aarch64-linux-gnu/odbc/psqlodbcw.so")) {
      if (Files.exists(Path.of(so))) {
        return so;
      }
    }
    return null;
  }

  /** Exit code and output of {@code isql -v -b -d| -k "Driver=psqlODBC;..."} reading the SQL on its standard input. */
  public Outcome isql(String user, String password, String sql) throws Exception {
    String connection = "Driver=" + odbcDriver() + ";Servername=127.0.0.1;Port=" + port() + ";Database=" + DATABASE
        + ";Username=" + user + ";Password=" + password + ";";
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/isql", "-v", "-b", "-d|", "-k", connection);
    Path in = Files.createTempFile("isql-", ".sql");
    try {
      Files.writeString(in, sql + "\n");
      pb.redirectInput(in.toFile());
      return capture(pb, 60);
    } finally {
      Files.deleteIfExists(in);
    }
  }

  /** A process's exit code, standard output and standard error. */
  public record Outcome(int exit, String out, String err) {}

  private static Outcome capture(ProcessBuilder pb, int seconds) throws Exception {
    Path out = Files.createTempFile("palabre-client-", ".out");
    Path err = Files.createTempFile("palabre-client-", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(pb.command().get(0) + " did not finish in " + seconds + " s");
      }
      return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Override
  public void close() {
    cluster.close();
  }
}
