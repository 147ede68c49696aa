package org.palabre.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.palabre.serve.DataDictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palabre docs}: the data dictionary, one self-contained HTML page (of the warehouse, or of an audience file). */
@Command(name = "docs", mixinStandardHelpOptions = true,
    description = "Write the data dictionary (indicators, marts with their English and French column labels, lineage from input format to"
        + " mart) as one HTML page; --warehouse may be an audience file (warehouse/audiences/<member>.duckdb).")
final class DocsCommand implements Callable<Integer> {

  @Option(names = "--out", defaultValue = "warehouse/docs", description = "Folder to write index.html into (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin PublishedWarehouse published;

  @Override
  public Integer call() throws Exception {
    if (published.missing()) {
      return 2;
    }
    System.out.println("Data dictionary written: " + DataDictionary.write(published.path, out).toAbsolutePath());
    return 0;
  }
}
