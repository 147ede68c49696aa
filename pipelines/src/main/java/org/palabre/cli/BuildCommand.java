package org.palabre.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.palabre.job.PalabreJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palabre build}: the lake into a new warehouse, published only when every model and test passed. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Run the SQL models and their data tests on the lake and publish the warehouse atomically.")
final class BuildCommand implements Callable<Integer> {

  @Mixin PathsMixin paths;

  @Option(names = "--full", description = "Build every model again from the whole lake into a new file, instead of updating a"
      + " copy of the published warehouse with the deliveries, mappings and models that changed since it was built.")
  boolean full;

  @Override
  public Integer call() throws Exception {
    return new PalabreJob(new PalabreJob.Options(paths.input, paths.lake, paths.warehouse, paths.schemas, List.of(), false, full))
        .build(System.out, System.err);
  }
}
