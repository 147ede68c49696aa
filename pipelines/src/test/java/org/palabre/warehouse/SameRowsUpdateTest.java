package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.RunningPalabre;
import org.palabre.db.DuckDb;

/**
 * A mapping change updates the figures of the measure it maps, and a model updated to the rows it
 * had leaves the models after it as published: six monthly reports, May's row held in quarantine
 * (more women met than people met); the shelter nights' mapping line closed after April. The
 * figures of that measure in May and June are mapped again, by delivery and measure; the
 * validation results and the quarantine of those two reports come out the same (May's row still
 * breaks the rule), so the held rows are kept, and the versions are updated by measure. The result
 * equals {@code build --full} of the same lake.
 */
class SameRowsUpdateTest {

  @TempDir Path dir;

  @Test
  void aMappingChangeUpdatesItsMeasureAndAnUpdateToTheSameRowsStopsThere() throws Exception {
    Path input = dir.resolve("input");
    Path reports = Files.createDirectories(input.resolve("samusocial/pointe-noire"));
    for (int month = 1; month <= 6; month++) {
      int women = month == 5 ? 500 : 40;
      Files.writeString(reports.resolve(String.format("SSPN_rapport_2023-%02d.csv", month)),
          "dispositif,pays,mois,maraudes,personnes_rencontrees,dont_femmes,nuitees_d_hebergement\n"
              + String.format("Samusocial Pointe-Noire,Congo,%02d/2023,%d,%d,%d,%d%n", month, 10 + month, 100 + month, women,
                  200 + month), StandardCharsets.UTF_8);
    }
    Path lake = dir.resolve("lake");
    Path warehouse = dir.resolve("wh/palabre.duckdb");
    RunningPalabre.Outcome first = RunningPalabre.inProcess("run", "--input", input.toString(), "--lake", lake.toString(),
        "--warehouse", warehouse.toString());
    assertEquals(0, first.exit(), first.output());
    assertEquals("1 SSPN_rapport_2023-05.csv", heldRows(warehouse), "May's row alone is held: " + first.output());

    Path schemas = dir.resolve("schemas-changed");
    String columns = Files.readString(Path.of("schemas/mappings/samusocial_columns.csv"), StandardCharsets.UTF_8);
    String closed = columns.replace("\nreport,nuitees d hebergement,shelter_nights,,,,,\n",
        "\nreport,nuitees d hebergement,shelter_nights,,,,2023-04-30,\n");
    assertFalse(closed.equals(columns), "the shelter nights' line is in schemas/mappings/samusocial_columns.csv");
    Files.createDirectories(schemas.resolve("mappings"));
    Files.writeString(schemas.resolve("mappings/samusocial_columns.csv"), closed, StandardCharsets.UTF_8);
    RunningPalabre.Outcome changed = RunningPalabre.inProcess("run", "--input", input.toString(), "--lake", lake.toString(),
        "--warehouse", warehouse.toString(), "--schemas", schemas.toString());
    assertEquals(0, changed.exit(), changed.output());
    String log = changed.output();
    // the mapped figures are a view: nothing to write, the change passes through it
    assertTrue(Pattern.compile("intermediate\\.int_figures__mapped .*\\(a view: the rows of 2 deliveries \\(2 of them for 2 measure"
        + " values only\\) changed through it\\)").matcher(log).find(), log);
    assertTrue(Pattern.compile("intermediate\\.int_validation_results .*\\(2 deliveries: -(\\d+) \\+\\1 rows, the same rows\\)")
        .matcher(log).find(), log);
    assertTrue(Pattern.compile("intermediate\\.int_quarantine .*\\(2 deliveries: -1 \\+1 rows, the same rows\\)").matcher(log).find(), log);
    assertFalse(log.contains("intermediate.int_held_rows "), "the held rows are kept: " + log);
    assertTrue(Pattern.compile("intermediate\\.int_figure_versions .*of them for \\d+ measure values only\\)").matcher(log).find(), log);

    Path full = dir.resolve("wh/full.duckdb");
    RunningPalabre.Outcome fullBuild = RunningPalabre.inProcess("build", "--full", "--lake", lake.toString(), "--warehouse",
        full.toString(), "--schemas", schemas.toString());
    assertEquals(0, fullBuild.exit(), fullBuild.output());
    Map<String, String> differences = WarehouseComparison.differences(warehouse, full);
    assertTrue(differences.isEmpty(), "the incremental warehouse differs from build --full: " + differences);
    assertEquals("1 SSPN_rapport_2023-05.csv", heldRows(warehouse), "May's row is still held after the change");
  }

  /** The number of rows held in quarantine, and the files they come from. */
  private static String heldRows(Path warehouse) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select count(*) || ' ' || string_agg(distinct regexp_extract(source_file, '[^/]+$'), ', ')"
            + " from marts.quarantine")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
