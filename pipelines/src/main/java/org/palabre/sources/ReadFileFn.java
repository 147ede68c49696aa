package org.palabre.sources;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.privacy.PersonalColumns;
import java.util.Set;

/**
 * The per-file reader of every source family, one input file per element: hands the file to the
 * family's {@link FileParser}, which adds its rows to the lake tables through {@link LakeRowSink}
 * (as elements, or straight into the file's Parquet parts when a staging root is given), counts
 * them, and adds the file's load record. A file that cannot be read at all is rejected whole at
 * line 0 with the reason and what to check, its rows already added are dropped, the file itself
 * is kept in the lake's {@code rejected_files} (unless its family may hold personal data), and the
 * run goes on.
 *
 * <p>Privacy, for every family: a file whose first lines name a personal column ({@link
 * PersonalColumns}: a name, a patient code, a date of birth, a phone number; a list of people
 * misfiled) is never kept as delivered, and its rejected rows keep their line and reason but not
 * their text, the values their reasons quote masked. The file is the unit of work: nothing is shuffled or grouped.
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
    Set<String> listOfPeople = parser.screensListsOfPeople() ? headersOfListOfPeople(file) : Set.of();
    try (LakeRowSink rows = listOfPeople.isEmpty() ? sinkFor(file, out) : new WithoutRowText(sinkFor(file, out), listOfPeople)) {
      Delivery delivery = Delivery.of(runId, file);
      FileLoad load;
      try {
        load = parser.read(file, delivery, rows);
      } catch (LakeRowSink.LakeWriteFailure e) {
        throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
      } catch (Exception e) {
        load = rejectedWhole(file, delivery, rows, e, listOfPeople.isEmpty());
      }
      rowsLoaded.inc(load.rowsLoaded());
      rowsRejected.inc(load.rowsRejected());
      rows.add(LakeTable.FILE_LOADS, load);
    }
  }

  /**
   * Where the file's rows go: as elements of the reader's output when {@code stagingRoot} is null,
   * else into the file's part of each table, {@code <stagingRoot>/<table>/<family>/<delivery
   * key>/part-<first 16 characters of the delivery key>.parquet} ({@link
   * org.palabre.lake.LakePartWriter}), opened at the table's first row: a table the file has no row
   * for gets no part. Names depend on the file only, so a retried bundle overwrites its parts. The
   * file-loads row is also sent on as an element, so the reader's tuple still tells which files
   * were read.
   */
  private LakeRowSink sinkFor(InputFile file, MultiOutputReceiver out) {
    return stagingRoot == null ? new ElementSink(out) : new LakePartSink(stagingRoot, file, out);
  }

  private FileLoad rejectedWhole(InputFile file, Delivery delivery, LakeRowSink rows, Exception e, boolean mayKeep) {
    // the file loads nothing (elements already sent cannot be taken back)
    rows.discard();
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(0, "the file could not be read: " + message + "; "
        + parser.whatToCheck(), ""));
    String kept = "";
    if (parser.keepsRejectedFiles() && mayKeep) {
      rows.keepRejectedFile(file);
      kept = "the file as delivered is kept in the lake's rejected_files for whoever fixes it";
    }
    return new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable", "", "", 1, 0, 1, 0,
        kept);
  }

  /**
   * The headers of the file when its first 64 KB, read as text (UTF-8, else Latin-1), name a
   * personal column; empty otherwise, and for a file that cannot be opened (the parser says why).
   */
  private static Set<String> headersOfListOfPeople(InputFile file) {
    try (java.io.InputStream in = FileParser.open(file)) {
      byte[] head = in.readNBytes(1 << 16);
      Set<String> headers = PersonalColumns.headersOfListOfPeople(new String(head, java.nio.charset.StandardCharsets.UTF_8));
      return headers.isEmpty()
          ? PersonalColumns.headersOfListOfPeople(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)) : headers;
    } catch (java.io.IOException | RuntimeException e) {
      return Set.of();
    }
  }
}
