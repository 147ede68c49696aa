package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;

/**
 * A DHIS2 delivery of the Mali project beside a Samusocial one, from files to published
 * indicators on real parts (direct runner, Parquet, DuckDB). Every expected figure is computed by
 * hand from the fixture in the comments.
 */
class Dhis2EndToEndTest {

  @TempDir Path dir;
  Path input;
  Path lake;
  Path warehouse;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  /**
   * Mali > Région de Kayes > DS Kayes > CSCom Kayes N'Di, DS Kita; Mali > Région de Ségou > DS Ségou.
   */
  static final String METADATA = """
      {"organisationUnits": [
        {"id": "IFVNBRzHgmk", "name": "Mali", "level": 1},
        {"id": "RegKayes001", "name": "Région de Kayes", "level": 2, "parent": {"id": "IFVNBRzHgmk"}},
        {"id": "RegSegou001", "name": "Région de Ségou", "level": 2, "parent": {"id": "IFVNBRzHgmk"}},
        {"id": "DisKayes001", "name": "DS Kayes", "level": 3, "parent": {"id": "RegKayes001"}},
        {"id": "DisKita0001", "name": "DS Kita", "level": 3, "parent": {"id": "RegKayes001"}},
        {"id": "DisSegou001", "name": "DS Ségou", "level": 3, "parent": {"id": "RegSegou001"}},
        {"id": "FacNDi00001", "name": "CSCom Kayes N'Di", "level": 4, "parent": {"id": "DisKayes001"}}
       ],
       "dataElements": [
        {"id": "zLQFmRw2IH5", "name": "Professionnels formés", "valueType": "INTEGER_ZERO_OR_POSITIVE",
         "categoryCombo": {"id": "ccSexe00001"}},
        {"id": "ebxUDyVAcpS", "name": "Sessions ASACO", "valueType": "INTEGER_ZERO_OR_POSITIVE"},
        {"id": "IHToBv4dyt0", "name": "Membres des organes de gestion", "valueType": "INTEGER_ZERO_OR_POSITIVE"},
        {"id": "IvPNUGvOrtT", "name": "Femmes membres des organes de gestion", "valueType": "INTEGER_ZERO_OR_POSITIVE"}
       ],
       "categoryCombos": [{"id": "ccSexe00001", "name": "Sexe", "categories": [{"id": "catSexe0001"}]}],
       "categories": [{"id": "catSexe0001", "name": "Sexe", "categoryOptions": [{"id": "KygNtyIHjFu"}, {"id": "kSKfk6w6PBV"}]}],
       "categoryOptions": [{"id": "KygNtyIHjFu", "name": "Féminin"}, {"id": "kSKfk6w6PBV", "name": "Masculin"}],
       "categoryOptionCombos": [
        {"id": "cocFeminin1", "name": "Féminin", "categoryCombo": {"id": "ccSexe00001"}, "categoryOptions": [{"id": "KygNtyIHjFu"}]},
        {"id": "cocMasculin", "name": "Masculin", "categoryCombo": {"id": "ccSexe00001"}, "categoryOptions": [{"id": "kSKfk6w6PBV"}]}
       ]}
      """;

