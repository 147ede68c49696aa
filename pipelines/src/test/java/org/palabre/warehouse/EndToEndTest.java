package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;

/**
 * Member files to published indicators on real parts: Beam's direct runner, Parquet files, a
 * DuckDB file. The expected figures are computed by hand from the fixture below.
 */
class EndToEndTest {

  @TempDir Path dir;
  Path input;
  Path lake;
  Path warehouse;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void deliveries() throws Exception {
    input = dir.resolve("input");
    lake = dir.resolve("lake");
    warehouse = dir.resolve("wh/palabre.duckdb");
    Files.createDirectories(input.resolve("samusocial/dakar"));
    Files.createDirectories(input.resolve("hxl"));
    // Dakar: Jan-Mar 2023, people 100/110/120 (women 40/45/3), consultations 10/11/12; one bad row
    Files.writeString(input.resolve("samusocial/dakar/rapport_T1_2023.csv"), """
        Dispositif;Mois;Personnes rencontrées;dont femmes;Consultations médicales
        Samusocial Sénégal;janvier 2023;100;40;10
        Samusocial Sénégal;février 2023;110;45;11
        Samusocial Sénégal;mars 2023;120;3;12
        Samusocial Sénégal;avril 2023;n'importe;;
        """, StandardCharsets.UTF_8);
    // Pointe-Noire: April 2023, 200 people, Windows-1252, comma
    Files.writeString(input.resolve("samusocial/pn_avril.csv"),
        "dispositif,mois,personnes_rencontrées,consultations_médicales\r\nSamusocial Pointe-Noire,04/2023,200,30\r\n",
        Charset.forName("windows-1252"));
    // HXL 3W: Burkina, a yearly figure for 2023 (counts in the year only, never in a month)
    Files.writeString(input.resolve("hxl/3w.csv"), """
        Qui,Quand,Atteints
        #org,#date,#reached+ind
        SSBF,2023,1000
        """, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("README.txt"), "not a delivery");
  }

