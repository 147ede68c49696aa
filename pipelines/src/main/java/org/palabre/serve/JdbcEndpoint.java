package org.palabre.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The read-only JDBC endpoint of the warehouse: an Apache Calcite Avatica server (JSON
 * serialization) on Jetty, behind the {@link Gatekeeper}. BI tools connect with Avatica's remote
 * driver, {@code jdbc:avatica:remote:url=http://HOST:PORT;serialization=JSON;authentication=BASIC}.
 *
 * <p>Each user reads the file of its audience ({@link AudienceWarehouses}); connections follow
 * rebuilds ({@link PublishedFile}). HTTPS when a PKCS#12 key store is given, else plain HTTP.
 */
public final class JdbcEndpoint implements AutoCloseable {

  /**
   * What one query may take: rows of a result ({@code maxRows}), seconds of execution (a client
   * may ask for less with the connection property {@code query_timeout}), and the memory of each
   * audience's database, which its concurrent queries share (DuckDB's {@code memory_limit}; a query
   * that needs more spills to disk, at most 2 GB, then fails).
   */
  public record Limits(long maxRows, int queryTimeoutSeconds, String memoryLimit) {
    public static final Limits DEFAULT = new Limits(5_000_000, 120, "1GB");
  }

  /** Where to listen, what to serve and within which limits. */
  public record Options(String host, int port, Path warehouse, Path usersFile, Path keyStore, char[] keyStorePassword, Limits limits) {
    public Options(String host, int port, Path warehouse, Path usersFile, Path keyStore, char[] keyStorePassword) {
      this(host, port, warehouse, usersFile, keyStore, keyStorePassword, Limits.DEFAULT);
    }
  }

  private final Server server;
  private final Path links;

  private JdbcEndpoint(Server server, Path links) {
    this.server = server;
    this.links = links;
  }

  public static JdbcEndpoint start(Options options, PrintStream log) throws Exception {
    Path links = AudienceWarehouses.folder(options.warehouse()).resolve(".serving-" + ProcessHandle.current().pid());
    removeLinksOfDeadServers(AudienceWarehouses.folder(options.warehouse()));
    deleteTree(links);
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("palabre-serve");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector;
    if (options.keyStore() != null) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(options.keyStore().toAbsolutePath().toString());
      tls.setKeyStoreType("PKCS12");
      tls.setKeyStorePassword(new String(options.keyStorePassword()));
      http.addCustomizer(new SecureRequestCustomizer());
      connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(options.host());
    connector.setPort(options.port());
    server.addConnector(connector);
    AvaticaJsonHandler avatica = new AvaticaJsonHandler(new LocalService(new ServingMeta(options.limits())));
    server.setHandler(new Gatekeeper(new UserDirectory(options.usersFile()), options.warehouse().toAbsolutePath(), links,
        options.limits().memoryLimit(), avatica, log));
    server.setStopTimeout(2000);
    server.start();
    return new JdbcEndpoint(server, links);
  }

  /** The port it listens on (useful when started on port 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    deleteTree(links);
  }

  /** Link folders left by servers that were killed (their process is gone). */
  private static void removeLinksOfDeadServers(Path audiences) throws IOException {
    if (!Files.isDirectory(audiences)) {
      return;
    }
    try (Stream<Path> folders = Files.list(audiences)) {
      for (Path folder : folders.filter(p -> p.getFileName().toString().matches("\\.serving-\\d+")).toList()) {
        long pid = Long.parseLong(folder.getFileName().toString().substring(".serving-".length()));
        if (ProcessHandle.of(pid).isEmpty()) {
          deleteTree(folder);
        }
      }
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
