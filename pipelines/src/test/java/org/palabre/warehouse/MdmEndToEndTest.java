package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;
import org.palabre.privacy.PseudonymKeys;
import org.palabre.privacy.Pseudonymiser;
import org.palabre.sources.mdm.MissionsFolder;

/**
 * Mission sheets, partnership files and reference tables to published indicators, on real parts
 * (direct runner, Parquet, DuckDB). Every expected figure is computed by hand from the fixture in
 * the comments.
 */
class MdmEndToEndTest {

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
    Files.createDirectories(input.resolve("missions/2023"));
    Files.createDirectories(input.resolve("partnerships"));
    Files.createDirectories(input.resolve("reference"));
    Files.writeString(input.resolve(PseudonymKeys.SAMPLE_MARKER), "fictitious test data\n");
    // OS-MG-2023-01 (FR, Madagascar, May 2023, closed): operated P1 F 7 cleft psy yes, P2 M 30 burn psy no,
    // P4 M 40 macrostomie (-> other) psy not said; P3 F 2 tumour not operated
    Files.writeString(input.resolve("missions/2023/mg.json"), """
        {"mission_id": "OS-MG-2023-01", "section": "FR", "country": "Madagascar", "start_date": "2023-05-08",
         "end_date": "2023-05-20", "status": "closed", "patients": [
          {"code": "MG-ANT-2023-0001", "name": "Rasoa Bemanana", "sex": "F", "age": 7, "pathology": "fente labiale", "operated": "oui", "psychosocial_follow_up": "oui"},
          {"code": "MG-ANT-2023-0002", "sex": "M", "age": 30, "pathology": "burn", "operated": "yes", "psychosocial_follow_up": "no"},
          {"code": "MG-ANT-2023-0003", "sex": "F", "age": 2, "pathology": "tumeur", "operated": "non"},
          {"code": "MG-ANT-2023-0004", "nom": "Hery Rakoto", "sex": "M", "age": 40, "pathology": "macrostomie", "operated": "yes"}
         ]}
        """);
    // OS-KH-2023-02 (DE, Cambodia, Nov 2023, transferred to Sauver la Face, planned 2024-03-31, done 2024-03-15: on time):
    // operated P5 F 16 cleft psy yes, P6 sex not said 10 cleft psy yes
    Files.writeString(input.resolve("missions/2023/kh.json"), """
        {"missionId": "OS-KH-2023-02", "section": "Allemagne", "pays": "Cambodge", "startDate": "2023-11-02",
         "status": "transféré", "transfer": {"partner": "Sauver la Face", "planned_date": "2024-03-31", "actual_date": "2024-03-15"},
         "patients": [
          {"patientCode": "KH-PNH-2023-0001", "sex": "female", "age": 16, "pathology": "cleft lip", "operated": true, "psychosocialFollowUp": true},
          {"patientCode": "KH-PNH-2023-0002", "sex": "?", "age": 10, "pathology": "Cleft palate", "operated": true, "psychosocialFollowUp": "yes"}
         ]}
        """);
    // OS-TZ-2024-01 (NL, Tanzania, Feb 2024, transferred to Bugando, planned 2024-06-30, done 2024-09-01: late):
    // operated P7 M 5 burn psy no
    Files.writeString(input.resolve("missions/tz.json"), """
        {"mission_id": "OS-TZ-2024-01", "section": "NL", "country": "TZ", "start_date": "2024-02-05", "status": "transferred",
         "transferPartner": "Bugando Medical Centre", "transferPlannedDate": "2024-06-30", "transferActualDate": "2024-09-01",
         "patients": [{"code": "TZ-MWZ-2024-0001", "sex": "M", "age": 5, "pathology": "brûlure", "operated": "yes", "psychosocial_follow_up": "non"}]}
        """);
    // malformed: rejected whole, with the parser's position
    Files.writeString(input.resolve("missions/broken.json"), """
        {"mission_id": "OS-LA-2024-01", "section": "JP", "country": "LA", "start_date": "2024-02-05", "status": "active",
         "patients": [{"code": "LA-VTE-2024-0001", "name": "Souksavanh Phommachanh", "operated": "yes"}
                      {"code": "LA-VTE-2024-0002", "operated": "yes"}]}
        """);
    // registry, Windows-1252 and ';': A written 2022-, B tacit 2023-06-, C unknown 2020-01 to 2023-06-30, D written 2024-
    Files.write(input.resolve("partnerships/registre.csv"), """
        Partenaire;Pays;Section;Type de partenariat;Accord;Date de début;Date de fin
        Partenaire A;Madagascar;MdM France;opérationnel;écrit;2022-01-01;
        Partenaire B;Madagascar;MdM France;transfert;tacite;2023-06-01;
        Partenaire C;Cambodge;MdM Allemagne;alliance;;2020-01-01;2023-06-30
        Partenaire D;Cambodge;MdM Allemagne;stratégique;signé;2024-01-01;
        """.getBytes(Charset.forName("windows-1252")));
    // survey: u1 MG 4, u2 KH 2, u3 KH 5 not approved (left out), u4 no overall score
    Files.writeString(input.resolve("partnerships/kobo.csv"), """
        identification/country;identification/member_section;identification/partner_type;quality/score_overall;quality/score_communication;_id;_uuid;_submission_time;_validation_status
        madagascar;fr;operational;4;3;1;u1;2023-05-02T10:00:00;validation_status_approved
        cambodia;de;alliance;2;;2;u2;2023-06-01T10:00:00;
        cambodia;de;alliance;5;5;3;u3;2023-07-01T10:00:00;validation_status_not_approved
        madagascar;fr;operational;;3;4;u4;2023-08-01T10:00:00;
        """);
    // alerts: 2023 AL-1 red closed, AL-2 orange open; 2024 AL-3 red open
    Files.writeString(input.resolve("partnerships/alertes.csv"), "\uFEFF" + """
        alert_id,date_raised,date_closed,country,partner,member_section,category,level,description
        AL-1,2023-03-01,2023-06-01,Madagascar,Partenaire A,FR,corruption,rouge,
        AL-2,2023-04-01,,Cambodge,Partenaire C,DE,harcèlement,orange,
        AL-3,2024-01-10,,Madagascar,Partenaire B,FR,qualité des soins,rouge,
        """, StandardCharsets.UTF_8);
    // advocacy 2023: X/FR yes, X/BE no, Y/FR yes
    Files.writeString(input.resolve("reference/plaidoyer.csv"), """
        Thème,Membre,Date,Description,Participation des usagers
        Thème X,MdM France,2023-03-14,Audition,oui
        Thème X,MdM Belgique,2023-05-01,Campagne,non
        Thème Y,MdM France,2023-10-01,Tribune,oui
        """);
    Files.writeString(input.resolve("reference/rates.csv"), """
        # rates
        rate_date,currency,units_per_eur
        2024-01-01,USD,1.10
        2024-02-01,USD,1.08
        """);
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

