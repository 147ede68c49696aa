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

/**
 * A throwaway PostgreSQL cluster, for {@code bench-serve} and the tests: Debian's
 * {@code postgresql} binaries, {@code initdb} into a temporary folder, started on a free loopback
 * port with SCRAM-SHA-256 for TCP logins and durability off (fsync, synchronous commit), stopped
 * and deleted on close. PostgreSQL refuses to run as root, so as root the cluster runs as the
 * {@code postgres} user (through runuser).
 */
public final class ScratchPostgres implements AutoCloseable {

  public static final String ADMIN = "palabre_admin";
  public static final String ADMIN_PASSWORD = "scratch-admin-pw";
  public static final String DATABASE = "palabre";

  private final Path root;
  private final Path bin;
  private final int port;
  private final boolean asPostgresUser;

  private ScratchPostgres(Path root, Path bin, int port, boolean asPostgresUser) {
    this.root = root;
    this.bin = bin;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Starts a cluster with database {@link #DATABASE} owned by {@link #ADMIN}; says why when it cannot. */
  public static ScratchPostgres start() throws IOException {
    Path bin = binaries();
    if (bin == null) {
      throw new IOException("no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin: install Debian's postgresql package");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("palabre-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    ScratchPostgres cluster = new ScratchPostgres(dir, bin, freePort(), root);
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
    } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
      String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
      cluster.close();
      throw new IOException("a scratch PostgreSQL cluster cannot start here: " + e.getMessage() + (log.isBlank() ? "" : " — " + log.strip()), e);
    }
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl, or null. */
  public static Path binaries() throws IOException {
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

  public Path bin() {
    return bin;
  }

  /** The admin's target, the password given as libpq's PGPASSWORD would give it. */
  public PostgresTarget adminTarget() {
    return PostgresTarget.parse("postgresql://" + ADMIN + "@127.0.0.1:" + port + "/" + DATABASE, Map.of("PGPASSWORD", ADMIN_PASSWORD));
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

  private void asServer(List<String> command, int seconds) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, root, seconds);
  }

  private static void run(List<String> command, Path dir, int seconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("palabre-pg-", ".out");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish in " + seconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command.subList(0, Math.min(5, command.size()))) + " exited " + p.exitValue() + ": "
            + Files.readString(out, StandardCharsets.UTF_8).strip());
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      if (Files.exists(root.resolve("data/postmaster.pid"))) {
        asServer(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate", "-w", "stop"), 60);
      }
    } catch (IOException | InterruptedException ignored) {
      // the folder goes anyway
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
