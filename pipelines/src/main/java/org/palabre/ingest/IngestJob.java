package org.palabre.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.palabre.codes.ClasspathFolders;
import org.palabre.db.DuckDb;
import org.palabre.lake.ExclusiveLock;
import org.palabre.lake.Lake;
import org.palabre.lake.LakeTable;
import org.palabre.lake.RunFiles;
import org.palabre.model.InputFile;
import org.palabre.model.LoadReportRow;
import org.palabre.sources.SourceFamilies;
import org.palabre.sources.SourceFamily;

/**
 * The ingest half of {@code palabre run}: finds the delivered files, leaves out the content
 * already in the lake (by SHA-256, whatever the file is called), reads the new files with one
 * Beam pipeline (one composite transform per source family), publishes each delivery into the
 * lake, and writes the run's load report ({@code lake/_runs/<run_id>.load_report.parquet}).
 *
 * <p>{@link #buildPipeline} only builds; tests call it with a {@code TestPipeline}.
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

  /** What a run did. */
  /** What a run that reads no file says (and no Beam pipeline is built): the benchmark looks for it. */
  public static final String NOTHING_TO_INGEST = "nothing new to ingest";

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
    try (ExclusiveLock lock = ExclusiveLock.take(options.lake().resolve(".lock"), "the lake")) {
      return runLocked();
    }
  }

  private Result runLocked() throws IOException, SQLException {
    String runId = RunFiles.newRunId(options.runDate());
    long started = System.currentTimeMillis();
    Lake lake = new Lake(options.lake());
    lake.recover();
    out.printf("Scanning %s ...%n", options.input());
    Map<String, Lake.DeliveryMarker> published = lake.deliveries();
    Map<String, Lake.DeliveryMarker> publishedByFile = new HashMap<>();
    published.values().forEach(m -> publishedByFile.put(m.sourceFamily() + "/" + m.sourceFile(), m));
    InputScanner.Scan scan = InputScanner.scan(options.input(), unchangedSinceRead(publishedByFile), stillWithdrawn(lake));
    Map<String, List<InputFile>> contexts = new HashMap<>();
    List<InputFile> keyed = new ArrayList<>();
    Map<String, String> readers = new HashMap<>();
    for (InputFile file : scan.files()) {
      List<InputFile> context = contexts.computeIfAbsent(file.sourceFamily(), family -> contextOf(options.input(), family));
      String reader = readers.computeIfAbsent(file.sourceFamily(), IngestJob::readerFingerprint);
      keyed.add(file.withDeliveryKey(deliveryKey(file, context, reader)));
    }
    scan = new InputScanner.Scan(keyed, scan.ignored(), scan.stamps());
    Map<String, String> statusByFile = new LinkedHashMap<>();
    Map<String, InputFile> firstBySha = new HashMap<>();
    List<InputFile> toRead = new ArrayList<>();
    for (InputFile file : scan.files()) {
      Lake.DeliveryMarker known = published.get(file.deliveryKey());
      InputFile sameContent = firstBySha.putIfAbsent(file.deliveryKey(), file);
      Lake.DeliveryMarker earlier = publishedByFile.get(file.sourceFamily() + "/" + file.relativeName());
      if (known != null) {
        statusByFile.put(file.relativeName(), known.sourceFile().equals(file.relativeName())
            ? "unchanged (loaded in run " + known.runId() + ")"
            : "same content as " + known.sourceFile() + " (run " + known.runId() + "): counted once");
      } else if (sameContent != null) {
        statusByFile.put(file.relativeName(), "same content as " + sameContent.relativeName() + ": counted once");
      } else {
        statusByFile.put(file.relativeName(), earlier == null ? "loaded"
            : "loaded, replaces the version of run " + earlier.runId()
                + (earlier.fileSha256() != null && earlier.fileSha256().equals(file.sha256())
                    ? " (same file; the mappings, the readers or its context changed)" : ""));
        toRead.add(file);
      }
    }
    out.printf("  %d files found, %d new%s%n", scan.files().size(), toRead.size(),
        scan.ignored().isEmpty() ? "" : ", " + scan.ignored().size() + " ignored");
    if (toRead.isEmpty()) {
      out.println("  " + NOTHING_TO_INGEST);
    } else {
      ingest(runId, toRead, contexts, lake, scan.stamps()).forEach((name, change) -> statusByFile.computeIfPresent(name,
          (k, status) -> status + "; " + change + " while it was read: it will be read again next run"));
    }
    List<LoadReportRow> report = loadReport(runId, scan.files(), statusByFile, lake);
    Result result = new Result(runId, report, scan.ignored(), toRead.size());
    if (!toRead.isEmpty()) {
      // a run that changed nothing leaves no trace, so the warehouse stays up to date
      writeLoadReport(lake, runId, report);
      writeRunLog(lake, result, started);
    }
    return result;
  }

  /** The family's context files in {@code input}, hashed, as input files (an empty list for most families). */
  static List<InputFile> contextOf(Path input, String familyName) {
    SourceFamily family = SourceFamilies.named(familyName).orElseThrow();
    try {
      List<InputFile> context = new ArrayList<>();
      for (Path file : family.contextFiles(input)) {
        String relative = input.relativize(file).toString().replace('\\', '/');
        context.add(new InputFile(file.toAbsolutePath().toString(), familyName, relative, InputScanner.sha256(file), Files.size(file)));
      }
      return context;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list the context files of " + familyName, e);
    }
  }

  /** The packages whose code reads the files: a change there reads every file again. */
  private static final List<String> READER_PACKAGES =
      List.of("org/palabre/sources", "org/palabre/model", "org/palabre/lake", "org/palabre/text", "org/palabre/codes",
          "org/palabre/privacy", "org/palabre/money");

  /**
   * What reading a family's files depends on besides the files: the lake's schemas, the family's
   * reader files of {@code schemas/} ({@link SourceFamily#readerSchemas}: its grammar, and the
   * mappings a reader still applies itself) and the readers' code. When any changes, the family's
   * files are read again and replace their earlier versions. The crosswalk that the models apply
   * is not part of it: a mapping change is a rebuild, never a re-read.
   */
  static String readerFingerprint(String familyName) {
    SourceFamily family = SourceFamilies.named(familyName).orElseThrow();
    StringBuilder identity = new StringBuilder(ClasspathFolders.digest("schemas/lake", ""));
    for (String schema : family.readerSchemas()) {
      identity.append('\n').append(schema).append(':')
          .append(org.apache.commons.codec.digest.DigestUtils.sha256Hex(org.palabre.codes.SchemaFiles.readString(schema)));
    }
    for (String code : READER_PACKAGES) {
      identity.append('\n').append(ClasspathFolders.digest(code, ".class"));
    }
    return org.apache.commons.codec.digest.DigestUtils.sha256Hex(identity.toString());
  }

  /** The file's content hash combined with its context's and the readers', so a change of either means a new delivery. */
  static String deliveryKey(InputFile file, List<InputFile> context, String readers) {
    StringBuilder identity = new StringBuilder(file.sha256()).append('\n').append(readers);
    context.stream().map(c -> c.relativeName() + ":" + c.sha256()).sorted().forEach(c -> identity.append('\n').append(c));
    return org.apache.commons.codec.digest.DigestUtils.sha256Hex(identity.toString());
  }

  /**
   * The hash a file had when it was read into the lake, when its marker vouches that it has not
   * changed since (same size and modification time, and it had been left alone for
   * {@link InputScanner#STABLE_MILLIS} before it was hashed): a re-run over gigabytes of unchanged
   * deliveries then reads none of their bytes. Markers written before these stamps existed vouch
   * for nothing.
   */
  static InputScanner.KnownHashes unchangedSinceRead(Map<String, Lake.DeliveryMarker> publishedByFile) {
    return (family, name, size, modified) -> {
      Lake.DeliveryMarker m = publishedByFile.get(family + "/" + name);
      boolean vouched = m != null && m.fileSha256() != null && m.sizeBytes() == size && m.fileModifiedMillis() == modified
          && modified + InputScanner.STABLE_MILLIS < m.hashedAtMillis();
      return vouched ? m.fileSha256() : null;
    };
  }

  /**
   * Files of the input that are withdrawn deliveries lying there unchanged (same family, name, size
   * and modification time as when they were withdrawn): not read again. A new copy of the file is
   * a new delivery and is read.
   */
  static InputScanner.Withdrawn stillWithdrawn(Lake lake) {
    Map<String, Lake.Withdrawal> byStamp = new HashMap<>();
    for (Lake.Withdrawal w : lake.withdrawals()) {
      for (Lake.DeliveryMarker m : w.deliveries()) {
        byStamp.put(m.sourceFamily() + "/" + m.sourceFile() + "|" + m.sizeBytes() + "|" + m.fileModifiedMillis(), w);
      }
    }
    return (family, name, size, modified) -> {
      Lake.Withdrawal w = byStamp.get(family + "/" + name + "|" + size + "|" + modified);
      return w == null ? null : "withdrawn in run " + w.runId() + " by " + w.withdrawnBy() + " (palabre withdraw): not"
          + " read again while it is unchanged; deliver it again (a new copy) to read it again";
    };
  }

  /** Reads and publishes the files; returns the files that changed while they were read, with what changed. */
  private Map<String, String> ingest(String runId, List<InputFile> files, Map<String, List<InputFile>> contexts, Lake lake,
      Map<String, InputScanner.Stamp> stamps) throws IOException {
    String runner = options.beamArgs().stream().filter(a -> a.startsWith("--runner=")).findFirst()
        .map(a -> a.substring("--runner=".length())).orElse("DirectRunner");
    out.printf("Reading %d new files with Beam (%s) ...%n", files.size(), runner);
    long started = System.nanoTime();
    PipelineOptions pipelineOptions =
        PipelineOptionsFactory.fromArgs(withRunnerDefaults(options.beamArgs()).toArray(String[]::new)).withValidation().create();
    Pipeline pipeline = Pipeline.create(pipelineOptions);
    buildPipeline(pipeline, runId, files, contexts, lake.stagingRoot(runId).toString(), reshuffles(pipelineOptions));
    PipelineResult.State state = waitShowingProgress(pipeline.run(), started);
    if (state != PipelineResult.State.DONE) {
      throw new IOException("the Beam pipeline ended in state " + state);
    }
    double read = (System.nanoTime() - started) / 1e9;
    Map<String, String> changed = new LinkedHashMap<>();
    for (InputFile file : files) {
      SourceFamily family = SourceFamilies.named(file.sourceFamily()).orElseThrow();
      InputScanner.Stamp stamp = stamps.getOrDefault(file.relativeName(), new InputScanner.Stamp(file.sizeBytes(), 0, 0));
      List<String> tables = new ArrayList<>(family.tables().stream().map(LakeTable::name).toList());
      tables.add(org.palabre.sources.FileRows.REJECTED_FILES);
      String change = InputScanner.changedSince(Path.of(file.path()), stamp);
      if (change != null) {
        // the rows may mix two versions: published as read, but its stamp vouches for nothing, so the next run hashes it again
        changed.put(file.relativeName(), change);
        stamp = new InputScanner.Stamp(stamp.sizeBytes(), -1, 0);
      }
      lake.publish(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), file.sizeBytes(), file.sha256(),
          stamp.modifiedMillis(), stamp.hashedAtMillis(), tables);
    }
    // the staging folder and the deliveries the new ones superseded
    lake.recover();
    out.printf("  read in %.1f s, published in %.1f s%n", read, (System.nanoTime() - started) / 1e9 - read);
    return changed;
  }

  /** Seconds between two progress lines of a long ingest. */
  private static final int PROGRESS_SECONDS = 15;

  /**
   * Waits for the pipeline, printing every {@value #PROGRESS_SECONDS} seconds how many rows the
   * readers have finished (their {@code rows_loaded} and {@code rows_rejected} counters, counted
   * when a file is done), so a long ingest shows it is moving.
   */
  private PipelineResult.State waitShowingProgress(PipelineResult result, long startedNanos) {
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(org.joda.time.Duration.standardSeconds(PROGRESS_SECONDS));
      if (state != null && state.isTerminal()) {
        return state;
      }
      long rows = rowsReadSoFar(result);
      if (rows >= 0) {
        out.printf("  ... %,d rows read so far (%.0f s)%n", rows, (System.nanoTime() - startedNanos) / 1e9);
      }
    }
  }

  /** The rows of the files read so far, or -1 when the runner does not report metrics while it runs. */
  static long rowsReadSoFar(PipelineResult result) {
    try {
      long rows = 0;
      for (org.apache.beam.sdk.metrics.MetricResult<Long> counter
          : result.metrics().queryMetrics(org.apache.beam.sdk.metrics.MetricsFilter.builder().build()).getCounters()) {
        String name = counter.getName().getName();
        if (name.equals("rows_loaded") || name.equals("rows_rejected")) {
          rows += counter.getAttempted();
        }
      }
      return rows;
    } catch (RuntimeException e) {
      return -1; // a runner without live metrics: no progress line, the run goes on
    }
  }

  /**
   * Beam's arguments with the direct runner's defaults for a real run: one worker thread per core,
   * and no immutability or encodability checks of every element (they are for tests, which build
   * their own pipelines, and double the cost of a run). An option given explicitly wins.
   */
  static List<String> withRunnerDefaults(List<String> beamArgs) {
    boolean direct = beamArgs.stream().noneMatch(a -> a.startsWith("--runner="))
        || beamArgs.stream().anyMatch(a -> a.equals("--runner=DirectRunner") || a.equals("--runner=direct"));
    if (!direct) {
      return beamArgs;
    }
    List<String> args = new ArrayList<>(beamArgs);
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("--targetParallelism", Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
    defaults.put("--enforceImmutability", "false");
    defaults.put("--enforceEncodability", "false");
    defaults.forEach((name, value) -> {
      if (beamArgs.stream().noneMatch(a -> a.startsWith(name + "="))) {
        args.add(name + "=" + value);
      }
    });
    return args;
  }

  /**
   * Builds the ingest: for each source family with new files, list them, spread them over the
   * workers and read them with the family's reader, which writes every row of every file straight
   * into the file's Parquet parts under {@code stagingRoot} ({@link SourceFamily#readInto}). A
   * delivery is one file, so nothing is grouped or shuffled by delivery, and the cost is linear in
   * the rows; the outputs of the readers (the file loads) are not used further.
   */
  public static void buildPipeline(Pipeline pipeline, String runId, List<InputFile> files,
      Map<String, List<InputFile>> contexts, String stagingRoot) {
    buildPipeline(pipeline, runId, files, contexts, stagingRoot, true);
  }

  /**
   * Whether the files are spread with a Reshuffle: on a cluster, yes (by random key); on the direct
   * runner, no: its Create already cuts the list into one bundle per thread (see
   * {@link #largeAndSmallAlternating}), and a Reshuffle there makes one bundle per file, each paying
   * the runner's fixed cost (minutes for a few hundred files).
   */
  static boolean reshuffles(PipelineOptions options) {
    return !options.getRunner().getSimpleName().equals("DirectRunner");
  }

  /** The ingest, with or without a Reshuffle of the files before they are read ({@link #reshuffles}). */
  public static void buildPipeline(Pipeline pipeline, String runId, List<InputFile> files,
      Map<String, List<InputFile>> contexts, String stagingRoot, boolean reshuffle) {
    for (SourceFamily family : SourceFamilies.all()) {
      List<InputFile> mine = largeAndSmallAlternating(files.stream().filter(f -> f.sourceFamily().equals(family.name())).toList());
      if (mine.isEmpty()) {
        continue;
      }
      PCollection<InputFile> listed =
          pipeline.apply("List " + family.name(), Create.of(mine).withCoder(SerializableCoder.of(InputFile.class)));
      if (reshuffle) {
        listed = listed.apply("Spread " + family.name(), Reshuffle.viaRandomKey());
      }
      listed.apply("Read " + family.name(),
          family.readInto(runId, contexts.getOrDefault(family.name(), List.of()), stagingRoot));
    }
  }

  /**
   * The files ordered largest, smallest, second largest, second smallest, ...: a runner splits the
   * list of files into contiguous bundles, one per worker, and in the input's order (one folder per
   * service, big services together) one worker would get the big files and finish last while the
   * other waits. Alternating sizes gives every contiguous share about the same bytes.
   */
  static List<InputFile> largeAndSmallAlternating(List<InputFile> files) {
    List<InputFile> bySize = new ArrayList<>(files);
    bySize.sort(java.util.Comparator.comparingLong(InputFile::sizeBytes).reversed().thenComparing(InputFile::relativeName));
    List<InputFile> result = new ArrayList<>(files.size());
    for (int first = 0, last = bySize.size() - 1; first <= last; first++, last--) {
      result.add(bySize.get(first));
      if (last != first) {
        result.add(bySize.get(last));
      }
    }
    return result;
  }

  private static List<LoadReportRow> loadReport(String runId, List<InputFile> files, Map<String, String> status, Lake lake)
      throws SQLException {
    Map<String, Object[]> bySha = new HashMap<>();
    List<Path> loads = lake.files(LakeTable.FILE_LOADS.name());
    if (!loads.isEmpty()) {
      try (Connection db = DuckDb.inMemory();
          Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("select delivery_sha256, file_kind, encoding, rows_read, rows_loaded, rows_rejected, warnings,"
              + " coalesce(cells_rejected, 0) from read_parquet(" + DuckDb.pathList(loads) + ", union_by_name = true)")) {
        while (rs.next()) {
          bySha.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
              rs.getString(7), rs.getLong(8)});
        }
      }
    }
    List<LoadReportRow> rows = new ArrayList<>();
    for (InputFile f : files) {
      Object[] s = bySha.get(f.deliveryKey());
      if (s == null) {
        rows.add(new LoadReportRow(runId, f.sourceFamily(), f.relativeName(), f.sha256(), f.sizeBytes(),
            "failed: no load record", "", "", 0, 0, 0, "", f.deliveryKey()));
      } else {
        rows.add(new LoadReportRow(runId, f.sourceFamily(), f.relativeName(), f.sha256(), f.sizeBytes(),
            status.get(f.relativeName()), (String) s[0], (String) s[1], (long) s[2], (long) s[3], (long) s[4], (String) s[5],
            f.deliveryKey()).withCellsRejected((long) s[6]));
      }
    }
    return rows;
  }

  /** The run log: one Parquet file per run that changed the lake. */
  private void writeRunLog(Lake lake, Result result, long startedMillis) throws IOException, SQLException {
    Path dir = lake.root().resolve(RunFiles.FOLDER);
    Path tmp = dir.resolve(result.runId() + ".run.parquet.tmp");
    long loaded = result.report().stream().mapToLong(LoadReportRow::rowsLoaded).sum();
    long rejected = result.report().stream().mapToLong(LoadReportRow::rowsRejected).sum();
    String runner = options.beamArgs().stream().filter(a -> a.startsWith("--runner=")).findFirst()
        .map(a -> a.substring("--runner=".length())).orElse("DirectRunner");
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("copy (select " + DuckDb.literal(result.runId()) + " as run_id,"
          + " make_timestamp(" + startedMillis * 1000 + ") as started_at, now()::timestamp as finished_at,"
          + " 'ingested' as status, " + DuckDb.literal(options.input().toAbsolutePath().toString()) + " as input_folder, "
          + DuckDb.literal(runner) + " as runner, "
          + result.report().size() + " as files_found, " + result.newFiles() + " as files_new, "
          + result.rowsRead() + " as rows_read, " + loaded + " as rows_loaded, " + rejected + " as rows_rejected, "
          + (System.currentTimeMillis() - startedMillis) / 1000.0 + " as seconds) to " + DuckDb.literal(tmp.toString())
          + " (format parquet)");
    }
    Files.move(tmp, dir.resolve(result.runId() + ".run.parquet"), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeLoadReport(Lake lake, String runId, List<LoadReportRow> report) throws IOException, SQLException {
    Path dir = lake.root().resolve(RunFiles.FOLDER);
    Files.createDirectories(dir);
    Path tmp = dir.resolve(runId + ".load_report.parquet.tmp");
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("create table load_report (" + RunFiles.LOAD_REPORT_COLUMNS + ")");
      try (PreparedStatement insert = db.prepareStatement("insert into load_report values (?,?,?,?,?,?,?,?,?,?,?,?, now()::timestamp, ?)")) {
        for (LoadReportRow r : report) {
          Object[] values = {r.runId(), r.sourceFamily(), r.sourceFile(), r.fileSha256(), r.sizeBytes(), r.status(), r.fileKind(),
              r.encoding(), r.rowsRead(), r.rowsLoaded(), r.rowsRejected(), r.warnings(), r.deliveryKey()};
          for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
      st.execute("copy load_report to " + DuckDb.literal(tmp.toString()) + " (format parquet)");
    }
    Files.move(tmp, dir.resolve(runId + ".load_report.parquet"), StandardCopyOption.ATOMIC_MOVE);
  }
}