  IngestJob.Result ingest() throws Exception {
    return new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), new PrintStream(log, true)).run();
  }

  void build() throws Exception {
    new WarehouseBuild(lake, warehouse, new PrintStream(log, true)).run(RunFiles.newRunId());
  }

  List<List<String>> query(String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<List<String>> rows(ResultSet rs) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int c = 1; c <= n; c++) {
        row.add(rs.getString(c));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Network totals: indicator|period_type|period -> value. */
  Map<String, String> networkTotals() throws Exception {
    Map<String, String> totals = new TreeMap<>();
    for (List<String> r : query("select indicator_code, period_type, period, value from marts.indicator_values"
        + " where member is null and country_iso2 is null and org_unit is null and sex is null and age_group is null")) {
      totals.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), r.get(3));
    }
    return totals;
  }

  @Test
  void membersFilesBecomeIndicatorsThatAddUp() throws Exception {
    IngestJob.Result result = ingest();
    build();
    assertEquals(3, result.newFiles());
    assertEquals(List.of(
            List.of("hxl/3w.csv", "1", "1", "0", "loaded"),
            List.of("samusocial/dakar/rapport_T1_2023.csv", "4", "3", "1", "loaded"),
            List.of("samusocial/pn_avril.csv", "1", "1", "0", "loaded")),
        query("select source_file, rows_read, rows_loaded, rows_rejected, status from marts.load_report order by 1"));
    assertEquals(List.of(List.of("samusocial/dakar/rapport_T1_2023.csv", "5",
            "column 3 (Personnes rencontrées): 'n'importe' is not a number; write a number or leave the cell blank")),
        query("select source_file, source_line, reason from marts.rejected_rows"));
    Map<String, String> totals = networkTotals();
    assertEquals("100.0", totals.get("people_reached|month|2023-01"));
    assertEquals("200.0", totals.get("people_reached|month|2023-04"));
    assertEquals("330.0", totals.get("people_reached|quarter|2023Q1"));
    assertEquals("200.0", totals.get("people_reached|quarter|2023Q2"));
    assertEquals("1530.0", totals.get("people_reached|year|2023"), "330 + 200 + the yearly 1000");
    assertEquals("63.0", totals.get("medical_consultations|year|2023"));
    assertEquals(null, totals.get("people_reached|month|2023-12"), "the yearly figure lands in no month");
    assertEquals(List.of(
            List.of("samusocial-bf", "BF", "1000.0"), List.of("samusocial-pn", "CG", "200.0"), List.of("samusocial-sn", "SN", "330.0")),
        query("select member, country_iso2, value from marts.indicator_values where indicator_code = 'people_reached'"
            + " and period = '2023' and member is not null and org_unit is null and country_iso2 is not null and adm1 is null and sex is null order by 1"));
    // women: 40 + 45 + 3 in Q1; March (3) is a small cell. Q1 = Jan + Feb + Mar would give it back,
    // so the smallest visible month (January, 40) is hidden too (secondary suppression)
    assertEquals(List.of(List.of("2023", "88.0", "false"), java.util.Arrays.asList("2023-01", null, "true"),
            List.of("2023-02", "45.0", "false"), java.util.Arrays.asList("2023-03", null, "true"), List.of("2023Q1", "88.0", "false")),
        query("select period, value, suppressed from marts.indicator_values where indicator_code = 'people_reached'"
            + " and sex = 'female' and member is null and country_iso2 is null and adm1 is null order by period"));
    // an attacker with the published cells only: the quarter minus the visible months leaves 43, which is
    // January and March together, never March alone
    double quarter = Double.parseDouble(query("select value from marts.indicator_values where indicator_code = 'people_reached'"
        + " and sex = 'female' and member is null and country_iso2 is null and adm1 is null and period = '2023Q1'").get(0).get(0));
    List<List<String>> months = query("select value from marts.indicator_values where indicator_code = 'people_reached'"
        + " and sex = 'female' and member is null and country_iso2 is null and adm1 is null and period_type = 'month'"
        + " and period between '2023-01' and '2023-03'");
    long hidden = months.stream().filter(r -> r.get(0) == null).count();
    double visible = months.stream().filter(r -> r.get(0) != null).mapToDouble(r -> Double.parseDouble(r.get(0))).sum();
    assertTrue(hidden != 1, "with one hidden month, " + quarter + " - " + visible + " would give it back");
    assertEquals("3.0", query("select sum(value) from core.fct_observations where sex = 'female' and period = '2023-03'").get(0).get(0),
        "core tables are never suppressed");
  }

  @Test
  void aReRunWithNothingNewChangesNothingAndARenamedCopyCountsOnce() throws Exception {
    ingest();
    build();
    Map<String, String> first = networkTotals();
    IngestJob.Result again = ingest();
    build();
    assertEquals(0, again.newFiles());
    assertTrue(log.toString().contains("nothing new to ingest"));
    assertEquals(first, networkTotals());
    Files.copy(input.resolve("samusocial/pn_avril.csv"), input.resolve("samusocial/pn_avril_renvoi.csv"));
    IngestJob.Result renamed = ingest();
    build();
    assertEquals(0, renamed.newFiles());
    assertEquals(first, networkTotals());
    String status = renamed.report().stream().filter(r -> r.sourceFile().endsWith("renvoi.csv")).findFirst().orElseThrow().status();
    assertTrue(status.startsWith("same content as samusocial/pn_avril.csv"), status);
  }

  @Test
  void aCorrectedFileUnderTheSameNameReplacesTheOldRowsInsteadOfAddingToThem() throws Exception {
    ingest();
    build();
    assertEquals("200.0", networkTotals().get("people_reached|month|2023-04"));
    Files.writeString(input.resolve("samusocial/pn_avril.csv"),
        "dispositif,mois,personnes_rencontrées,consultations_médicales\r\nSamusocial Pointe-Noire,04/2023,250,30\r\n",
        Charset.forName("windows-1252"));
    IngestJob.Result corrected = ingest();
    build();
    assertEquals(1, corrected.newFiles());
    assertEquals("250.0", networkTotals().get("people_reached|month|2023-04"), "replaced, not 200 + 250");
    String status = corrected.report().stream().filter(r -> r.sourceFile().equals("samusocial/pn_avril.csv")).findFirst()
        .orElseThrow().status();
    assertTrue(status.startsWith("loaded, replaces the version of run "), status);
    assertEquals(3, new org.palabre.lake.Lake(lake).deliveries().size());
    try (var markers = Files.list(lake.resolve("_deliveries"))) {
      assertEquals(3, markers.count(), "the superseded delivery is cleaned up");
    }
  }

  @Test
  void aCorrectedReportUnderANewNameReplacesTheSameServiceAndMonth() throws Exception {
    ingest();
    build();
    Files.writeString(input.resolve("samusocial/pn_avril_corrige.csv"),
        "dispositif,mois,personnes_rencontrées\r\nSamusocial Pointe-Noire,04/2023,240\r\n", Charset.forName("windows-1252"));
    ingest();
    build();
    Map<String, String> totals = networkTotals();
    assertEquals("240.0", totals.get("people_reached|month|2023-04"), "the corrected figure replaces 200, not 200 + 240");
    assertEquals("30.0", totals.get("medical_consultations|month|2023-04"), "a figure the correction does not give stays");
    assertEquals(List.of(List.of("samusocial/pn_avril.csv", "people_reached", "replaced by a later delivery")),
        query("select source_file, metric_code, left_out_because from intermediate.int_figure_versions where not counts"));
  }

  @Test
  void anUnreadableCellIsRejectedWithItsColumnAndTheRowsOtherFiguresLoad() throws Exception {
    Files.writeString(input.resolve("samusocial/dakar/rapport_mai_2023.csv"), """
        Dispositif;Mois;Personnes rencontrées;dont femmes;Consultations médicales
        Samusocial Sénégal;mai 2023;beaucoup;41;13
        """, StandardCharsets.UTF_8);
    ingest();
    build();
    assertEquals(List.of(List.of("1", "1", "0", "1")),
        query("select rows_read, rows_loaded, rows_rejected, cells_rejected from marts.load_report"
            + " where source_file = 'samusocial/dakar/rapport_mai_2023.csv'"));
    assertEquals(List.of(List.of("2", "3",
            "column 3 (Personnes rencontrées): 'beaucoup' is not a number; write a number or leave the cell blank")),
        query("select source_line, source_column, reason from marts.rejected_rows"
            + " where source_file = 'samusocial/dakar/rapport_mai_2023.csv'"));
    assertEquals(List.of(List.of("medical_consultations", "null", "13.0"), List.of("people_reached", "female", "41.0")),
        query("select metric_code, coalesce(sex, 'null'), value from core.fct_observations"
            + " where source_file = 'samusocial/dakar/rapport_mai_2023.csv' order by 1"),
        "the row's other figures load; no total is derived for a row whose total cell was rejected");
  }

  @Test
  void aRowBreakingAnErrorRuleIsRejectedAtBuildAndTheAccountingStillBalances() throws Exception {
    Files.writeString(input.resolve("samusocial/casa.csv"), """
        Dispositif;Mois;Personnes rencontrées;dont femmes;dont mineurs
        Samusocial Casablanca;2023-05;150;180;20
        Samusocial Casablanca;2023-06;150;70;200000000
        Samusocial Casablanca;2031-01;10;5;1
        """, StandardCharsets.UTF_8);
    ingest();
    build();
    // a month after the run date is rejected when the file is read (the one date policy, text/Periods),
    // so the build's rules see the two other rows only
    assertEquals(List.of(
            List.of("minors_within_people_reached", "error", "3"),
            List.of("people_reached_plausible", "warning", "3"),
            List.of("women_within_people_reached", "error", "2")),
        query("select rule_id, severity, source_line from marts.validation_results where source_file = 'samusocial/casa.csv'"
            + " order by rule_id"));
    String future = query("select reason from marts.rejected_rows where source_file = 'samusocial/casa.csv' and source_line = 4")
        .get(0).get(0);
    assertTrue(future.endsWith("period 2031-01 is after the run date " + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
        + ": check the year"), future);
    assertEquals(List.of(List.of("3", "0", "3", "2")),
        query("select rows_read, rows_loaded, rows_rejected, rows_rejected_by_rules from marts.load_report"
            + " where source_file = 'samusocial/casa.csv'"));
    String reason = query("select reason from marts.rejected_rows where source_file = 'samusocial/casa.csv' and source_line = 2")
        .get(0).get(0);
    assertTrue(reason.startsWith("validation: Women met cannot outnumber the people met (people_reached female = 180.0 <="), reason);
    assertEquals(null, networkTotals().get("people_reached|month|2023-05"), "the rejected row counts nowhere");
  }

  @Test
  void aFailedBuildLeavesThePublishedWarehouseUntouchedAndSaysWhy() throws Exception {
    ingest();
    build();
    Map<String, String> published = networkTotals();
    byte[] before = Files.readAllBytes(warehouse);
    List<SqlModel> models = new ArrayList<>(WarehouseBuild.orderedModels());
    models.add(SqlModel.parse("marts/broken_check.sql", """
        -- grain: one row per network total
        -- depends on: marts.indicator_values
        select * from marts.indicator_values

        -- test: no indicator ever exceeds 100 (false on purpose)
        select * from marts.broken_check where value > 100
        """));
    try (Connection reader = DuckDb.open(warehouse, true)) {
      WarehouseBuild.BuildFailure failure = assertThrows(WarehouseBuild.BuildFailure.class,
          () -> new WarehouseBuild(lake, warehouse, new PrintStream(log, true)).run("run-broken", models));
      assertTrue(failure.getMessage().contains("test 'no indicator ever exceeds 100 (false on purpose)' of marts.broken_check failed"),
          failure.getMessage());
      try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery("select count(*) from marts.indicator_values")) {
        assertTrue(rs.next(), "a reader connected during the failed build still reads");
      }
    }
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(warehouse)), "the published file is byte for byte the same");
    assertEquals(published, networkTotals());
    try (var files = Files.list(warehouse.getParent())) {
      assertEquals(List.of("palabre.duckdb"), files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList(), "no half-built file is left");
    }
  }

  @Test
  void aReaderConnectedDuringARebuildKeepsWorkingAndNewConnectionsSeeTheNewData() throws Exception {
    Files.delete(input.resolve("hxl/3w.csv"));
    ingest();
    build();
    try (Connection reader = DuckDb.open(warehouse, true); Statement st = reader.createStatement()) {
      Files.writeString(input.resolve("hxl/3w.csv"), "#org,#date,#reached\nSSBF,2023,1000\n");
      ingest();
      build();
      try (ResultSet rs = st.executeQuery("select value from marts.indicator_values where indicator_code = 'people_reached'"
          + " and period = '2023' and member is null and country_iso2 is null and org_unit is null and sex is null and age_group is null")) {
        assertTrue(rs.next());
        assertEquals(530.0, rs.getDouble(1), "the old connection still sees the old version");
      }
    }
    assertEquals("1530.0", networkTotals().get("people_reached|year|2023"));
  }
}
