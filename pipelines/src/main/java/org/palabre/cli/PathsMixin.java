package org.palabre.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code run}, {@code ingest} and {@code build} share: where the input, lake and warehouse are. */
final class PathsMixin {

  @Option(names = "--input", defaultValue = "data-samples", description = "Folder of member deliveries, one sub-folder per source family (default: ${DEFAULT-VALUE}).")
  Path input;

  @Option(names = "--lake", defaultValue = "lake", description = "Parquet lake folder (default: ${DEFAULT-VALUE}).")
  Path lake;

  @Option(names = "--warehouse", defaultValue = "warehouse/palabre.duckdb", description = "DuckDB warehouse file (default: ${DEFAULT-VALUE}).")
  Path warehouse;

  @Option(names = "--runner", defaultValue = "DirectRunner", description = "Beam runner (default: ${DEFAULT-VALUE}). Other --name=value options go to Beam as they are.")
  String runner;

  @Option(names = "--schemas", description = "Folder of CSVs that replace the shipped ones of schemas/ at build time"
      + " (same relative paths, e.g. indicators/indicator_catalogue.csv): add an indicator or change a setting as data.")
  Path schemas;

  /**
   * The Beam arguments: the runner, then the command's other {@code --name=value} options as they
   * are. Those are the command's {@code @Unmatched} list: picocli ignores {@code @Unmatched} in a
   * mixin (then refuses them as unknown options), so each Beam-running command declares its own.
   */
  List<String> beamArgs(List<String> beamOptions) {
    List<String> args = new ArrayList<>();
    args.add("--runner=" + runner);
    for (String option : beamOptions) {
      if (!option.startsWith("--") || !option.contains("=")) {
        throw new IllegalArgumentException("unknown argument '" + option + "': Beam options are written --name=value");
      }
      args.add(option);
    }
    return args;
  }
}
