package org.palabre.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.palabre.lake.Lake;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.SourceFamilies;
import org.palabre.sources.SourceFamily;

/**
 * The Beam half of an ingest: one pipeline reads a run's new files (one composite transform per
 * source family, each file's rows written straight into its Parquet parts), shows its progress,
 * and each file is then published as a delivery of the lake. {@link #buildPipeline} only builds.
 */
public final class BeamLaunch {

  private final List<String> beamArgs;
  private final PrintStream out;

  /** The Beam arguments ({@code --runner=...}) and where progress goes. */
  BeamLaunch(List<String> beamArgs, PrintStream out) {
    this.beamArgs = beamArgs;
    this.out = out;
  }

  /** The runner's name, as {@code --runner=} gives it (the direct runner when none is given). */
  String runner() {
    return beamArgs.stream().filter(a -> a.startsWith("--runner=")).findFirst()
        .map(a -> a.substring("--runner=".length())).orElse("DirectRunner");
  }

  /**
   * Reads the plan's files to read and publishes each as a delivery of the lake; returns the
   * files that changed while they were read, with what changed.
   */
  Map<String, String> readAndPublish(String runId, DeliveryPlan plan, Lake lake) throws IOException {
    List<InputFile> files = plan.toRead();
    Map<String, List<InputFile>> contexts = plan.contexts();
    Map<String, InputScanner.Stamp> stamps = plan.stamps();
    out.printf("Reading %d new files with Beam (%s) ...%n", files.size(), runner());
    long started = System.nanoTime();
    PipelineOptions pipelineOptions =
        PipelineOptionsFactory.fromArgs(withRunnerDefaults(beamArgs).toArray(String[]::new)).withValidation().create();
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
      tables.add(org.palabre.sources.LakeRowSink.REJECTED_FILES);
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
}
