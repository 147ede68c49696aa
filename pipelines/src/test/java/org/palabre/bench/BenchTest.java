package org.palabre.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the bench starts its steps' JVMs. */
class BenchTest {

  @Test
  void eachStepMapsTheClassArchiveTheBenchWasStartedWithAndNothingElseOfItsOptions() {
    List<String> launched = List.of("-Xmx2g", "-XX:SharedArchiveFile=/opt/palabre/target/palabre.jsa", "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off", "-Xss4m", "-Dfile.encoding=UTF-8");
    assertEquals(List.of("-XX:SharedArchiveFile=/opt/palabre/target/palabre.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
        Bench.classArchive(launched));
    assertEquals(List.of(), Bench.classArchive(List.of("-Xmx2g", "-XX:ArchiveClassesAtExit=/tmp/a.jsa")),
        "a bench started while the archive is being made runs its steps without one");
  }
}
