package org.palabre.cli;

import java.util.concurrent.Callable;
import org.palabre.serve.PostgresTarget;
import org.palabre.serve.ServeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palabre bench-serve}: rows/s fetched through the Avatica endpoint, through PostgreSQL and in process. */
@Command(name = "bench-serve", mixinStandardHelpOptions = true,
    description = {"Benchmark serving: fetch N rows through the Avatica endpoint (127.0.0.1), through PostgreSQL after palabre publish,"
        + " and with DuckDB in process, same run, and print rows/s.",
        "PostgreSQL is --postgres (the admin's password from PGPASSWORD or ~/.pgpass), else a scratch cluster of Debian's postgresql binaries."})
final class BenchServeCommand implements Callable<Integer> {

  @Option(names = "--rows", defaultValue = "1000000", description = "Rows to fetch (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--fetch-size", defaultValue = "10000", description = "Rows per frame the client asks for (default: ${DEFAULT-VALUE}).")
  int fetchSize;

  @Option(names = "--postgres", paramLabel = "URL", description = "postgresql://ADMIN@HOST:PORT/DATABASE to publish into and read from"
      + " (default: a scratch cluster). Its marts schema is replaced by the benchmark's.")
  String postgres;

  @Override
  public Integer call() throws Exception {
    ServeBenchmark.run(rows, fetchSize, postgres == null ? null : PostgresTarget.parse(postgres, System.getenv()), System.out);
    return 0;
  }
}
