package org.palabre.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakePartWriter;
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
 *
 * <p>With a staging root ({@link #writingInto}), the figures are not sent on as elements but
 * written straight into the file's Parquet part of the {@code observations} table
 * ({@link LakePartWriter}): that is the ingest's fast path, where millions of figures would
 * otherwise each cost a Beam element, a coder and a shuffle. The rejected rows and the file loads
 * are elements either way.
 */
public final class ReadActivityTablesFn extends DoFn<InputFile, Observation> {

  private final String runId;
  private final ActivityTableParser.Settings settings;
  private final Counter rowsLoaded;
  private final Counter rowsRejected;
  private final String stagingRoot;
  private transient ActivityTableParser parser;

  public ReadActivityTablesFn(String runId, ActivityTableParser.Settings settings) {
    this(runId, settings, null);
  }

  private ReadActivityTablesFn(String runId, ActivityTableParser.Settings settings, String stagingRoot) {
    this.runId = runId;
    this.settings = settings;
    this.stagingRoot = stagingRoot;
    this.rowsLoaded = Metrics.counter(settings.sourceFamily(), "rows_loaded");
    this.rowsRejected = Metrics.counter(settings.sourceFamily(), "rows_rejected");
  }

  /** The same reading, with the figures written as Parquet under {@code stagingRoot} instead of output. */
  public static ReadActivityTablesFn writingInto(String runId, ActivityTableParser.Settings settings, String stagingRoot) {
    return new ReadActivityTablesFn(runId, settings, stagingRoot);
  }

  @Setup
  public void setup() {
    parser = new ActivityTableParser(settings);
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) throws IOException {
    Delivery delivery = Delivery.of(runId, file);
    try (FigureSink figures = stagingRoot == null ? new ElementFigures(out) : new ParquetFigures(stagingRoot, file)) {
      read(file, delivery, figures, out);
    }
  }

  private void read(InputFile file, Delivery delivery, FigureSink figures, MultiOutputReceiver out) {
    ParseSink<Observation> sink =
        new ParseSink<>() {
          @Override
          public void accept(Observation record) {
            figures.accept(record);
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
    } catch (LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (Exception e) {
      figures.discard();
      sink.reject(0, "the file could not be read: " + e + "; check that it is a CSV file and re-deliver it", "");
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable", "", "", 1, 0, 1, 0,
          "");
    }
    rowsLoaded.inc(load.rowsLoaded());
    rowsRejected.inc(load.rowsRejected());
    out.get(LakeTable.FILE_LOADS.tag()).output(load);
  }

  /** Where a file's figures go: on as elements, or into its Parquet part. */
  private interface FigureSink extends AutoCloseable {
    void accept(Observation figure);

    /** Drops what was accepted so far, where it can (a file rejected whole loads nothing). */
    void discard();

    @Override
    void close() throws IOException;
  }

  private record ElementFigures(MultiOutputReceiver out) implements FigureSink {
    @Override
    public void accept(Observation figure) {
      out.get(LakeTable.OBSERVATIONS.tag()).output(figure);
    }

    @Override
    public void discard() {}

    @Override
    public void close() {}
  }

  /**
   * The file's figures as one Parquet part, {@code part-<delivery key>.parquet} in the delivery's
   * staging folder, opened at the first figure (a file without figures writes none). The name is
   * the same on a retry, which then overwrites it.
   */
  private static final class ParquetFigures implements FigureSink {
    private final String root;
    private final InputFile file;
    private LakePartWriter<Observation> writer;

    ParquetFigures(String root, InputFile file) {
      this.root = root;
      this.file = file;
    }

    @Override
    public void accept(Observation figure) {
      try {
        if (writer == null) {
          writer = LakePartWriter.open(LakeTable.OBSERVATIONS, root, file.sourceFamily(), file.deliveryKey(),
              "part-" + file.deliveryKey().substring(0, Math.min(16, file.deliveryKey().length())));
        }
        writer.write(figure);
      } catch (IOException e) {
        throw new LakeWriteFailure("cannot write the figures of " + file.relativeName() + " to the lake", e);
      }
    }

    @Override
    public void discard() {
      if (writer != null) {
        try {
          writer.close();
          writer.delete();
        } catch (IOException e) {
          throw new LakeWriteFailure("cannot drop the figures of " + file.relativeName() + " from the staging lake", e);
        }
        writer = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }

  private static final class LakeWriteFailure extends UncheckedIOException {
    LakeWriteFailure(String message, IOException cause) {
      super(message, cause);
    }
  }

  static InputStream open(InputFile file) throws java.io.IOException {
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)));
  }
}
