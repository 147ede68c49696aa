package org.palabre.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.palabre.reports.RunReport;
import org.palabre.job.WithdrawJob;
import org.palabre.serve.AudienceWarehouses;
import org.palabre.warehouse.WarehouseBuild;
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
    try {
      WithdrawJob.Result result = new WithdrawJob(new WithdrawJob.Options(lake, warehouse, schemas), System.out)
          .run(delivery, by, reason, dryRun);
      if (result.build() != null) {
        RunReport.printBuild(System.out, result.build());
        AudienceWarehouses.publish(result.build().warehouse(), System.out);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("palabre: " + e.getMessage());
      return 1;
    } catch (WarehouseBuild.BuildFailure e) {
      System.err.println("palabre: the delivery is withdrawn from the lake, but the rebuild failed: " + e.getMessage());
      System.err.println("The previous warehouse, if any, is unchanged: " + warehouse + "; the next run or build publishes"
          + " the warehouse without the delivery");
      return 2;
    }
  }
}
