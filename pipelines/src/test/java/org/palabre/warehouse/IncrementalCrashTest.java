package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.palabre.RunningPalabre;

/**
 * {@code kill -9} of a real {@code palabre run} in a child JVM while its build updates the
 * published warehouse incrementally: once it has copied the published file, while it updates a
 * model by delivery, and once every model is done (before the copy is checkpointed and renamed
 * over the published file). The published file is left byte for byte as it was, and the next run
 * publishes the warehouse an uninterrupted build gives ({@code build --full} of the same lake,
 * relation for relation), leaving no build file behind.
 */
class IncrementalCrashTest {

  @TempDir Path dir;

  /** The input, lake and warehouse of a first run, made once and copied into each case's folder. */
  private static Path published;

  @BeforeAll
  static void firstRun(@TempDir Path template) throws Exception {
    Path samusocial = template.resolve("input/samusocial");
    Files.createDirectories(samusocial);
    Files.writeString(samusocial.resolve("pn_2023-01.csv"), report("Samusocial Pointe-Noire", "01/2023", 120), StandardCharsets.UTF_8);
    Files.writeString(samusocial.resolve("pn_2023-02.csv"), report("Samusocial Pointe-Noire", "02/2023", 130), StandardCharsets.UTF_8);
    RunningPalabre.Outcome first = RunningPalabre.inProcess("run", "--input", template.resolve("input").toString(), "--lake",
        template.resolve("lake").toString(), "--warehouse", template.resolve("wh/palabre.duckdb").toString());
    assertEquals(0, first.exit(), first.output());
    published = template;
  }

  private static String report(String service, String month, int people) {
    return "dispositif,pays,mois,maraudes,personnes_rencontrees,consultations_medicales\n" + service + ",Congo," + month + ",12," + people
        + ",40\n";
  }

  private String[] args(String command, Path warehouse, String... more) {
    List<String> all = new ArrayList<>(List.of(command));
    if (command.equals("run")) {
      all.addAll(List.of("--input", dir.resolve("input").toString()));
    }
    all.addAll(List.of("--lake", dir.resolve("lake").toString(), "--warehouse", warehouse.toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @ParameterizedTest(name = "killed when it prints \"{0}\"")
  @ValueSource(strings = {"copied the published warehouse", "intermediate.int_figures__mapped", "models kept, "})
  void aKilledIncrementalBuildLeavesThePublishedWarehouseAndTheNextRunCompletesIt(String killAt) throws Exception {
    IncrementalBuildTest.copyTree(published, dir);
    Path samusocial = dir.resolve("input/samusocial");
    Path warehouse = dir.resolve("wh/palabre.duckdb");
    String before = DigestUtils.sha256Hex(Files.readAllBytes(warehouse));

    Files.writeString(samusocial.resolve("pn_2023-03.csv"), report("Samusocial Pointe-Noire", "03/2023", 140), StandardCharsets.UTF_8);
    assertTrue(RunningPalabre.killedAt(killAt, args("run", warehouse)), "the build reached '" + killAt + "'");
    assertEquals(before, DigestUtils.sha256Hex(Files.readAllBytes(warehouse)), "the published warehouse, byte for byte");

    RunningPalabre.Outcome next = RunningPalabre.inProcess(args("run", warehouse));
    assertEquals(0, next.exit(), next.output());
    assertTrue(next.output().contains("incremental build: 1 deliveries added"), next.output());
    Path full = dir.resolve("wh/full.duckdb");
    RunningPalabre.Outcome fullBuild = RunningPalabre.inProcess(args("build", full, "--full"));
    assertEquals(0, fullBuild.exit(), fullBuild.output());
    Map<String, String> differences = WarehouseComparison.differences(warehouse, full);
    assertTrue(differences.isEmpty(), "the next run gives what an uninterrupted build gives: " + differences);
    try (Stream<Path> files = Files.list(warehouse.getParent())) {
      List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".building-")).toList();
      assertTrue(left.isEmpty(), "no build file left behind: " + left);
    }
  }
}
