package org.palabre.sources;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;

/**
 * The per-file reader of every source family, one input file per element: hands the file to the
 * family's {@link FileParser}, which adds its rows to the lake tables through {@link FileRows}
 * (as elements, or straight into the file's Parquet parts when a staging root is given), counts
 * them, and adds the file's load record. A file that cannot be read at all is rejected whole at
 * line 0 with the reason and what to check, its rows already added are dropped, the file itself
 * is kept in the lake's {@code rejected_files} (unless its family may hold personal data), and
 * the run goes on. The file is the unit of work: nothing is shuffled or grouped.
 */
public final class ReadFileFn extends DoFn<InputFile, FileLoad> {

  private final String runId;
  private final FileParser parser;
  private final String stagingRoot;
  private final Counter rowsLoaded;
  private final Counter rowsRejected;

  /** @param stagingRoot where to write the files' Parquet parts; null sends the rows on as elements */
  public ReadFileFn(String runId, String family, FileParser parser, String stagingRoot) {
    this.runId = runId;
    this.parser = parser;
    this.stagingRoot = stagingRoot;
    this.rowsLoaded = Metrics.counter(family, "rows_loaded");
    this.rowsRejected = Metrics.counter(family, "rows_rejected");
  }

  @Setup
  public void setup() throws java.io.IOException {
    parser.setup();
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    try (FileRows rows = FileRows.of(stagingRoot, file, out)) {
      Delivery delivery = Delivery.of(runId, file);
      FileLoad load;
      try {
        load = parser.read(file, delivery, rows);
      } catch (FileRows.LakeWriteFailure e) {
        throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
      } catch (Exception e) {
        load = rejectedWhole(file, delivery, rows, e);
      }
      rowsLoaded.inc(load.rowsLoaded());
      rowsRejected.inc(load.rowsRejected());
      rows.add(LakeTable.FILE_LOADS, load);
    }
  }

  private FileLoad rejectedWhole(InputFile file, Delivery delivery, FileRows rows, Exception e) {
    // the file loads nothing (elements already sent cannot be taken back)
    rows.discard();
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(0, "the file could not be read: " + message + "; "
        + parser.whatToCheck(), ""));
    String kept = "";
    if (parser.keepsRejectedFiles()) {
      rows.keepRejectedFile(file);
      kept = "the file as delivered is kept in the lake's rejected_files for whoever fixes it";
    }
    return new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable", "", "", 1, 0, 1, 0,
        kept);
  }
}
