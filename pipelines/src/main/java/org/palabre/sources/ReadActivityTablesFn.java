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
 * and harmonises each row with {@link ActivityTableParser}, and sends figures to the main output,
 * bad rows to the rejected output and the file's accounting to the file-loads output. The file is
 * the unit of work, so no shuffle is needed; a file that cannot be read at all is rejected whole
 * and the run goes on.
 */
public final class ReadActivityTablesFn extends DoFn<InputFile, Observation> {

  private final String runId;
  private final ActivityTableParser.Settings settings;
  private final Counter rowsLoaded;
  private final Counter rowsRejected;
  private transient ActivityTableParser parser;

  public ReadActivityTablesFn(String runId, ActivityTableParser.Settings settings) {
    this.runId = runId;
    this.settings = settings;
    this.rowsLoaded = Metrics.counter(settings.sourceFamily(), "rows_loaded");
    this.rowsRejected = Metrics.counter(settings.sourceFamily(), "rows_rejected");
  }

  @Setup
  public void setup() {
    parser = new ActivityTableParser(settings);
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    Delivery delivery = Delivery.of(runId, file);
    ParseSink<Observation> sink =
        new ParseSink<>() {
          @Override
          public void accept(Observation record) {
            out.get(LakeTable.OBSERVATIONS.tag()).output(record);
          }

          @Override
          public void reject(long line, String reason, String raw) {
            out.get(LakeTable.REJECTED_ROWS.tag()).output(delivery.rejection(line, reason, raw));
          }
        };
    FileLoad load;
    try {
      TextDecoding.IoSupplier bytes = () -> open(file);
      TextDecoding.Detected encoding = TextDecoding.detect(bytes);
      try (Reader text = encoding.open(bytes)) {
        load = parser.parse(text, delivery, encoding.label(), sink);
      }
    } catch (Exception e) {
      sink.reject(0, "the file could not be read: " + e + "; check that it is a CSV file and re-deliver it", "");
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable", "", "", 1, 0, 1, 0,
          "");
    }
    rowsLoaded.inc(load.rowsLoaded());
    rowsRejected.inc(load.rowsRejected());
    out.get(LakeTable.FILE_LOADS.tag()).output(load);
  }

  static InputStream open(InputFile file) throws java.io.IOException {
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)));
  }
}
