package org.palabre.runners;

import java.util.List;
import org.junit.jupiter.api.condition.EnabledIf;

/** The ingest on Beam's Spark runner (local[2]); runs under {@code mvn -Pspark verify -Dtest=SparkRunnerLakeTest}. */
@EnabledIf(value = "sparkRunnerPresent", disabledReason = "Spark runner not on the classpath: run with mvn -Pspark")
class SparkRunnerLakeTest extends RunnerLakeEquivalence {

  static boolean sparkRunnerPresent() {
    return RunnerLakeEquivalence.class.getClassLoader().getResource("org/apache/beam/runners/spark/SparkRunner.class") != null;
  }

  @Override
  List<String> runnerArgs() {
    return List.of("--runner=SparkRunner", "--sparkMaster=local[2]");
  }
}
