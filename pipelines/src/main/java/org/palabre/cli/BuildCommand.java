package org.palabre.cli;

import java.util.concurrent.Callable;
import org.palabre.reports.RunReport;
import org.palabre.lake.RunFiles;
import org.palabre.serve.Publications;
import org.palabre.warehouse.WarehouseBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code palabre build}: the lake into a new warehouse, published only when every model and test passed. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Run the SQL models and their data tests on the lake and publish the warehouse atomically.")
final class BuildCommand implements Callable<Integer> {

  @Mixin PathsMixin paths;

  @Override
  public Integer call() throws Exception {
    try {
      WarehouseBuild.Result result = new WarehouseBuild(paths.lake, paths.warehouse, System.out).withSchemas(paths.schemas).run(RunFiles.newRunId());
      RunReport.printBuild(System.out, result);
      Publications.afterBuild(result.warehouse(), System.out);
      RunReport.printHeadlines(System.out, result.warehouse());
      return 0;
    } catch (WarehouseBuild.BuildFailure e) {
      System.err.println("palabre: " + e.getMessage());
      System.err.println("The previous warehouse, if any, is unchanged: " + paths.warehouse);
      return 2;
    }
  }
}
