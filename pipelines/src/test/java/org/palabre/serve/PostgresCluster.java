package org.palabre.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for a test class: Debian's {@code postgresql} binaries
 * ({@code .ci/run} installs them), {@code initdb} once into a temporary folder, started on a free
 * loopback port with SCRAM-SHA-256 for TCP logins, stopped and deleted at the end. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the {@code postgres} user. When the
 * binaries are missing or the cluster cannot start, the calling tests are skipped, saying why.
 *
 * <p>Also runs the clients a BI user would: {@code psql} and {@code isql} (unixODBC with
 * psqlODBC, the driver Excel and Power BI use).
 */
public final class PostgresCluster implements AutoCloseable {

  public static final String ADMIN = "palabre_admin";
  public static final String ADMIN_PASSWORD = "admin-pw-for-tests";
  public static final String DATABASE = "palabre";

  private final Path root;
  private final Path bin;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresCluster(Path root, Path bin, int port, boolean asPostgresUser) {
    this.root = root;
    this.bin = bin;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Starts a cluster with database {@link #DATABASE} owned by {@link #ADMIN}, or skips the tests. */
  public static PostgresCluster startOrSkip() throws Exception {
    Path bin = binaries();
    Assumptions.assumeTrue(bin != null, "SKIPPED: no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin:"
        + " install Debian's postgresql package (.ci/run does)");
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("palabre-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    PostgresCluster cluster = new PostgresCluster(dir, bin, freePort(), root);
    try {
      Path pwfile = dir.resolve("pwfile");
      Files.writeString(pwfile, ADMIN_PASSWORD + "\n");
      if (root) {
        run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir, 30);
      }
      cluster.asServer(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", ADMIN, "--pwfile=" + pwfile,
          "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "-N"), 120);
      cluster.asServer(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
          "-w", "-t", "60", "-o", "-p " + cluster.port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
              + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c password_encryption=scram-sha-256", "start"), 90);
      try (Connection c = cluster.connect(ADMIN, ADMIN_PASSWORD, "postgres"); Statement st = c.createStatement()) {
        st.execute("create database " + DATABASE + " owner " + ADMIN);
      }
      return cluster;
    } catch (Exception e) {
      String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
      cluster.close();
      Assumptions.abort("SKIPPED: a PostgreSQL test cluster cannot start here (" + e.getMessage() + ") " + log);
      throw e;
    }
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl, or null. */
  static Path binaries() throws IOException {
    Path lib = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(lib)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(lib)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> {
            String v = b.getParent().getFileName().toString();
            return v.matches("\\d+") ? Integer.parseInt(v) : 0;
          })).orElse(null);
    }
  }

  public int port() {
    return port;
  }

  /** {@code postgresql://ADMIN@127.0.0.1:PORT/palabre}; the password is {@link #ADMIN_PASSWORD}. */
  public String adminUrl() {
    return "postgresql://" + ADMIN + "@127.0.0.1:" + port + "/" + DATABASE;
  }

  public PostgresTarget adminTarget() {
    return PostgresTarget.parse(adminUrl(), Map.of("PGPASSWORD", ADMIN_PASSWORD));
  }

  public Connection connect(String user, String password) throws SQLException {
    return connect(user, password, DATABASE);
  }

  Connection connect(String user, String password, String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
  }

  /** Exit code and output of psql as the user, over TCP (SCRAM): {@code psql -At -c SQL}. */
  public Outcome psql(String user, String password, String sql) throws Exception {
    Path psql = Files.isExecutable(bin.resolve("psql")) ? bin.resolve("psql") : Path.of("/usr/bin/psql");
    ProcessBuilder pb = new ProcessBuilder(psql.toString(), "-X", "-At", "-v", "ON_ERROR_STOP=1",
        "host=127.0.0.1 port=" + port + " dbname=" + DATABASE + " user=" + user, "-c", sql);
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

  /** Exit code and output of {@code isql -b -d| -k "Driver=psqlODBC;..."} reading the SQL on its standard input. */
  public Outcome isql(String user, String password, String sql) throws Exception {
    String connection = "Driver=" + odbcDriver() + ";Servername=127.0.0.1;Port=" + port + ";Database=" + DATABASE
        + ";Username=" + user + ";Password=" + password + ";";
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/isql", "-v", "-b", "-d|", "-k", connection);
    Path in = Files.createTempFile(root.getParent(), "isql-", ".sql");
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

  private void asServer(List<String> command, int seconds) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, root, seconds);
  }

  private static void run(List<String> command, Path dir, int seconds) throws Exception {
    Outcome o = capture(new ProcessBuilder(command).directory(dir.toFile()), seconds);
    if (o.exit() != 0) {
      throw new IOException(String.join(" ", command.subList(0, Math.min(5, command.size()))) + " exited " + o.exit() + ": " + o.err() + o.out());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (Files.exists(root.resolve("data/postmaster.pid"))) {
      try {
        asServer(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate", "-w", "stop"), 60);
      } catch (Exception ignored) {
        // deleted anyway
      }
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