  @BeforeEach
  void deliveries() throws Exception {
    input = dir.resolve("input");
    lake = dir.resolve("lake");
    warehouse = dir.resolve("wh/palabre.duckdb");
    Files.createDirectories(input.resolve("dhis2/metadata"));
    Files.createDirectories(input.resolve("samusocial"));
    // named like data on purpose: metadata is told by its content
    Files.writeString(input.resolve("dhis2/metadata/export.json"), METADATA, StandardCharsets.UTF_8);
    // professionals trained in 2016, by region and sex: Kayes 10 F + 12 M, Ségou 5 F + 8 M
    // governance 2017 by district: DS Kayes 12 women of 40, DS Kita 15 of 38, DS Ségou 16 of 35
    // one unknown org unit and one deleted value are rejected
    Files.writeString(input.resolve("dhis2/yearly.json"), """
        {"dataSet": "QLfNgGrlIEU", "dataValues": [
          {"dataElement": "zLQFmRw2IH5", "period": "2016", "orgUnit": "RegKayes001", "categoryOptionCombo": "cocFeminin1", "value": "10"},
          {"dataElement": "zLQFmRw2IH5", "period": "2016", "orgUnit": "RegKayes001", "categoryOptionCombo": "cocMasculin", "value": "12"},
          {"dataElement": "zLQFmRw2IH5", "period": "2016", "orgUnit": "RegSegou001", "categoryOptionCombo": "cocFeminin1", "value": "5"},
          {"dataElement": "zLQFmRw2IH5", "period": "2016", "orgUnit": "RegSegou001", "categoryOptionCombo": "cocMasculin", "value": "8"},
          {"dataElement": "IvPNUGvOrtT", "period": "2017", "orgUnit": "DisKayes001", "value": "12"},
          {"dataElement": "IHToBv4dyt0", "period": "2017", "orgUnit": "DisKayes001", "value": "40"},
          {"dataElement": "IvPNUGvOrtT", "period": "2017", "orgUnit": "DisKita0001", "value": "15"},
          {"dataElement": "IHToBv4dyt0", "period": "2017", "orgUnit": "DisKita0001", "value": "38"},
          {"dataElement": "IvPNUGvOrtT", "period": "2017", "orgUnit": "DisSegou001", "value": "16"},
          {"dataElement": "IHToBv4dyt0", "period": "2017", "orgUnit": "DisSegou001", "value": "35"},
          {"dataElement": "IHToBv4dyt0", "period": "2017", "orgUnit": "Zq7NoSuchOu", "value": "99"},
          {"dataElement": "IHToBv4dyt0", "period": "2017", "orgUnit": "DisSegou001", "value": "35", "deleted": true}
        ]}
        """, StandardCharsets.UTF_8);
    // sessions: weeks 2016W5 (1-7 Feb: February), 2016W9 (29 Feb - 6 Mar, Thursday 3 Mar: March)
    // and 2016W13 (28 Mar - 3 Apr, Thursday 31 Mar: March) at a Kayes facility; the second half
    // of 2016 (no quarter, no month) and the April 2016 financial year (no calendar period) at DS Ségou
    Files.writeString(input.resolve("dhis2/sessions.csv"), """
        dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value
        ebxUDyVAcpS,2016W5,FacNDi00001,,,2
        ebxUDyVAcpS,2016W9,FacNDi00001,,,3
        ebxUDyVAcpS,2016W13,FacNDi00001,,,4
        ebxUDyVAcpS,2016S2,DisSegou001,,,6
        ebxUDyVAcpS,2016April,DisSegou001,,,10
        """, StandardCharsets.UTF_8);
    // Samusocial: 20 professionals trained in March 2016, 12 of them women
    Files.writeString(input.resolve("samusocial/formations.csv"), """
        Dispositif;Pays;Date de la formation;Intitulé de la formation;Public cible;Participants;dont femmes;dont hommes
        Samusocial Sénégal;SN;15/03/2016;Premiers secours psychologiques;travailleurs sociaux;20;12;8
        """, StandardCharsets.UTF_8);
  }

