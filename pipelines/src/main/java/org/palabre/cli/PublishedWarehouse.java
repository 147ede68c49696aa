package org.palabre.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --warehouse} option of the commands that read the published warehouse, and the check that it exists. */
final class PublishedWarehouse {

  @Option(names = "--warehouse", defaultValue = "warehouse/palabre.duckdb", description = "DuckDB warehouse file (default: ${DEFAULT-VALUE}).")
  Path path;

  /** True, after saying what to do, when no warehouse has been published yet. */
  boolean missing() {
    return missing(path);
  }

  static boolean missing(Path warehouse) {
    if (Files.exists(warehouse)) {
      return false;
    }
    System.err.println("palabre: no warehouse at " + warehouse + ": run ./palabre run first");
    return true;
  }
}
