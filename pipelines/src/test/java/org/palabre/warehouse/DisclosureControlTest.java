package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;
import org.palabre.serve.AudienceWarehouses;

/**
 * Disclosure control on the repository's samples, judged from outside: the whole job, the audience
 * files, then {@link RecoverySearch} in every file (the network's and each member's) for a hidden
 * figure that subtraction or another indicator gives back. A control undoes the complementary
 * suppression in a copy and checks that the search then finds the small cells, so that "no leak"
 * means something.
 */
class DisclosureControlTest {

  @TempDir static Path dir;
  static Path warehouse;
  static Path audiences;

  @BeforeAll
  static void runTheSamples() throws Exception {
    Path samples = Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");
    Path lake = dir.resolve("lake");
    warehouse = dir.resolve("w/palabre.duckdb");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    new IngestJob(new IngestJob.Options(samples, lake, List.of("--runner=DirectRunner")), quiet).run();
    new WarehouseBuild(lake, warehouse, quiet).run(RunFiles.newRunId());
    AudienceWarehouses.publish(warehouse, quiet);
    audiences = AudienceWarehouses.folder(warehouse);
  }

  static List<List<String>> query(Path file, String sql) throws Exception {
    try (Connection db = DuckDb.open(file, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  @Test
  void noFileGivesAHiddenFigureBackBySubtractionOrFromAnotherIndicator() throws Exception {
    List<String> leaks = new ArrayList<>();
    int files = 0;
    try (Stream<Path> list = Files.list(audiences)) {
      for (Path file : list.filter(p -> p.toString().endsWith(".duckdb")).sorted().toList()) {
        String audience = file.getFileName().toString().replace(".duckdb", "");
        RecoverySearch.search(warehouse, file, audience.equals(AudienceWarehouses.NETWORK) ? null : audience)
            .forEach(l -> leaks.add(audience + ": " + l));
        files++;
      }
    }
    assertEquals(27, files, "the network's file and one per member of schemas/codes/members.csv");
    assertEquals(List.of(), leaks.stream().limit(20).toList(), leaks.size() + " figures worked out");
  }

  @Test
  void theSearchFindsTheSmallCellsOnceComplementarySuppressionIsUndone() throws Exception {
    // a copy of the network's file where every hidden row that is not itself small is shown again
    Path copy = dir.resolve("undone.duckdb");
    Files.copy(audiences.resolve("network.duckdb"), copy);
    try (Connection db = DuckDb.open(copy, false); Statement st = db.createStatement()) {
      st.execute("attach " + DuckDb.literal(warehouse.toString()) + " as wh (read_only)");
      int shown = st.executeUpdate("update marts.indicator_values as p set suppressed = false, numerator = t.numerator,"
          + " denominator = t.denominator, value = t.value from wh.indicators.indicator_value as t, wh.ref.indicator_catalogue as c,"
          + " (select cast(value as double) as threshold from wh.ref.settings where setting = 'small_cell_threshold') as s"
          + " where p.suppressed and c.indicator_code = t.indicator_code and p.indicator_code = t.indicator_code"
          + " and p.period_type = t.period_type and p.period = t.period and p.member is not distinct from t.member"
          + " and p.country_iso2 is not distinct from t.country_iso2 and p.adm1 is not distinct from t.adm1"
          + " and p.adm2 is not distinct from t.adm2 and p.org_unit is not distinct from t.org_unit and p.sex is not distinct from t.sex"
          + " and p.age_group is not distinct from t.age_group and p.pathology is not distinct from t.pathology"
          + " and p.dimension_name is not distinct from t.dimension_name and p.dimension_value is not distinct from t.dimension_value"
          + " and not (c.suppress_small_cells and ((t.numerator > 0 and t.numerator < s.threshold)"
          + "   or (t.denominator > 0 and t.denominator < s.threshold)))");
      assertTrue(shown > 50, "complementary cells shown again: " + shown);
    }
    List<RecoverySearch.Leak> leaks = RecoverySearch.search(warehouse, copy, null);
    assertTrue(leaks.stream().anyMatch(l -> l.kind().startsWith("small count of people") && l.indicator().equals("patients_operated")), leaks.toString());
    assertTrue(leaks.stream().anyMatch(l -> l.kind().startsWith("small count of people") && l.indicator().equals("psychosocial_support_rate")),
        leaks.toString());
  }

  @Test
  void aRateIsHiddenWhereItsDenominatorIsACellHiddenInAnotherIndicator() throws Exception {
    // mdm-fr, Madagascar, 2022, sex unknown: one patient operated, none followed up
    String where = " where period = '2022' and member = 'mdm-fr' and country_iso2 = 'MG' and sex = 'unknown'"
        + " and age_group is null and pathology is null";
    assertEquals(List.of(List.of("1.0", "0.0")), query(warehouse, "select denominator, numerator from indicators.indicator_value"
        + where + " and indicator_code = 'psychosocial_support_rate'"));
    assertEquals(List.of(Arrays.asList("patients_operated", "true", null), Arrays.asList("psychosocial_support_rate", "true", null)),
        query(audiences.resolve("network.duckdb"), "select indicator_code, suppressed, denominator from marts.indicator_values"
            + where + " and indicator_code in ('patients_operated', 'psychosocial_support_rate') order by 1"));
  }

  @Test
  void aMemberSeesNoTotalFedByFewerThanThreeMembersNorAnotherMembersRows() throws Exception {
    Path sn = audiences.resolve("samusocial-sn.duckdb");
    // Burkina Faso is fed by samusocial-bf alone: its country rows are there, without figures
    assertEquals(List.of(List.of("true", "true", "suppressed")), query(sn, "select distinct suppressed, value is null and numerator is null,"
        + " value_status from marts.indicator_values where member is null and country_iso2 = 'BF'"));
    assertEquals(List.of(List.of("0")), query(sn, "select count(*) from marts.indicator_values where member is not null and member <> 'samusocial-sn'"));
    // in every member's file: a total over members shows figures only when fed by at least 3 members, and never another member's own rows
    try (Stream<Path> list = Files.list(audiences)) {
      for (Path file : list.filter(p -> p.toString().endsWith(".duckdb") && !p.endsWith("network.duckdb")).toList()) {
        assertEquals(List.of(List.of("0", "0")), query(file, "select count(*) filter (where member is null and not suppressed"
            + " and members_contributing < 3), count(*) filter (where suppressed and (value is not null or numerator is not null"
            + " or denominator is not null or achievement_rate is not null or target_gap is not null)) from marts.indicator_values"), file.toString());
      }
    }
    // the network's file keeps every total that is no small cell, whatever the number of members feeding it
    assertEquals(List.of(List.of("false", "5267.0", "1")), query(audiences.resolve("network.duckdb"), "select suppressed, value,"
        + " members_contributing from marts.indicator_values where indicator_code = 'people_reached' and period = '2022' and member is null"
        + " and country_iso2 = 'BF' and sex is null and age_group is null"));
  }
}