  /** numerator, denominator, value of one row of indicators.indicator_value (core figures, never suppressed). */
  double[] v(String indicator, String period, String where) throws Exception {
    List<List<String>> rows = query("select numerator, denominator, value from indicators.indicator_value where indicator_code = '"
        + indicator + "' and period = '" + period + "' and org_unit is null and " + where);
    assertEquals(1, rows.size(), indicator + " " + period + " " + where + ": " + rows);
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] = rows.get(0).get(i) == null ? Double.NaN : Double.parseDouble(rows.get(0).get(i));
    }
    return out;
  }

  static final String ALL = "member is null and country_iso2 is null and sex is null and age_group is null and pathology is null"
      + " and dimension_name is null";

  static String all(String except) {
    return ALL.replace(except.split(" ")[0] + " is null", except);
  }

  @Test
  void everyIndicatorEqualsTheFigureComputedByHand() throws Exception {
    ingestAndBuild();
    // rows in = loaded + rejected for every file; the malformed sheet is rejected whole, the others load
    assertEquals(List.of(
            List.of("missions/2023/kh.json", "3", "3", "0"), List.of("missions/2023/mg.json", "5", "5", "0"),
            List.of("missions/broken.json", "1", "0", "1"), List.of("missions/tz.json", "2", "2", "0"),
            List.of("partnerships/alertes.csv", "3", "3", "0"), List.of("partnerships/kobo.csv", "4", "4", "0"),
            List.of("partnerships/registre.csv", "4", "4", "0"), List.of("reference/plaidoyer.csv", "3", "3", "0"),
            List.of("reference/rates.csv", "2", "2", "0")),
        query("select source_file, rows_read, rows_loaded, rows_rejected from marts.load_report order by 1"));
    List<List<String>> rejected = query("select source_file, source_line, reason, raw from marts.rejected_rows");
    assertEquals(1, rejected.size());
    assertEquals("0", rejected.get(0).get(1));
    assertTrue(rejected.get(0).get(2).startsWith("malformed JSON at line 3, column"), rejected.get(0).get(2));
    // a pathology the mapping does not know loads as 'other' and is listed with the line to add
    assertEquals(List.of(List.of("macrostomie", "1", "missions/2023/mg.json", "schemas/mappings/pathologies.csv",
            "macrostomie,<cleft|burn|tumour|other>,,,")),
        query("select source_code, figures, example_file, mapping_file, suggested_line from marts.unmapped_figures"
            + " where code_kind = 'pathology'"));

    // patients_operated 2023: P1 P2 P4 (MG, FR) + P5 P6 (KH, DE) = 5; 2024: P7
    assertArrayEquals(new double[] {5, Double.NaN, 5}, v("patients_operated", "2023", ALL));
    assertEquals(1, v("patients_operated", "2024", ALL)[2]);
    assertEquals(2, v("patients_operated", "2023", all("sex = 'female'"))[2]);
    assertEquals(2, v("patients_operated", "2023", all("sex = 'male'"))[2]);
    assertEquals(1, v("patients_operated", "2023", all("sex = 'unknown'"))[2]);
    assertEquals(3, v("patients_operated", "2023", all("pathology = 'cleft'"))[2]);
    assertEquals(1, v("patients_operated", "2023", all("pathology = 'other'"))[2]);
    assertEquals(3, v("patients_operated", "2023", all("member = 'mdm-fr'"))[2]);
    assertEquals(2, v("patients_operated", "2023", all("country_iso2 = 'KH'"))[2]);
    assertEquals(2, v("patients_operated", "2023", all("age_group = '5-14'"))[2], "P1 7 years, P6 10 years");
    assertEquals(3, v("patients_operated", "2023Q2", ALL)[2]);
    assertEquals(2, v("patients_operated", "2023Q4", ALL)[2]);

    // surgical_missions: 2023 two (closed 1, transferred 1), 2024 one
    assertEquals(2, v("surgical_missions", "2023", ALL)[2]);
    assertEquals(1, v("surgical_missions", "2023", all("dimension_name = 'status'") + " and dimension_value = 'closed'")[2]);
    assertEquals(1, v("surgical_missions", "2024", all("dimension_name = 'status'") + " and dimension_value = 'transferred'")[2]);

    // psychosocial_support_rate 2023: P1 P5 P6 of 5 operated; women 2/2, men 0/2, Madagascar 1/3
    assertArrayEquals(new double[] {3, 5, 60}, v("psychosocial_support_rate", "2023", ALL), 1e-9);
    assertArrayEquals(new double[] {2, 2, 100}, v("psychosocial_support_rate", "2023", all("sex = 'female'")), 1e-9);
    assertArrayEquals(new double[] {0, 2, 0.0}, v("psychosocial_support_rate", "2023", all("sex = 'male'")), 1e-9);
    assertArrayEquals(new double[] {1, 3, 100.0 / 3}, v("psychosocial_support_rate", "2023", all("country_iso2 = 'MG'")), 1e-9);

    // activities_transferred 2024: two, a count (value = numerator, no denominator); KH on time, TZ late
    assertArrayEquals(new double[] {2, Double.NaN, 2}, v("activities_transferred", "2024", ALL), 1e-9);
    assertArrayEquals(new double[] {1, Double.NaN, 1},
        v("activities_transferred", "2024", all("dimension_name = 'partner'") + " and dimension_value = 'Sauver la Face'"), 1e-9);
    assertArrayEquals(new double[] {1, Double.NaN, 1}, v("activities_transferred", "2024", all("country_iso2 = 'TZ'")), 1e-9);
    assertArrayEquals(new double[] {1, 2, 50}, v("activities_transferred_on_time_share", "2024", ALL), 1e-9);
    assertArrayEquals(new double[] {0, 1, 0}, v("activities_transferred_on_time_share", "2024", all("country_iso2 = 'TZ'")), 1e-9);

    // written_partnership_rate on 31 December: 2021 C (0/1), 2022 A C (1/2), 2023 A B (1/2), 2024 A B D (2/3)
    assertArrayEquals(new double[] {0, 1, 0}, v("written_partnership_rate", "2021", ALL), 1e-9);
    assertArrayEquals(new double[] {1, 2, 50}, v("written_partnership_rate", "2022", ALL), 1e-9);
    assertArrayEquals(new double[] {1, 2, 50}, v("written_partnership_rate", "2023", ALL), 1e-9);
    assertArrayEquals(new double[] {2, 3, 200.0 / 3}, v("written_partnership_rate", "2024", ALL), 1e-9);
    assertArrayEquals(new double[] {1, 1, 100}, v("written_partnership_rate", "2024", all("member = 'mdm-de'")), 1e-9);
    assertArrayEquals(new double[] {0, 1, 0},
        v("written_partnership_rate", "2024", all("dimension_name = 'partnership_type'") + " and dimension_value = 'transfer'"), 1e-9);

    // partnership_quality_score 2023: (4 + 2) / 2 answers; Cambodia 2 / 1
    assertArrayEquals(new double[] {6, 2, 3}, v("partnership_quality_score", "2023", ALL), 1e-9);
    assertArrayEquals(new double[] {2, 1, 2}, v("partnership_quality_score", "2023", all("country_iso2 = 'KH'")), 1e-9);

    // red_orange_alerts: 2023 raised 2 (open 1, closed 1; red 1, orange 1), 2024 raised 1
    assertEquals(2, v("red_orange_alerts", "2023", ALL)[2]);
    assertEquals(1, v("red_orange_alerts", "2023", all("dimension_name = 'status'") + " and dimension_value = 'open'")[2]);
    assertEquals(1, v("red_orange_alerts", "2023", all("dimension_name = 'status'") + " and dimension_value = 'closed'")[2]);
    assertEquals(1, v("red_orange_alerts", "2023", all("dimension_name = 'category'") + " and dimension_value = 'harassment'")[2]);
    assertEquals(1, v("red_orange_alerts", "2024", ALL)[2]);

    // advocacy_actions 2023: 3 actions (a count), 2 with service users; MdM France 2 of 2; theme X 1 of 2
    assertArrayEquals(new double[] {3, Double.NaN, 3}, v("advocacy_actions", "2023", ALL), 1e-9);
    assertArrayEquals(new double[] {2, Double.NaN, 2}, v("advocacy_actions", "2023", all("member = 'mdm-fr'")), 1e-9);
    assertArrayEquals(new double[] {2, 3, 200.0 / 3}, v("advocacy_actions_user_share", "2023", ALL), 1e-9);
    assertArrayEquals(new double[] {2, 2, 100}, v("advocacy_actions_user_share", "2023", all("member = 'mdm-fr'")), 1e-9);
    assertArrayEquals(new double[] {1, 2, 50},
        v("advocacy_actions_user_share", "2023", all("dimension_name = 'theme'") + " and dimension_value = 'Thème X'"), 1e-9);

    // every new indicator is published in the mart, and the marts hold one row per entity
    // (survey: u1 overall + communication, u2 overall, u3 overall + communication, u4 communication = 6 rows)
    assertEquals(List.of(List.of("10")), query("select count(distinct indicator_code) from marts.indicator_values where indicator_code in"
        + " ('patients_operated', 'surgical_missions', 'psychosocial_support_rate', 'activities_transferred',"
        + " 'activities_transferred_on_time_share', 'written_partnership_rate', 'partnership_quality_score', 'red_orange_alerts',"
        + " 'advocacy_actions', 'advocacy_actions_user_share')"));
    assertEquals(List.of(List.of("3", "7", "4", "6", "3", "2")), query("select (select count(*) from marts.missions),"
        + " (select count(*) from marts.surgical_patients), (select count(*) from marts.partnerships),"
        + " (select count(*) from marts.partner_survey_answers), (select count(*) from marts.alerts),"
        + " (select count(*) from staging.stg_reference__exchange_rates)"));
    assertEquals(Pseudonymiser.forSamples().pseudonymise("MG-ANT-2023-0001"),
        query("select patient_pseudonym from marts.surgical_patients where source_line = 3 and mission_id = 'OS-MG-2023-01'").get(0).get(0));
  }

  /**
   * Keys that real files repeat (issue 14): an alert id given twice in one log keeps the later
   * line, an alert log re-sent in Windows-1252 with another separator replaces the first, a
   * mission sheet re-sent with another layout replaces the first; the build goes through, nothing
   * counts twice, and the load report says what was replaced.
   */
  @Test
  void repeatedKeysAndResentFilesReplaceInsteadOfStoppingTheBuild() throws Exception {
    // AL-4 given twice in one log: raised 2024-02-01, then closed 2024-04-01 further down
    Files.writeString(input.resolve("partnerships/alertes_2024.csv"), """
        alert_id,date_raised,date_closed,country,partner,member_section,category,level,description
        AL-4,2024-02-01,,Cambodge,Partenaire D,DE,corruption,rouge,
        AL-4,2024-02-01,2024-04-01,Cambodge,Partenaire D,DE,corruption,rouge,
        """);
    // the alert log re-sent in Windows-1252 with ';', AL-3 closed since
    Files.write(input.resolve("partnerships/alertes_renvoi.csv"), """
        alert_id;date_raised;date_closed;country;partner;member_section;category;level;description
        AL-1;2023-03-01;2023-06-01;Madagascar;Partenaire A;FR;corruption;rouge;
        AL-2;2023-04-01;;Cambodge;Partenaire C;DE;harcèlement;orange;
        AL-3;2024-01-10;2024-02-20;Madagascar;Partenaire B;FR;qualité des soins;rouge;
        """.getBytes(Charset.forName("windows-1252")));
    // the Malagasy sheet re-sent with its keys in another order and another layout
    Files.writeString(input.resolve("missions/2023/mg_corrige.json"), """
        {
          "status": "closed",
          "mission_id": "OS-MG-2023-01",
          "country": "Madagascar", "section": "FR", "start_date": "2023-05-08", "end_date": "2023-05-20",
          "patients": [
            {"operated": "oui", "code": "MG-ANT-2023-0001", "sex": "F", "age": 7, "pathology": "fente labiale", "psychosocial_follow_up": "oui"},
            {"operated": "yes", "code": "MG-ANT-2023-0002", "sex": "M", "age": 30, "pathology": "burn", "psychosocial_follow_up": "no"},
            {"operated": "non", "code": "MG-ANT-2023-0003", "sex": "F", "age": 2, "pathology": "tumeur"},
            {"operated": "yes", "code": "MG-ANT-2023-0004", "sex": "M", "age": 40, "pathology": "macrostomie"}
          ]
        }
        """);
    ingestAndBuild();

    assertEquals(5, v("patients_operated", "2023", ALL)[2], "the re-sent sheet counts once");
    assertEquals(List.of(List.of("OS-MG-2023-01", "missions/2023/mg_corrige.json", "4")),
        query("select mission_id, source_file, patients_loaded from marts.missions where mission_id = 'OS-MG-2023-01'"));
    assertEquals(List.of(List.of("AL-1", "partnerships/alertes_renvoi.csv", "closed"),
            List.of("AL-2", "partnerships/alertes_renvoi.csv", "open"), List.of("AL-3", "partnerships/alertes_renvoi.csv", "closed"),
            List.of("AL-4", "partnerships/alertes_2024.csv", "closed")),
        query("select alert_id, source_file, alert_status from marts.alerts order by 1"));
    assertEquals(2, v("red_orange_alerts", "2023", ALL)[2], "the re-sent log counts once");
    assertEquals(2, v("red_orange_alerts", "2024", ALL)[2], "AL-3 and AL-4, once each");
    assertEquals(List.of(
            List.of("missions/2023/mg.json", "mission OS-MG-2023-01 is replaced by a later delivery (missions/2023/mg_corrige.json)"),
            List.of("partnerships/alertes.csv", "alerts given again in a later log, which counts: AL-1 (partnerships/alertes_renvoi.csv),"
                + " AL-2 (partnerships/alertes_renvoi.csv), AL-3 (partnerships/alertes_renvoi.csv)"),
            List.of("partnerships/alertes_2024.csv", "alert ids given again further down the log, the later line counts:"
                + " AL-4 (line 2, replaced by line 3)")),
        query("select source_file, warnings from marts.load_report where warnings <> '' and source_family <> 'reference' order by 1"));
    assertEquals(List.of(), query("select * from marts.quarantine"), "a replaced row is not held: it loaded, and was replaced");
  }

  @Test
  void withoutKeyNorSampleMarkerTheRunStopsBeforeReadingNamingBothVariables() throws Exception {
    Files.delete(input.resolve(PseudonymKeys.SAMPLE_MARKER));
    if (System.getenv(Pseudonymiser.KEY_VARIABLE) != null || System.getenv(Pseudonymiser.KEY_FILE_VARIABLE) != null) {
      return; // a key is set in this environment: the rule then uses it
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new IngestJob(new IngestJob.Options(input, lake, List.of()), new PrintStream(log, true)).run());
    assertTrue(e.getMessage().contains(Pseudonymiser.KEY_VARIABLE) && e.getMessage().contains(Pseudonymiser.KEY_FILE_VARIABLE),
        e.getMessage());
    assertTrue(!Files.exists(lake.resolve("missions")), "nothing was read or written");
  }

  @Test
  void theKeyRuleUsesTheEnvironmentFirstThenTheSampleMarkerOnly() {
    assertTrue(PseudonymKeys.resolve(Map.of(), true).usesSampleKey());
    assertTrue(!PseudonymKeys.resolve(Map.of(Pseudonymiser.KEY_VARIABLE, "a-real-secret-key-of-the-network"), true).usesSampleKey());
    assertThrows(IllegalStateException.class, () -> PseudonymKeys.resolve(Map.of(), false));
    assertTrue(new MissionsFolder().name().equals("missions"));
  }
}
