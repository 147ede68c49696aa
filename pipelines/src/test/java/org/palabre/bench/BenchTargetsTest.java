package org.palabre.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's target lines: their exact form, the goals at their boundaries, and the mapping change's Beam condition. */
class BenchTargetsTest {

  @TempDir Path dir;

  @Test
  void everyTargetPrintsOneLineInTheFormScriptsRead() {
    // ingest 40 s / DuckDB 20 s; build 90 s / hand SQL 30 s; first run 130 s
    List<BenchTargets.Target> targets = BenchTargets.of(40, 20, 90, 30, 130, 6.5, 13, false, 3.9);
    assertEquals(List.of(
        "target ingest_vs_duckdb: 2.00x met",
        "target build_vs_hand_sql: 3.00x met",
        "target one_new_file: 5.0% met",
        "target mapping_change: 10.0% met",
        "target nothing_new: 3.0% met"), targets.stream().map(BenchTargets.Target::line).toList());
  }

  @Test
  void aFigureAboveItsGoalIsNotMet() {
    List<String> lines = BenchTargets.of(41, 20, 91, 30, 100, 5.01, 10.5, false, 3.2).stream().map(BenchTargets.Target::line).toList();
    assertEquals(List.of(
        "target ingest_vs_duckdb: 2.05x NOT met",
        "target build_vs_hand_sql: 3.03x NOT met",
        "target one_new_file: 5.0% NOT met",
        "target mapping_change: 10.5% NOT met",
        "target nothing_new: 3.2% NOT met"), lines);
    for (String line : lines) {
      assertTrue(line.matches("target [a-z_]+: [0-9.]+(x|%)( \\(.*\\))? (met|NOT met)"), line);
    }
  }

  @Test
  void aMappingChangeThatRanBeamIsNotMetHoweverFast() {
    BenchTargets.Target mapping = BenchTargets.of(1, 1, 1, 1, 100, 1, 1, true, 1).get(3);
    assertEquals("target mapping_change: 1.0% (a Beam step ran) NOT met", mapping.line());
  }

  @Test
  void theMappingChangeChangesOneLineOfTheShippedFile() throws Exception {
    String change = BenchMappingChange.writeTo(dir);
    List<String> shipped = HandSqlBaseline.resource("/schemas/" + BenchMappingChange.FILE).lines().toList();
    List<String> changed = Files.readAllLines(dir.resolve(BenchMappingChange.FILE));
    assertEquals(shipped.size(), changed.size());
    int differ = 0;
    for (int i = 0; i < shipped.size(); i++) {
      if (!shipped.get(i).equals(changed.get(i))) {
        differ++;
        assertEquals(BenchMappingChange.AFTER, changed.get(i));
      }
    }
    assertEquals(1, differ, change);
  }
}