  void ingestAndBuild() throws Exception {
    new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), new PrintStream(log, true)).run();
    new WarehouseBuild(lake, warehouse, new PrintStream(log, true)).run(RunFiles.newRunId());
  }

  List<List<String>> query(String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  String value(String indicator, String period, String where) throws Exception {
    List<List<String>> rows = query("select value from marts.indicator_values where indicator_code = '" + indicator
        + "' and period = '" + period + "' and " + where);
    return rows.isEmpty() ? null : rows.size() == 1 ? rows.get(0).get(0) : "several rows: " + rows;
  }

  static final String NETWORK = "member is null and country_iso2 is null and org_unit is null and sex is null and age_group is null";
  static final String MALI = "member = 'mali-sante' and country_iso2 = 'ML' and adm1 is null and org_unit is null"
      + " and sex is null and age_group is null";

  static String region(String adm1) {
    return "member = 'mali-sante' and adm1 = '" + adm1 + "' and adm2 is null and sex is null and age_group is null";
  }

  static String district(String adm1, String adm2) {
    return "member = 'mali-sante' and adm1 = '" + adm1 + "' and adm2 = '" + adm2 + "' and sex is null and age_group is null";
  }

  @Test
  void maliFiguresBecomeIndicatorsBesideSamusocialsWithRegionRollUpsThatAddUp() throws Exception {
    ingestAndBuild();
    assertEquals(List.of(
            List.of("dhis2/metadata/export.json", "17", "17", "0"), // 7 org units + 4 elements + 6 category objects
            List.of("dhis2/sessions.csv", "5", "5", "0"),
            List.of("dhis2/yearly.json", "12", "10", "2"),
            List.of("samusocial/formations.csv", "1", "1", "0")),
        query("select source_file, rows_read, rows_loaded, rows_rejected from marts.load_report order by 1"));
    assertEquals(List.of(
            List.of("dhis2/yearly.json", "12", "unknown org unit 'Zq7NoSuchOu' (not in the DHIS2 metadata); deliver the metadata that names it (a dhis2/ metadata JSON) and run again"),
            List.of("dhis2/yearly.json", "13", "deleted value (deleted=true in DHIS2): not counted")),
        query("select source_file, source_line, reason from marts.rejected_rows order by source_line"));
    assertEquals(List.of(List.of("7", "Région de Kayes", "DS Kayes", "CSCom Kayes N'Di", "ML", "mali-sante")),
        query("select (select count(*) from intermediate.int_dhis2__org_units), u.region, u.district, u.facility, u.country_iso2,"
            + " (select m.member_code from intermediate.int_dhis2__unit_members as m where m.org_unit_uid = u.org_unit_uid"
            + " order by m.depth desc limit 1)"
            + " from intermediate.int_dhis2__org_units as u where u.level = 4"));

    // professionals trained, 2016: Mali 10 + 12 + 5 + 8 = 35 beside Samusocial's 20
    assertEquals("55.0", value("professionals_trained", "2016", NETWORK));
    assertEquals("35.0", value("professionals_trained", "2016", MALI));
    assertEquals("20.0", value("professionals_trained", "2016", "member = 'samusocial-sn' and country_iso2 is not null"
        + " and adm1 is null and org_unit is null and sex is null"));
    assertEquals("27.0", value("professionals_trained", "2016", "member is null and country_iso2 is null and sex = 'female'"
        + " and age_group is null"), "women: 10 + 5 in Mali, 12 in Dakar");
    assertEquals("22.0", value("professionals_trained", "2016", region("Région de Kayes")));
    assertEquals("13.0", value("professionals_trained", "2016", region("Région de Ségou")));
    assertEquals("10.0", value("professionals_trained", "2016",
        "member = 'mali-sante' and adm1 = 'Région de Kayes' and adm2 is null and sex = 'female'"));
    assertEquals("22.0", value("professionals_trained", "2016", district("Région de Kayes", "unknown")),
        "figures reported at region level sit under district 'unknown', so that districts add up to their region");

    // local training sessions: one month per week, by DHIS2's four-day rule
    assertEquals(List.of(List.of("month", "2016-02", "2.0"), List.of("month", "2016-03", "7.0"),
            List.of("quarter", "2016Q1", "9.0"), List.of("year", "2016", "15.0")),
        query("select period_type, period, value from marts.indicator_values where indicator_code = 'local_training_sessions'"
            + " and " + NETWORK + " order by period_type, period"),
        "W5 in February, W9 and W13 in March (never April), S2 only in the year, the April financial year nowhere");
    assertEquals("9.0", value("local_training_sessions", "2016", region("Région de Kayes")));
    assertEquals("9.0", value("local_training_sessions", "2016", district("Région de Kayes", "DS Kayes")));
    assertEquals("6.0", value("local_training_sessions", "2016", region("Région de Ségou")));
    assertEquals("15.0", value("local_training_sessions", "2016", MALI));

    // women in governance, 2017: ratios recomputed from summed numerators and denominators
    assertEquals(List.of(
            List.of("Région de Kayes", "DS Kayes", "12.0", "40.0", "30.0"),
            List.of("Région de Kayes", "DS Kita", "15.0", "38.0", ratio(15, 38)),
            List.of("Région de Kayes", "all", "27.0", "78.0", ratio(27, 78)),
            List.of("Région de Ségou", "DS Ségou", "16.0", "35.0", ratio(16, 35)),
            List.of("Région de Ségou", "all", "16.0", "35.0", ratio(16, 35)),
            List.of("all", "all", "43.0", "113.0", ratio(43, 113))),
        query("select coalesce(adm1, 'all'), coalesce(adm2, 'all'), numerator, denominator, value from marts.indicator_values"
            + " where indicator_code = 'women_in_governance_rate' and period = '2017' and member = 'mali-sante'"
            + " and country_iso2 = 'ML' and org_unit is null and sex is null order by 1, 2"));
    assertEquals(ratio(43, 113), value("women_in_governance_rate", "2017", NETWORK),
        "43 / 113, not the mean of the regions' rates");
    assertEquals("percent", query("select distinct unit from marts.indicator_values"
        + " where indicator_code = 'women_in_governance_rate'").get(0).get(0));
  }

  static String ratio(double numerator, double denominator) {
    return String.valueOf(100 * numerator / denominator);
  }
}
