package org.palabre.job;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.Lake;
import org.palabre.lake.RunFiles;
import org.palabre.reports.RunReport;
import org.palabre.serve.Publications;
import org.palabre.warehouse.PublishedReports;
import org.palabre.warehouse.WarehouseBuild;

/**
 * The job every command that changes the lake or the warehouse calls: {@code palabre run} (ingest
 * then build and publish, printing the load report, the codes not mapped yet, the quarantine and
 * the headline indicators; a run with nothing new and a warehouse up to date rebuilds nothing),
 * its halves {@code ingest} and {@code build}, {@code run --dry-run} and {@code withdraw}. Each
 * method returns the command's exit status and says a failed build once, the same way.
 *
 * <pre>{@code
 * int status = new PalabreJob(new PalabreJob.Options(input, lake, warehouse, schemas, beamArgs, false, false))
 *     .run(System.out, System.err);
 * }</pre>
 */
public final class PalabreJob {

  /**
   * Where the input, lake and warehouse are, the CSVs that replace shipped ones (null: none), the
   * Beam arguments, and whether a quarantine makes the run fail (status 3).
   */
  public record Options(Path input, Path lake, Path warehouse, Path schemas, List<String> beamArgs, boolean strict, boolean fullBuild) {}

  private final Options options;

  public PalabreJob(Options options) {
    this.options = options;
  }

  /**
   * Runs the job.
   *
   * @return 0; 2 when the build failed (the previous warehouse is unchanged); 3 with {@code strict}
   *     when source rows are held in quarantine (the warehouse is published)
   */
  public int run(PrintStream out, PrintStream err) throws Exception {
    IngestJob.Result ingest = ingestInto(options.lake(), out, false);
    if (ingest.newFiles() == 0) {
      // no load report comes for a run that read nothing: the files left out are said here
      RunReport.printIgnored(out, ingest.ignored());
    }
    out.println();
    try {
      WarehouseBuild builder = new WarehouseBuild(options.lake(), options.warehouse(), out).withSchemas(options.schemas()).full(options.fullBuild());
      if (ingest.newFiles() == 0 && builder.upToDate()) {
        out.println("Nothing new: the warehouse is up to date (" + options.warehouse() + ")");
        out.println();
        Publications.afterBuild(options.warehouse(), out);
        RunReport.printHeadlines(out, options.warehouse());
        return 0;
      }
      WarehouseBuild.Result build = builder.run(ingest.runId());
      RunReport.printBuild(out, build);
      if (ingest.newFiles() > 0) {
        RunReport.printLoadReport(out, ingest.runId(), PublishedReports.loadReport(build.warehouse(), ingest.runId()), ingest.ignored());
      }
      RunReport.printUnmapped(out, build.warehouse());
      long held = RunReport.printQuarantine(out, build.warehouse());
      RunReport.printOutliers(out, build.warehouse());
      Publications.afterBuild(build.warehouse(), out);
      RunReport.printHeadlines(out, build.warehouse());
      if (options.strict() && held > 0) {
        err.println("palabre: --strict: " + held + " source rows are held in quarantine (the warehouse was published)");
        return 3;
      }
      return 0;
    } catch (WarehouseBuild.BuildFailure e) {
      return buildFailed(e, err);
    }
  }

  /**
   * {@code palabre build}: builds and publishes the warehouse from the lake as it is (a new run id,
   * no Beam), then prints the build and the headline indicators.
   *
   * @return 0, or 2 when the build failed (the previous warehouse is unchanged)
   */
  public int build(PrintStream out, PrintStream err) throws Exception {
    try {
      WarehouseBuild.Result result = new WarehouseBuild(options.lake(), options.warehouse(), out).withSchemas(options.schemas()).full(options.fullBuild())
          .run(RunFiles.newRunId());
      RunReport.printBuild(out, result);
      Publications.afterBuild(result.warehouse(), out);
      RunReport.printHeadlines(out, result.warehouse());
      return 0;
    } catch (WarehouseBuild.BuildFailure e) {
      return buildFailed(e, err);
    }
  }

