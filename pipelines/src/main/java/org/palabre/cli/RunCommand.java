package org.palabre.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.palabre.ingest.IngestJob;
import org.palabre.warehouse.WarehouseBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code palabre run}: the whole job, ingest then build, with the load report and the headline indicators. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Ingest the member files of --input, build and publish the warehouse, print the load report and headline indicators.")
final class RunCommand implements Callable<Integer> {

  @Mixin PathsMixin paths;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    IngestJob.Result ingest = new IngestJob(new IngestJob.Options(paths.input, paths.lake, paths.beamArgs()), out).run();
    Reports.printLoadReport(out, ingest);
    try {
      WarehouseBuild builder = new WarehouseBuild(paths.lake, paths.warehouse, out);
      if (ingest.newFiles() == 0 && builder.upToDate()) {
        out.println("Nothing new: the warehouse is up to date (" + paths.warehouse + ")");
        out.println();
        Reports.printHeadlines(out, paths.warehouse);
        return 0;
      }
      WarehouseBuild.Result build = builder.run(ingest.runId());
      Reports.printBuild(out, build);
      Reports.printHeadlines(out, build.warehouse());
      return 0;
    } catch (WarehouseBuild.BuildFailure e) {
      System.err.println("palabre: " + e.getMessage());
      System.err.println("The previous warehouse, if any, is unchanged: " + paths.warehouse);
      return 2;
    }
  }
}
