package org.palabre.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.RunningPalabre;
import org.palabre.lake.Lake;
import org.palabre.db.DuckDb;

/**
 * {@code palabre withdraw} on a real lake and warehouse built from {@code data-samples/}: the
 * withdrawn delivery's figures leave every mart, which then equals, mart by mart and row by row, a
 * real build of the samples without that file; its files are kept in the lake's archive; the
 * withdrawal is a row of {@code marts.runs}; the file left unchanged in the input is not read again,
 * and delivered again it is.
 */
class WithdrawTest {

  @TempDir static Path dir;
  static Path input;
  static Path lake;
  static Path warehouse;
  static Map<String, List<String>> before;
  static Map<String, List<String>> withoutTheFile;
  static Map<String, List<String>> afterWithdrawal;
  static String withdrawOutput;
  static String dryRunOutput;
  static int dryRunLakeDeliveries;
  static int lakeDeliveriesBefore;

  static final String FILE = "iati/afd-samusocial-2022-2025.xml";

  /** Marts that are the history of runs, not figures: a withdrawal adds to them. */
  static final List<String> HISTORY = List.of("load_report", "runs");

  @BeforeAll
  static void buildWithdrawAndBuildWithoutTheFile() throws Exception {
    Path repo = Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
    input = dir.resolve("input");
    copyTree(repo.resolve("data-samples"), input);
    lake = dir.resolve("lake");
    warehouse = dir.resolve("wh/palabre.duckdb");
    assertEquals(0, palabre("run", "--input", input.toString(), "--lake", lake.toString(), "--warehouse", warehouse.toString()));
    before = marts(warehouse);
    lakeDeliveriesBefore = new Lake(lake).deliveries().size();

    dryRunOutput = capture("withdraw", FILE, "--dry-run", "--lake", lake.toString(), "--warehouse", warehouse.toString());
    dryRunLakeDeliveries = new Lake(lake).deliveries().size();
    withdrawOutput = capture("withdraw", input.resolve(FILE).toString(), "--by", "fatou", "--reason", "sent by mistake",
        "--lake", lake.toString(), "--warehouse", warehouse.toString());
    afterWithdrawal = marts(warehouse);

    // the reference: a real build of the samples without the file
    Path without = dir.resolve("without");
    copyTree(repo.resolve("data-samples"), without);
    Files.delete(without.resolve(FILE));
    Path reference = dir.resolve("reference/palabre.duckdb");
    assertEquals(0, palabre("run", "--input", without.toString(), "--lake", dir.resolve("reference-lake").toString(),
        "--warehouse", reference.toString()));
    withoutTheFile = marts(reference);
  }

  @Test
  void theWithdrawnDeliverysFiguresLeaveEveryMart() {
    assertEquals(withoutTheFile.keySet(), afterWithdrawal.keySet());
    for (String mart : withoutTheFile.keySet()) {
      assertEquals(withoutTheFile.get(mart), afterWithdrawal.get(mart), "marts." + mart + " after the withdrawal = a build without the file");
    }
    // and the file did feed the marts before
    for (String mart : List.of("funding_budgets", "funding_transactions", "funding_activities", "indicator_values", "rejected_rows")) {
      assertNotEquals(before.get(mart), afterWithdrawal.get(mart), "marts." + mart + " changed");
    }
  }

  @Test
  void theDryRunSaysWhatWouldGoAndChangesNothing() {
    assertTrue(dryRunOutput.contains("Would withdraw 1 delivery"), dryRunOutput);
    assertTrue(dryRunOutput.contains(FILE + " (IATI activities 2.03, loaded in run "), dryRunOutput);
    assertTrue(dryRunOutput.contains("Dry run: nothing was withdrawn"), dryRunOutput);
    assertEquals(lakeDeliveriesBefore, dryRunLakeDeliveries);
  }