  /**
   * {@code palabre ingest}: the new files of the input into the lake, then the load report as the
   * readers counted it (no build: no build-time holds).
   *
   * @return 0
   */
  public int ingest(PrintStream out, PrintStream err) throws Exception {
    RunReport.printLoadReport(out, ingestInto(options.lake(), out, true));
    return 0;
  }

  /**
   * {@code palabre withdraw}: the delivery named by {@code fileOrSha} out of the lake, and the
   * warehouse rebuilt and published without it ({@link WithdrawJob}).
   *
   * @return 0; 1 when nothing in the lake matches; 2 when the rebuild failed (the delivery is
   *     withdrawn, the previous warehouse stays published)
   */
  public int withdraw(String fileOrSha, String withdrawnBy, String reason, boolean dryRun, PrintStream out, PrintStream err)
      throws Exception {
    try {
      WithdrawJob.Result result = new WithdrawJob(new WithdrawJob.Options(options.lake(), options.warehouse(), options.schemas()), out)
          .run(fileOrSha, withdrawnBy, reason, dryRun);
      if (result.build() != null) {
        RunReport.printBuild(out, result.build());
        Publications.afterBuild(result.build().warehouse(), out);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("palabre: " + e.getMessage());
      return 1;
    } catch (WarehouseBuild.BuildFailure e) {
      return buildFailed("the delivery is withdrawn from the lake, but the rebuild failed: " + e.getMessage(),
          "; the next run or build publishes the warehouse without the delivery", err);
    }
  }

  /** {@code loadReport}: read the load records even when no file is new (the ingest command prints them). */
  private IngestJob.Result ingestInto(Path lake, PrintStream out, boolean loadReport) throws Exception {
    return new IngestJob(new IngestJob.Options(options.input(), lake, options.beamArgs()), out).run(loadReport);
  }

  private int buildFailed(WarehouseBuild.BuildFailure e, PrintStream err) {
    return buildFailed(e.getMessage(), "", err);
  }

  private int buildFailed(String message, String then, PrintStream err) {
    err.println("palabre: " + message);
    err.println("The previous warehouse, if any, is unchanged: " + options.warehouse() + then);
    return 2;
  }

  /**
   * The whole job on scratch copies: what a real run would load, reject and flag, with nothing
   * published ({@code run --dry-run}).
   *
   * @return 0, or 2 when the build failed
   */
  public int dryRun(PrintStream out, PrintStream err) throws Exception {
    Path scratch = Files.createTempDirectory("palabre-dry-run-");
    try {
      out.println("Dry run: checking " + options.input() + " in a scratch lake; nothing will be published.");
      Path warehouse = scratch.resolve("check.duckdb");
      IngestJob.Result ingest = ingestInto(scratch.resolve("lake"), out, false);
      new WarehouseBuild(scratch.resolve("lake"), warehouse, out).withSchemas(options.schemas()).run(ingest.runId());
      out.println();
      RunReport.printQuery(out, warehouse, "Load report of the delivery (validation included)",
          "select source_family as family, source_file as file, rows_read as read, rows_loaded as loaded,"
              + " rows_rejected as rejected, warnings from marts.load_report order by source_file");
      RunReport.printQuery(out, warehouse, "Rejected rows",
          "select source_file as file, source_line as line, reason from marts.rejected_rows order by source_file, source_line");
      RunReport.printQuery(out, warehouse, "Validation warnings (rows kept)",
          "select source_file as file, source_line as line, rule_id, detail from marts.validation_results"
              + " where severity = 'warning' order by source_file, source_line");
      out.println("Dry run finished: nothing was published (" + options.lake() + " and " + options.warehouse() + " are unchanged).");
      return 0;
    } catch (WarehouseBuild.BuildFailure e) {
      err.println("palabre: " + e.getMessage());
      out.println("Dry run stopped: nothing was published.");
      return 2;
    } finally {
      Lake.deleteTree(scratch);
    }
  }
}
