package org.palabre.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.palabre.job.PalabreJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code palabre build}: the lake into a new warehouse, published only when every model and test passed. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Run the SQL models and their data tests on the lake and publish the warehouse atomically.")
final class BuildCommand implements Callable<Integer> {

  @Mixin PathsMixin paths;

  @Override
  public Integer call() throws Exception {
    return new PalabreJob(new PalabreJob.Options(paths.input, paths.lake, paths.warehouse, paths.schemas, List.of(), false))
        .build(System.out, System.err);
  }
}
