package org.palabre.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.palabre.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code palabre bench}: Palabre against its two baselines on the same generated data, in one run
 * ({@link Bench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark: generate deliveries, then time DuckDB's read_csv -> Parquet (the ingest baseline), Palabre's ingest,"
        + " the warehouse build, a hand-written query of the same sums (the build baseline), re-runs with nothing new, one new"
        + " file, one corrected file and one mapping line changed; print the table and one line per target.")
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--rows", defaultValue = "1000000", description = "Rows to generate (default: ${DEFAULT-VALUE}; try 10000000).")
  long rows;

  @Option(names = "--work", defaultValue = "target/bench", description = "Scratch folder (default: ${DEFAULT-VALUE}); emptied first.")
  Path work;

  @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of each step's JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--duckdb-memory", defaultValue = "4GB",
      description = "DuckDB memory limit of each step (default: ${DEFAULT-VALUE}), as PALABRE_DUCKDB_MEMORY_LIMIT sets it.")
  String duckdbMemory;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--keep", description = "Keep the scratch folder (generated data, lake, warehouse) afterwards.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    return new Bench(Palabre.class.getName(), rows, work, heap, duckdbMemory, seed, keep).run(System.out);
  }
}
