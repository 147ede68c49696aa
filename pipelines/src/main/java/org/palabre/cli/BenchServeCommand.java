package org.palabre.cli;

import java.util.concurrent.Callable;
import org.palabre.serve.ServeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palabre bench-serve}: rows/s fetched through the JDBC endpoint next to in-process DuckDB. */
@Command(name = "bench-serve", mixinStandardHelpOptions = true,
    description = "Benchmark the JDBC endpoint: fetch N rows through it (127.0.0.1) and with DuckDB in process, same run, and print rows/s.")
final class BenchServeCommand implements Callable<Integer> {

  @Option(names = "--rows", defaultValue = "1000000", description = "Rows to fetch (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--fetch-size", defaultValue = "10000", description = "Rows per frame the client asks for (default: ${DEFAULT-VALUE}).")
  int fetchSize;

  @Override
  public Integer call() throws Exception {
    ServeBenchmark.run(rows, fetchSize, System.out);
    return 0;
  }
}
