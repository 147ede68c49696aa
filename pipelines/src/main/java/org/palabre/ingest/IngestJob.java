package org.palabre.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.palabre.lake.ExclusiveLock;
import org.palabre.lake.Lake;
import org.palabre.lake.RunFiles;
import org.palabre.model.InputFile;
import org.palabre.model.LoadReportRow;

/**
 * The ingest half of {@code palabre run}, under the lake's lock: the plan ({@link DeliveryPlan}:
 * the delivered files, and the content already in the lake left out whatever the file is called),
 * the Beam pipeline that reads the new files and publishes each delivery into the lake
 * ({@link BeamLaunch}), then the run's files ({@link RunLog}: {@code
 * lake/_runs/<run_id>.load_report.parquet} and its log line).
 */
public final class IngestJob {

  /**
   * Where to read, where to write, and the Beam arguments ({@code --runner=...}).
   *
   * @param runDate the run's date, for the one date policy (no period after the run date, {@link
   *     org.palabre.text.Periods#afterRunDate}): null is today (UTC); a test fixes it. It is the
   *     date part of the run id, which the readers read it from.
   */
  public record Options(Path input, Path lake, List<String> beamArgs, java.time.LocalDate runDate) {

    public Options(Path input, Path lake, List<String> beamArgs) {
      this(input, lake, beamArgs, null);
    }
  }

  /** What a run that reads no file says (and no Beam pipeline is built): the benchmark looks for it. */
  public static final String NOTHING_TO_INGEST = "nothing new to ingest";

  /** What a run did: its id, its load report as the readers counted it, the files left out, and how many files it read. */
  public record Result(String runId, List<LoadReportRow> report, List<String> ignored, int newFiles) {

    public long rowsRead() {
      return report.stream().mapToLong(LoadReportRow::rowsRead).sum();
    }
  }

  private final Options options;
  private final PrintStream out;

  public IngestJob(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public Result run() throws IOException, SQLException {
    return run(true);
  }

  /**
   * Runs the ingest. {@code reportWhenNothingRead} false: a run that reads no file returns an empty
   * load report instead of reading every delivery's load record again (what {@code palabre run}
   * does: it prints no load report then; 0.4 s of a 1.5 s run with nothing new, at 1M rows).
   */
  public Result run(boolean reportWhenNothingRead) throws IOException, SQLException {
    try (ExclusiveLock lock = ExclusiveLock.take(options.lake().resolve(".lock"), "the lake")) {
      return runLocked(reportWhenNothingRead);
    }
  }

  private Result runLocked(boolean reportWhenNothingRead) throws IOException, SQLException {
    String runId = RunFiles.newRunId(options.runDate());
    long started = System.currentTimeMillis();
    Lake lake = new Lake(options.lake());
    lake.recover();
    out.printf("Scanning %s ...%n", options.input());
    DeliveryPlan plan = DeliveryPlan.of(options.input(), lake);
    List<InputFile> toRead = plan.toRead();
    out.printf("  %d files found, %d new%s%n", plan.files().size(), toRead.size(),
        plan.ignored().isEmpty() ? "" : ", " + plan.ignored().size() + " ignored");
    BeamLaunch beam = new BeamLaunch(options.beamArgs(), out);
    if (toRead.isEmpty()) {
      out.println("  " + NOTHING_TO_INGEST);
    } else {
      beam.readAndPublish(runId, plan, lake).forEach(plan::changedWhileRead);
    }
    List<LoadReportRow> report = toRead.isEmpty() && !reportWhenNothingRead ? List.of()
        : RunLog.loadReport(runId, plan.files(), plan.statusByFile(), lake);
    Result result = new Result(runId, report, plan.ignored(), toRead.size());
    if (!toRead.isEmpty()) {
      // a run that changed nothing leaves no trace, so the warehouse stays up to date
      RunLog.writeLoadReport(lake, runId, report);
      RunLog.writeRunLog(lake, result, started, beam.runner(), options.input());
    }
    return result;
  }
}
