package org.palabre.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.palabre.ingest.IngestJob;
import org.palabre.warehouse.PublishedReports;
import org.palabre.warehouse.WarehouseBuild;
import picocli.CommandLine.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import org.palabre.lake.Lake;
import org.palabre.serve.Publications;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code palabre run}: the whole job, ingest then build, with the load report and the headline indicators. */
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

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if (dryRun) {
      return dryRun(out);
    }
    IngestJob.Result ingest = new IngestJob(new IngestJob.Options(paths.input, paths.lake, paths.beamArgs(beamOptions)), out).run();
    if (ingest.newFiles() == 0) {
      // no load report comes for a run that read nothing: the files left out are said here
      Reports.printIgnored(out, ingest.ignored());
    }
    out.println();
    try {
      WarehouseBuild builder = new WarehouseBuild(paths.lake, paths.warehouse, out).withSchemas(paths.schemas);
      if (ingest.newFiles() == 0 && builder.upToDate()) {
        out.println("Nothing new: the warehouse is up to date (" + paths.warehouse + ")");
        out.println();
        Publications.afterBuild(paths.warehouse, out);
        Reports.printHeadlines(out, paths.warehouse);
        return 0;
      }
      WarehouseBuild.Result build = builder.run(ingest.runId());
      Reports.printBuild(out, build);
      if (ingest.newFiles() > 0) {
        Reports.printLoadReport(out, ingest.runId(), PublishedReports.loadReport(build.warehouse(), ingest.runId()), ingest.ignored());
      }
      Reports.printUnmapped(out, build.warehouse());
      long held = Reports.printQuarantine(out, build.warehouse());
      Publications.afterBuild(build.warehouse(), out);
      Reports.printHeadlines(out, build.warehouse());
      if (strict && held > 0) {
        System.err.println("palabre: --strict: " + held + " source rows are held in quarantine (the warehouse was published)");
        return 3;
      }
      return 0;
    } catch (WarehouseBuild.BuildFailure e) {
      System.err.println("palabre: " + e.getMessage());
      System.err.println("The previous warehouse, if any, is unchanged: " + paths.warehouse);
      return 2;
    }
  }

  /** The whole job on scratch copies: what a real run would load, reject and flag, with nothing published. */
  private int dryRun(PrintStream out) throws Exception {
    Path scratch = Files.createTempDirectory("palabre-dry-run-");
    try {
      out.println("Dry run: checking " + paths.input + " in a scratch lake; nothing will be published.");
      Path warehouse = scratch.resolve("check.duckdb");
      IngestJob.Result ingest = new IngestJob(new IngestJob.Options(paths.input, scratch.resolve("lake"), paths.beamArgs(beamOptions)), out).run();
      new WarehouseBuild(scratch.resolve("lake"), warehouse, out).withSchemas(paths.schemas).run(ingest.runId());
      out.println();
      Reports.printQuery(out, warehouse, "Load report of the delivery (validation included)",
          "select source_family as family, source_file as file, rows_read as read, rows_loaded as loaded,"
              + " rows_rejected as rejected, warnings from marts.load_report order by source_file");
      Reports.printQuery(out, warehouse, "Rejected rows",
          "select source_file as file, source_line as line, reason from marts.rejected_rows order by source_file, source_line");
      Reports.printQuery(out, warehouse, "Validation warnings (rows kept)",
          "select source_file as file, source_line as line, rule_id, detail from marts.validation_results"
              + " where severity = 'warning' order by source_file, source_line");
      out.println("Dry run finished: nothing was published (" + paths.lake + " and " + paths.warehouse + " are unchanged).");
      return 0;
    } catch (WarehouseBuild.BuildFailure e) {
      System.err.println("palabre: " + e.getMessage());
      return 2;
    } finally {
      Lake.deleteTree(scratch);
    }
  }
}
