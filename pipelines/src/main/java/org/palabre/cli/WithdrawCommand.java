package org.palabre.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.palabre.job.PalabreJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code palabre withdraw FILE|SHA256}: a delivery out of the lake, and the warehouse rebuilt without it. */
@Command(name = "withdraw", mixinStandardHelpOptions = true,
    description = {"Take a delivery out of the lake and rebuild the warehouse without it. Its files are kept in"
        + " <lake>/_withdrawn/<run>/ for audit and the withdrawal is a row of marts.runs (status 'withdrawn').",
        "The same file left unchanged in the input is not read again; a new copy of it is read as a new delivery."})
final class WithdrawCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE|SHA256", description = "The delivery: its name as the load report shows it (iati/afd.xml),"
      + " a path to the delivered file, its SHA-256 (file_sha256 of marts.load_report) or its delivery key.")
  String delivery;

  @Option(names = "--lake", defaultValue = "lake", description = "Parquet lake folder (default: ${DEFAULT-VALUE}).")
  Path lake;

  @Option(names = "--warehouse", defaultValue = "warehouse/palabre.duckdb", description = "DuckDB warehouse file (default: ${DEFAULT-VALUE}).")
  Path warehouse;

  @Option(names = "--schemas", description = "Folder of CSVs that replace the shipped ones of schemas/ at build time.")
  Path schemas;

  @Option(names = "--by", description = "Who withdraws it, for marts.runs (default: the system user, ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.name}")
  String by;

  @Option(names = "--reason", description = "Why, for marts.runs.")
  String reason;

  @Option(names = "--dry-run", description = "Say what would be withdrawn; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    return new PalabreJob(new PalabreJob.Options(null, lake, warehouse, schemas, List.of(), false, false))
        .withdraw(delivery, by, reason, dryRun, System.out, System.err);
  }
}
