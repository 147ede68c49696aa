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
import org.palabre.model.Rejection;
import org.palabre.sources.tabular.ActivityTableParser;
import org.palabre.text.TextDecoding;

/**
 * Reads whole activity-table files, one file per element: detects the encoding, parses, validates
 * and harmonises each row with {@link ActivityTableParser}, and sends figures to the main output,
 * bad rows to the rejected output and the file's accounting to the file-loads output. The file is
 * the unit of work, so no shuffle is needed; a file that cannot be read at all is rejected whole
 * and the run goes on.
 *
 * <p>With a staging root ({@link #writingInto}), nothing goes on as elements but the file loads:
 * the file's figures, rejected rows and load record are written straight into its Parquet parts
 * of {@code observations}, {@code rejected_rows} and {@code file_loads} ({@link LakePartWriter}).
 * That is the ingest's fast path, where millions of figures would otherwise each cost a Beam
 * element, a coder and a shuffle, and each delivery a bundle of Beam's file sink.
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
    try (FileOutputs outputs = stagingRoot == null ? new ElementOutputs(out) : new LakeParts(stagingRoot, file, out)) {
      read(file, Delivery.of(runId, file), outputs);
    }
  }

  private void read(InputFile file, Delivery delivery, FileOutputs outputs) {
    ParseSink<Observation> sink =
        new ParseSink<>() {
          @Override
          public void accept(Observation record) {
            outputs.figure(record);
          }

          @Override
          public void reject(long line, String reason, String raw) {
            outputs.rejection(delivery.rejection(line, reason, raw));
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
      outputs.discard();
      sink.reject(0, "the file could not be read: " + e + "; check that it is a CSV file and re-deliver it", "");
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable", "", "", 1, 0, 1, 0,
          "");
    }
    rowsLoaded.inc(load.rowsLoaded());
    rowsRejected.inc(load.rowsRejected());
    outputs.fileLoad(load);
  }

  /** Where a file's figures, rejected rows and accounting go: on as elements, or into its lake parts. */
  private interface FileOutputs extends AutoCloseable {
    void figure(Observation figure);

    void rejection(Rejection rejection);

    void fileLoad(FileLoad load);

    /** Drops the figures and rejections so far, where it can (a file rejected whole loads nothing). */
    void discard();

    @Override
    void close() throws IOException;
  }

  private record ElementOutputs(MultiOutputReceiver out) implements FileOutputs {
    @Override
    public void figure(Observation figure) {
      out.get(LakeTable.OBSERVATIONS.tag()).output(figure);
    }

    @Override
    public void rejection(Rejection rejection) {
      out.get(LakeTable.REJECTED_ROWS.tag()).output(rejection);
    }

    @Override
    public void fileLoad(FileLoad load) {
      out.get(LakeTable.FILE_LOADS.tag()).output(load);
    }

    @Override
    public void discard() {}

    @Override
    public void close() {}
  }

  /**
   * The file's three lake parts, {@code part-<delivery key>.parquet} in the delivery's staging
   * folder of {@code observations}, {@code rejected_rows} and {@code file_loads}, each opened at
   * its first record (a file without figures writes no figures part). Names are the same on a
   * retry, which overwrites them. The file load is also sent on as an element.
   */
  private static final class LakeParts implements FileOutputs {
    private final String root;
    private final InputFile file;
    private final MultiOutputReceiver out;
    private LakePartWriter<Observation> figures;
    private LakePartWriter<Rejection> rejections;

    LakeParts(String root, InputFile file, MultiOutputReceiver out) {
      this.root = root;
      this.file = file;
      this.out = out;
    }

    private <T extends Record & java.io.Serializable> LakePartWriter<T> open(LakeTable<T> table) throws IOException {
      return LakePartWriter.open(table, root, file.sourceFamily(), file.deliveryKey(),
          "part-" + file.deliveryKey().substring(0, Math.min(16, file.deliveryKey().length())));
    }

    @Override
    public void figure(Observation figure) {
      try {
        if (figures == null) {
          figures = open(LakeTable.OBSERVATIONS);
        }
        figures.write(figure);
      } catch (IOException e) {
        throw new LakeWriteFailure("cannot write the figures of " + file.relativeName() + " to the lake", e);
      }
    }

    @Override
    public void rejection(Rejection rejection) {
      try {
        if (rejections == null) {
          rejections = open(LakeTable.REJECTED_ROWS);
        }
        rejections.write(rejection);
      } catch (IOException e) {
        throw new LakeWriteFailure("cannot write the rejected rows of " + file.relativeName() + " to the lake", e);
      }
    }

    @Override
    public void fileLoad(FileLoad load) {
      try (LakePartWriter<FileLoad> loads = open(LakeTable.FILE_LOADS)) {
        loads.write(load);
      } catch (IOException e) {
        throw new LakeWriteFailure("cannot write the load record of " + file.relativeName() + " to the lake", e);
      }
      out.get(LakeTable.FILE_LOADS.tag()).output(load);
    }

    @Override
    public void discard() {
      try {
        for (LakePartWriter<?> writer : java.util.Arrays.asList(figures, rejections)) {
          if (writer != null) {
            writer.close();
            writer.delete();
          }
        }
      } catch (IOException e) {
        throw new LakeWriteFailure("cannot drop the partial output of " + file.relativeName() + " from the staging lake", e);
      }
      figures = null;
      rejections = null;
    }

    @Override
    public void close() throws IOException {
      if (figures != null) {
        figures.close();
      }
      if (rejections != null) {
        rejections.close();
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
