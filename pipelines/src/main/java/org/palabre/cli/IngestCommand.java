package org.palabre.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.palabre.job.PalabreJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code palabre ingest}: member files into the lake, with the load report; no warehouse build. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read the new member files of --input into the Parquet lake and print the load report.")
final class IngestCommand implements Callable<Integer> {

  @Mixin PathsMixin paths;

  /** Beam's own options ({@code --targetParallelism=2}, {@code --sparkMaster=local[2]}), passed on as they are. */
  @Unmatched List<String> beamOptions = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return new PalabreJob(new PalabreJob.Options(paths.input, paths.lake, paths.warehouse, paths.schemas, paths.beamArgs(beamOptions),
        false, false)).ingest(System.out, System.err);
  }
}
