package org.palabre.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.OneFilePerFamily;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.Lake;
import org.palabre.lake.LakeTable;

/**
 * The same ingest on a distributed runner and on the direct runner gives the same lake: every
 * table's rows, but the run id, are equal, for files of every source family (each file's readers
 * write its Parquet parts on the runner's workers). Subclasses name the runner; each runs only
 * under the Maven profile that puts that runner on the classpath ({@code mvn -Pspark verify
 * -Dtest=SparkRunnerLakeTest}).
 */
abstract class RunnerLakeEquivalence {

  @TempDir Path dir;

  /** Beam arguments that select the runner under test. */
  abstract List<String> runnerArgs();

  @Test
  void theRunnerWritesTheSameLakeAsTheDirectRunner() throws Exception {
    Path input = dir.resolve("input");
    OneFilePerFamily.write(input);

    Path directLake = dir.resolve("lake-direct");
    Path runnerLake = dir.resolve("lake-runner");
    ingest(input, directLake, List.of("--runner=DirectRunner"));
    ingest(input, runnerLake, runnerArgs());

    for (LakeTable<?> table : LakeTable.all()) {
      List<List<String>> direct = OneFilePerFamily.rows(new Lake(directLake).files(table.name()), "run_id");
      List<List<String>> runner = OneFilePerFamily.rows(new Lake(runnerLake).files(table.name()), "run_id");
      assertTrue(!direct.isEmpty(), table + " is empty on the direct runner");
      assertEquals(direct, runner, table + " differs between the direct runner and " + runnerArgs());
    }
  }

  private static void ingest(Path input, Path lake, List<String> beamArgs) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    IngestJob.Result result = new IngestJob(new IngestJob.Options(input, lake, beamArgs), new PrintStream(log, true)).run();
    assertTrue(result.report().stream().allMatch(r -> r.status().startsWith("loaded")), log.toString());
    String runner = beamArgs.get(0).substring("--runner=".length());
    assertTrue(log.toString().contains("with Beam (" + runner + ")"), "not run on " + runner + ": " + log);
  }
}