  @Test
  void theFilesAreArchivedAndTheWithdrawalIsARunWithWhoWhatAndWhen() throws Exception {
    assertTrue(withdrawOutput.contains("Withdrawing 1 delivery"), withdrawOutput);
    assertTrue(withdrawOutput.contains("Warehouse published"), withdrawOutput);
    Lake.Withdrawal withdrawal = new Lake(lake).withdrawals().get(0);
    String sha = withdrawal.deliveries().get(0).sha256();
    Path archive = lake.resolve("_withdrawn").resolve(withdrawal.runId());
    assertTrue(Files.isRegularFile(archive.resolve("_deliveries").resolve(sha + ".json")));
    try (Stream<Path> parts = Files.list(archive.resolve("iati_budgets/iati").resolve(sha))) {
      assertTrue(parts.anyMatch(p -> p.toString().endsWith(".parquet")), "the budgets are kept for audit");
    }
    assertFalse(Files.exists(lake.resolve("iati_budgets/iati").resolve(sha)));
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select status, withdrawn_by, detail, files_found, rows_read, started_at is not null"
            + " from marts.runs where run_id = " + DuckDb.literal(withdrawal.runId()))) {
      assertTrue(rs.next());
      assertEquals("withdrawn", rs.getString(1));
      assertEquals("fatou", rs.getString(2));
      assertTrue(rs.getString(3).startsWith("withdrew " + FILE + " (IATI activities 2.03, loaded in run "), rs.getString(3));
      assertTrue(rs.getString(3).contains("Reason: sent by mistake. Archived in " + archive), rs.getString(3));
      assertEquals(1, rs.getLong(4));
      assertTrue(rs.getLong(5) > 0);
      assertTrue(rs.getBoolean(6));
    }
  }

  @Test
  void theFileLeftInTheInputIsNotReadAgainAndDeliveredAgainItIs() throws Exception {
    String again = capture("run", "--input", input.toString(), "--lake", lake.toString(), "--warehouse", warehouse.toString());
    assertTrue(again.contains("ignored " + FILE + ": withdrawn in run "), again);
    assertEquals(withoutTheFile, marts(warehouse));

    Path file = input.resolve(FILE);
    Path copy = dir.resolve("afd-again.xml");
    Files.copy(file, copy);
    Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
    String redelivered = capture("run", "--input", input.toString(), "--lake", lake.toString(), "--warehouse", warehouse.toString());
    assertTrue(redelivered.matches("(?s).*" + FILE.replace(".", "\\.") + "\\s+\\d+\\s+\\d+\\s+\\d+\\s+loaded.*"), redelivered);
    assertEquals(before, marts(warehouse), "read again, the file's figures are back");
  }

  @Test
  void aNameThatMatchesNoDeliveryIsRefusedWithWhatTheLakeHolds() {
    RunningPalabre.Outcome run = RunningPalabre.inProcess("withdraw", "iati/nothing.xml", "--lake", lake.toString(),
        "--warehouse", warehouse.toString());
    int exit = run.exit();
    String message = run.output();
    assertEquals(1, exit);
    assertTrue(message.contains("no delivery of the lake") && message.contains("is 'iati/nothing.xml'")
        && message.contains("The lake holds: "), message);
  }

  // ---- helpers

  static int palabre(String... args) {
    return RunningPalabre.inProcess(args).exit();
  }

  static String capture(String... args) {
    RunningPalabre.Outcome run = RunningPalabre.inProcess(args);
    assertEquals(0, run.exit(), run.output());
    return run.output();
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  /**
   * Every mart but the run history, as sorted rows of its columns that do not depend on when or in
   * which run it was built (run ids, timestamps).
   */
  static Map<String, List<String>> marts(Path warehouse) throws Exception {
    Map<String, List<String>> result = new TreeMap<>();
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      List<String> marts = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables where table_schema = 'marts'"
          + " order by 1")) {
        while (rs.next()) {
          if (!HISTORY.contains(rs.getString(1))) {
            marts.add(rs.getString(1));
          }
        }
      }
      for (String mart : marts) {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("select column_name from information_schema.columns where table_schema = 'marts'"
            + " and table_name = " + DuckDb.literal(mart) + " order by ordinal_position")) {
          while (rs.next()) {
            String c = rs.getString(1);
            if (!c.contains("run") && !c.endsWith("_at")) {
              columns.add('"' + c + '"');
            }
          }
        }
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("select " + String.join(", ", columns) + " from marts." + mart + " order by all")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              row.append(c == 1 ? "" : " | ").append(rs.getString(c));
            }
            rows.add(row.toString());
          }
        }
        result.put(mart, rows);
      }
    }
    return result;
  }
}
