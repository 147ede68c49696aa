package org.palabre.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.palabre.job.PalabreJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code palabre run}: the whole job ({@link PalabreJob}), ingest then build, with the load report and the headline indicators. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Ingest the member files of --input, build and publish the warehouse, print the load report and headline indicators.")
final class RunCommand implements Callable<Integer> {

  @Mixin PathsMixin paths;

  /** Beam's own options ({@code --targetParallelism=2}, {@code --sparkMaster=local[2]}), passed on as they are. */
  @Unmatched List<String> beamOptions = new java.util.ArrayList<>();

  @Option(names = "--dry-run", description = "Check the delivery (reading, rejects, validation rules) in a scratch lake and warehouse;"
      + " publish nothing and leave --lake and --warehouse untouched.")
  boolean dryRun;

  @Option(names = "--strict", description = "Exit with status 3 when the build holds any source row in quarantine"
      + " (for scheduled jobs that must stop; the warehouse is still published).")
  boolean strict;

  @Option(names = "--full-build", description = "Build the warehouse again from the whole lake (as build --full) instead of"
      + " updating it with what changed since it was published.")
  boolean fullBuild;

  @Override
  public Integer call() throws Exception {
    PalabreJob job = new PalabreJob(new PalabreJob.Options(paths.input, paths.lake, paths.warehouse, paths.schemas,
        paths.beamArgs(beamOptions), strict, fullBuild));
    return dryRun ? job.dryRun(System.out, System.err) : job.run(System.out, System.err);
  }
}
