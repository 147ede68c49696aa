package org.palabre.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.palabre.generate.SyntheticDeliveries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palabre generate}: synthetic deliveries in every input format, for benchmarks and scale tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write synthetic member deliveries (every input format, realistic variations, a few bad rows) under --out;"
        + " the same files for the same --rows and --seed.")
final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--rows", defaultValue = "1000000", description = "Input rows in all (default: ${DEFAULT-VALUE}); about 98%% are Samusocial report rows.")
  long rows;

  @Option(names = "--out", required = true, description = "Folder to write into (an --input folder for run/ingest).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    SyntheticDeliveries.Summary summary = new SyntheticDeliveries(rows, seed).writeTo(out);
    System.out.printf("Wrote %d files (%.1f MB) under %s in %.1f s: %d report rows, %d other rows, %d bad rows on purpose%n",
        summary.files(), summary.bytes() / 1e6, out, (System.nanoTime() - started) / 1e9, summary.reportRows(), summary.otherRows(),
        summary.badRows());
    return 0;
  }
}
