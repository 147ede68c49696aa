package org.palabre.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code kill -9} of a real {@code palabre withdraw} in a child JVM, once the withdrawal is
 * committed and while its files move, and during the rebuild: the previous warehouse stays readable
 * and unchanged, and the next {@code palabre run} finishes the withdrawal (the files in the archive,
 * the row in {@code marts.runs}) and publishes the warehouse without the delivery, the same as an
 * uninterrupted withdrawal gives.
 */
class WithdrawCrashTest {

  @TempDir Path dir;

  private static final String KEPT = "Dispositif;Mois;Personnes rencontrées\nSamusocial Sénégal;2023-01;100\n";
  private static final String WITHDRAWN = "dispositif,mois,personnes_rencontrees\nSamusocial Pointe-Noire,2023-02,200\n";

  /** Runs palabre in this JVM (what is not killed needs no child process). */
  private static void inProcess(String... args) {
    RunningPalabre.Outcome run = RunningPalabre.inProcess(args);
    assertEquals(0, run.exit(), run.output());
  }

  /** The network totals of the warehouse, and its withdrawal runs. */
  private static Map<String, String> state(Path warehouse) throws Exception {
    Map<String, String> state = new TreeMap<>();
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      try (ResultSet rs = st.executeQuery("select indicator_code, period, value from marts.indicator_values"
          + " where member is null and country_iso2 is null and org_unit is null and sex is null and age_group is null")) {
        while (rs.next()) {
          state.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3));
        }
      }
      try (ResultSet rs = st.executeQuery("select count(*) from marts.runs where status = 'withdrawn'")) {
        rs.next();
        state.put("withdrawals", rs.getString(1));
      }
      try (ResultSet rs = st.executeQuery("select count(*) from marts.observations where source_file = 'samusocial/b.csv'")) {
        rs.next();
        state.put("figures of b.csv", rs.getString(1));
      }
    }
    return state;
  }

  private static Path deliver(Path root) throws Exception {
    Path input = root.resolve("input");
    Files.createDirectories(input.resolve("samusocial"));
    Files.writeString(input.resolve("samusocial/a.csv"), KEPT, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("samusocial/b.csv"), WITHDRAWN, StandardCharsets.UTF_8);
    return input;
  }

  private static String[] paths(Path root, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--lake", root.resolve("lake").toString(), "--warehouse", root.resolve("wh/p.duckdb").toString()));
    return args.toArray(String[]::new);
  }

  private static Map<String, String> withdrawn;

  /** What an uninterrupted withdrawal gives, computed once. */
  @BeforeAll
  static void uninterrupted(@TempDir Path reference) throws Exception {
    Path input = deliver(reference);
    inProcess(paths(reference, "run", "--input", input.toString()));
    inProcess(paths(reference, "withdraw", "samusocial/b.csv"));
    withdrawn = state(reference.resolve("wh/p.duckdb"));
    assertEquals("1", withdrawn.get("withdrawals"));
    assertEquals("0", withdrawn.get("figures of b.csv"));
    assertEquals("100.0", withdrawn.get("people_reached|2023"));
  }

  @ParameterizedTest(name = "killed when it prints \"{0}\"")
  @ValueSource(strings = {"withdrawal recorded", "Building the warehouse"})
  void aKilledWithdrawalLeavesThePreviousWarehouseAndTheNextRunFinishesIt(String killAt) throws Exception {
    Path input = deliver(dir);
    inProcess(paths(dir, "run", "--input", input.toString()));
    Map<String, String> before = state(dir.resolve("wh/p.duckdb"));
    assertEquals("300.0", before.get("people_reached|2023"));

    assertTrue(RunningPalabre.killedAt(killAt, paths(dir, "withdraw", "samusocial/b.csv")), "the withdrawal reached '" + killAt + "'");
    assertEquals(before, state(dir.resolve("wh/p.duckdb")), "the previous warehouse, readable and whole");

    // the file is still in the input, unchanged: the next run finishes the withdrawal and does not read it again
    inProcess(paths(dir, "run", "--input", input.toString()));
    assertEquals(withdrawn, state(dir.resolve("wh/p.duckdb")), "the withdrawal is finished, once");
    try (var runs = Files.list(dir.resolve("lake/_withdrawn"))) {
      List<Path> archives = runs.toList();
      assertEquals(1, archives.size(), archives.toString());
      assertTrue(Files.isDirectory(archives.get(0).resolve("figures/samusocial")), "the figures are in the archive");
      assertTrue(Files.notExists(archives.get(0).resolve("run.parquet")), "the run record went to _runs");
    }
  }
}
