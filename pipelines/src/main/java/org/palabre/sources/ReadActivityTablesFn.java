package org.palabre.sources;

import java.io.InputStream;
import java.io.Reader;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Observation;
import org.palabre.model.ParseSink;
import org.palabre.sources.tabular.ActivityTableParser;
import org.palabre.text.TextDecoding;

/**
 * Reads whole activity-table files, one file per element: detects the encoding, parses, validates
 * and harmonises each row with {@link ActivityTableParser}, and adds figures to {@code
 * observations}, bad rows to {@code rejected_rows} and the file's accounting to {@code file_loads}
 * through {@link FileRows} (as elements, or straight into the file's Parquet parts when a staging
 * root is given). The file is the unit of work, so no shuffle is needed; a file that cannot be read
 * at all is rejected whole and the run goes on.
 */
public final class ReadActivityTablesFn extends DoFn<InputFile, Observation> {

  private final String runId;
  private final ActivityTableParser.Settings settings;
  private final String stagingRoot;
  private final Counter rowsLoaded;
  private final Counter rowsRejected;
  private transient ActivityTableParser parser;

  /** @param stagingRoot where to write the files' Parquet parts; null sends the rows on as elements */
  public ReadActivityTablesFn(String runId, ActivityTableParser.Settings settings, String stagingRoot) {
    this.runId = runId;
    this.settings = settings;
    this.stagingRoot = stagingRoot;
    this.rowsLoaded = Metrics.counter(settings.sourceFamily(), "rows_loaded");
    this.rowsRejected = Metrics.counter(settings.sourceFamily(), "rows_rejected");
  }

  @Setup
  public void setup() {
    parser = new ActivityTableParser(settings);
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    try (FileRows rows = FileRows.of(stagingRoot, file, out)) {
      read(file, Delivery.of(runId, file), rows);
    }
  }

  private void read(InputFile file, Delivery delivery, FileRows rows) {
    ParseSink<Observation> sink =
        new ParseSink<>() {
          @Override
          public void accept(Observation record) {
            rows.add(LakeTable.OBSERVATIONS, record);
          }

          @Override
          public void reject(long line, String reason, String raw) {
            rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
          }
        };
    FileLoad load;
    try {
      TextDecoding.IoSupplier bytes = () -> open(file);
      TextDecoding.Detected encoding = TextDecoding.detect(bytes);
      try (Reader text = encoding.open(bytes)) {
        load = parser.parse(text, delivery, encoding.label(), sink);
      }
    } catch (FileRows.LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (Exception e) {
      // the file is rejected whole: it loads nothing (elements already sent cannot be taken back)
      rows.discard();
      sink.reject(0, "the file could not be read: " + e + "; check that it is a CSV file and re-deliver it", "");
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable", "", "", 1, 0, 1, 0,
          "");
    }
    rowsLoaded.inc(load.rowsLoaded());
    rowsRejected.inc(load.rowsRejected());
    rows.add(LakeTable.FILE_LOADS, load);
  }

  static InputStream open(InputFile file) throws java.io.IOException {
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)));
  }
}
