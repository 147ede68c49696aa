package org.palabre.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.palabre.serve.AudienceWarehouses;
import org.palabre.serve.JdbcEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palabre serve}: the read-only, authenticated JDBC endpoint for BI tools. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the warehouse read-only over JDBC (Apache Calcite Avatica, JSON) to the users of --users.",
        "Clients: jdbc:avatica:remote:url=http://HOST:PORT;serialization=JSON;authentication=BASIC;avatica_user=NAME;avatica_password=...",
        "Each user reads its audience's file (network: every member; a member: its own rows and network totals)."})
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8765", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}); 0.0.0.0 for every interface.")
  String host;

  @Option(names = "--warehouse", defaultValue = "warehouse/palabre.duckdb", description = "DuckDB warehouse file (default: ${DEFAULT-VALUE}); its audience files are beside it in audiences/.")
  Path warehouse;

  @Option(names = "--users", defaultValue = "warehouse/users.txt", description = "Users file written by palabre users add (default: ${DEFAULT-VALUE}).")
  Path users;

  @Option(names = "--keystore", description = "PKCS#12 key store with the server's certificate: serve HTTPS. Its password is read from"
      + " the environment variable PALABRE_KEYSTORE_PASSWORD.")
  Path keyStore;

  @Option(names = "--max-rows", defaultValue = "5000000", description = "Rows one query may return (default: ${DEFAULT-VALUE}); past it the"
      + " query fails saying so.")
  long maxRows;

  @Option(names = "--query-timeout", defaultValue = "120", description = "Seconds one query may run (default: ${DEFAULT-VALUE}); a client"
      + " may ask for less with the connection property query_timeout.")
  int queryTimeout;

  @Option(names = "--memory-limit", defaultValue = "1GB", description = "Memory of each audience's database, shared by its queries"
      + " (DuckDB's memory_limit; default: ${DEFAULT-VALUE}); a query that needs more spills to disk (at most 2 GB), then fails.")
  String memoryLimit;

  @Override
  public Integer call() throws Exception {
    if (PublishedWarehouse.missing(warehouse)) {
      return 2;
    }
    AudienceWarehouses.publish(warehouse, System.out);
    if (!Files.exists(users)) {
      System.err.println("palabre: no users file at " + users + ": add a user first, e.g. ./palabre users add alice --audience network");
      return 2;
    }
    char[] keyStorePassword = null;
    if (keyStore != null) {
      String env = System.getenv("PALABRE_KEYSTORE_PASSWORD");
      if (env == null) {
        System.err.println("palabre: --keystore needs its password in the environment variable PALABRE_KEYSTORE_PASSWORD");
        return 2;
      }
      keyStorePassword = env.toCharArray();
    }
    try (JdbcEndpoint endpoint = JdbcEndpoint.start(new JdbcEndpoint.Options(host, port, warehouse, users, keyStore, keyStorePassword,
        new JdbcEndpoint.Limits(maxRows, queryTimeout, memoryLimit)), System.err)) {
      String scheme = keyStore != null ? "https" : "http";
      if (keyStore == null) {
        System.err.println("WARNING: no TLS certificate (--keystore): passwords and data cross the network in clear text.");
        System.err.println("WARNING: serve on 127.0.0.1 only, or behind a TLS proxy, or give --keystore.");
      }
      System.out.printf("Serving %s read-only on %s://%s:%d (Ctrl-C to stop)%n", warehouse, scheme, host, endpoint.port());
      System.out.printf("JDBC URL: jdbc:avatica:remote:url=%s://%s:%d;serialization=JSON;authentication=BASIC (catalog palabre, schema marts)%n",
          scheme, host, endpoint.port());
      System.out.printf("Limits per query: %,d rows, %d s; memory of each audience's database: %s%n", maxRows, queryTimeout, memoryLimit);
      System.out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          endpoint.close();
        } catch (Exception ignored) {
          // stopping anyway
        }
      }));
      endpoint.join();
    }
    return 0;
  }
}
