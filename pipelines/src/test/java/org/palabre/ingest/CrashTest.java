package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.palabre.RunningPalabre;
import org.palabre.db.DuckDb;

/**
 * {@code kill -9} of a real {@code palabre run} in a child JVM at several moments: the previous
 * warehouse stays readable and unchanged, and the next run finishes the job with no manual
 * clean-up, giving the same indicators as a run that was never interrupted.
 */
class CrashTest {

  @TempDir Path dir;

  private static final String FIRST = "Dispositif;Mois;Personnes rencontrées;Consultations médicales\n"
      + "Samusocial Sénégal;2023-01;100;10\nSamusocial Sénégal;2023-02;110;11\n";
  private static final String SECOND = "dispositif,mois,personnes_rencontrees\nSamusocial Pointe-Noire,2023-02,200\n";
  private static final String THIRD = "#org,#date,#reached+ind\nSSBF,2023-03,300\n";

  /** Runs palabre in a child JVM; kills it with SIGKILL when a line containing {@code killAt} is printed. */
  private static boolean palabre(Path input, Path lake, Path warehouse, String killAt) throws Exception {
    return RunningPalabre.killedAt(killAt, "run", "--input", input.toString(), "--lake", lake.toString(), "--warehouse",
        warehouse.toString());
  }

  private static Map<String, String> totals(Path warehouse) throws Exception {
    Map<String, String> totals = new TreeMap<>();
    try (Connection db = DuckDb.open(warehouse, true);
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select indicator_code, period, value from marts.indicator_values"
            + " where member is null and country_iso2 is null and org_unit is null and sex is null and age_group is null")) {
      while (rs.next()) {
        totals.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3));
      }
    }
    return totals;
  }

  private void deliver(Path input, String name, String text) throws IOException {
    Path file = input.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static Map<String, String> expected;

  /** What an uninterrupted run of the whole delivery gives, computed once. */
  @BeforeAll
  static void uninterrupted(@TempDir Path reference) throws Exception {
    Path input = reference.resolve("input");
    for (String[] f : new String[][] {{"samusocial/a.csv", FIRST}, {"samusocial/b.csv", SECOND}, {"hxl/c.csv", THIRD}}) {
      Files.createDirectories(input.resolve(f[0]).getParent());
      Files.writeString(input.resolve(f[0]), f[1], StandardCharsets.UTF_8);
    }
    palabre(input, reference.resolve("lake"), reference.resolve("wh/p.duckdb"), null);
    expected = totals(reference.resolve("wh/p.duckdb"));
  }

  @ParameterizedTest(name = "killed when it prints \"{0}\"")
  @ValueSource(strings = {"Reading", "published in", "Building the warehouse", "staging.stg_lake__figures", "Warehouse published"})
  void aKilledRunLeavesThePreviousWarehouseAndTheNextRunFinishesTheJob(String killAt) throws Exception {
    Path input = dir.resolve("input");
    Path lake = dir.resolve("lake");
    Path warehouse = dir.resolve("wh/p.duckdb");
    deliver(input, "samusocial/a.csv", FIRST);
    palabre(input, lake, warehouse, null);
    Map<String, String> before = totals(warehouse);
    assertEquals("210.0", before.get("people_reached|2023"));

    deliver(input, "samusocial/b.csv", SECOND);
    deliver(input, "hxl/c.csv", THIRD);
    boolean killed = palabre(input, lake, warehouse, killAt);
    assertTrue(killed, "the run reached '" + killAt + "'");
    Map<String, String> afterCrash = totals(warehouse);
    // killed once the new warehouse was renamed in place: it is the new one, whole; before that: the old one
    assertEquals(killAt.equals("Warehouse published") ? expected : before, afterCrash,
        "the warehouse is readable and whole, never half-built");

    palabre(input, lake, warehouse, null);
    assertEquals(expected, totals(warehouse), "the next run finishes the job, nothing lost or counted twice");
    assertEquals("710.0", totals(warehouse).get("people_reached|2023"), "100 + 110 + 200 + 300");
    try (var files = Files.list(warehouse.getParent())) {
      List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
      assertEquals(List.of("audiences", "p.duckdb"), names.stream().sorted().toList(), "no half-built file is left beside the warehouse");
    }
    try (var files = Files.list(warehouse.resolveSibling("audiences"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
      assertTrue(!names.isEmpty() && names.stream().allMatch(n -> n.matches("[a-z0-9_-]+\\.duckdb")), "no half-built audience file: " + names);
    }
    assertTrue(!Files.exists(lake.resolve("_staging")) || Files.list(lake.resolve("_staging")).findAny().isEmpty(),
        "no staging left in the lake");
  }
}
