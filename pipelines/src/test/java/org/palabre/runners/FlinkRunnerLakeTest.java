package org.palabre.runners;

import java.util.List;
import org.junit.jupiter.api.condition.EnabledIf;

/** The ingest on Beam's Flink runner (embedded); runs under {@code mvn -Pflink verify -Dtest=FlinkRunnerLakeTest}. */
@EnabledIf(value = "flinkRunnerPresent", disabledReason = "Flink runner not on the classpath: run with mvn -Pflink")
class FlinkRunnerLakeTest extends RunnerLakeEquivalence {

  static boolean flinkRunnerPresent() {
    return RunnerLakeEquivalence.class.getClassLoader().getResource("org/apache/beam/runners/flink/FlinkRunner.class") != null;
  }

  @Override
  List<String> runnerArgs() {
    return List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
  }
}
