package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;
import org.palabre.privacy.PseudonymKeys;
import org.palabre.sources.SourceFamilies;
import org.palabre.text.Labels;

/**
 * The entity families' crosswalk, where it now lives: the readers' fixtures ({@code
 * src/test/resources/mdm/}, whose own words the parser tests check) ingested once, then built with
 * the shipped mappings and with a {@code --schemas} overlay. What the readers used to map (sections,
 * statuses, roles, sexes, pathologies, types, agreements, categories, levels, countries, members)
 * and used to reject for an unknown label is asserted here, on the facts, the quarantine and
 * marts.unmapped_figures; and a changed mapping line changes the facts without reading any file again.
 */
class EntityCrosswalkTest {

  @TempDir static Path dir;
  static Path lake;
  static final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  static void ingestTheFixturesAndBuild() throws Exception {
    Path input = dir.resolve("input");
    lake = dir.resolve("lake");
    for (String fixture : List.of("missions/os_fr_madagascar_2023.json", "missions/os_nl_tanzania_2022.json",
        "missions/os_bad_section.json", "missions/os_end_before_start.json", "partnerships/registry.csv",
        "partnerships/alerts.csv", "partnerships/kobo_export.csv", "reference/advocacy_actions.csv")) {
      Path target = input.resolve(fixture);
      Files.createDirectories(target.getParent());
      try (InputStream in = EntityCrosswalkTest.class.getClassLoader().getResourceAsStream("mdm/" + fixture)) {
        Files.copy(in, target);
      }
    }
    Files.writeString(input.resolve("reference/plaidoyer_2024.csv"), """
        theme,member,date,description,service_users_involved
        Migration,Inconnu du réseau,2024-01-10,Rapport,non
        Migration,Samusocial Sénégal,2024-01-11,Atelier,oui
        """);
    Files.writeString(input.resolve("reference/targets.csv"), """
        indicator_code,year,target,member,country
        patients_operated,2023,40,MdM Japon,
        patients_operated,2023,30,mdm-fr,Madagascar
        homeless_counted,2023,10,,
        patients_operated,2023,20,Croix-Rouge,Atlantide
        """);
    Files.writeString(input.resolve(PseudonymKeys.SAMPLE_MARKER), "fictitious test data\n");
    new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), new PrintStream(log, true)).run();
    new WarehouseBuild(lake, warehouse("shipped"), new PrintStream(log, true)).run(RunFiles.newRunId());
  }

  static Path warehouse(String name) {
    return dir.resolve(name + ".duckdb");
  }

  static List<List<String>> query(String warehouse, String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse(warehouse), true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  static List<String> column(String warehouse, String sql) throws Exception {
    return query(warehouse, sql).stream().map(r -> r.get(0)).toList();
  }

  @Test
  void missionsGetTheirSectionStatusCountryAndTeamCodes() throws Exception {
    assertEquals(List.of(
            List.of("OS-MG-2023-01", "FR", "mdm-fr", "MG", "active", "anaesthetist:1, nurse:3, paediatrician:1, surgeon:2", "7"),
            List.of("OS-TZ-2022-03", "NL", "mdm-nl", "TZ", "transferred", "anaesthetist:1, nurse:2, other:1, surgeon:2", "6")),
        query("shipped", "select mission_id, section, member, country_iso2, status, team, volunteers from core.fct_missions order by 1"));
    // patients: sex, age group and pathology codes, in the order of the sheet
    assertEquals(List.of("female 5-14 cleft", "male 18-24 burn", "female 0-4 cleft", "male 60+ tumour", "female 15-17 cleft",
            "male 0-4 other", "female 25-59 burn", "unknown 5-14 other", "male 60+ burn"),
        column("shipped", "select sex || ' ' || age_group || ' ' || pathology from core.fct_surgical_patients"
            + " order by mission_id, source_line"));
    // the hand-computed check of the parser fixtures: operated by pathology and by sex
    assertEquals(List.of(List.of("burn", "2"), List.of("cleft", "3"), List.of("other", "2")),
        query("shipped", "select pathology, count(*) from core.fct_surgical_patients where operated group by 1 order by 1"));
    assertEquals(List.of(List.of("female", "4"), List.of("male", "2"), List.of("unknown", "1")),
        query("shipped", "select sex, count(*) from core.fct_surgical_patients where operated group by 1 order by 1"));
  }

  @Test
  void anUnknownSectionHoldsTheMissionAndItsPatientsWithTheReadersReason() throws Exception {
    assertEquals(List.of(
            List.of("1", "mission OS-KH-2023-02: section 'Croix-Rouge' is not a network section (add it to schemas/mappings/mdm_sections.csv)"),
            List.of("10", "belongs to mission OS-KH-2023-02, which is held: mission OS-KH-2023-02: section 'Croix-Rouge' is not a network"
                + " section (add it to schemas/mappings/mdm_sections.csv)")),
        query("shipped", "select source_line, reason from marts.quarantine where source_file = 'missions/os_bad_section.json' order by 1"));
    assertEquals(List.of(List.of("2", "0", "2")), query("shipped",
        "select rows_read, rows_loaded, rows_rejected from marts.load_report where source_file = 'missions/os_bad_section.json'"));
    assertEquals(java.util.Collections.singletonList(null), column("shipped",
        "select raw from marts.rejected_rows where source_file = 'missions/os_bad_section.json' and source_line = 10"),
        "a held patient shows no text of its own");
  }

  @Test
  void labelsThatLoadWithADefaultAreListedAsUnmappedWithTheLineToAdd() throws Exception {
    assertEquals(List.of(
            List.of("missions", "mdm-nl", "pathology", "fente labio nasale", "1", "schemas/mappings/pathologies.csv",
                "fente labio nasale,<cleft|burn|tumour|other>,,,"),
            List.of("missions", "mdm-nl", "team_role", "photographe", "1", "schemas/mappings/team_roles.csv", "photographe,<role code>,,,")),
        query("shipped", "select source_family, member, code_kind, source_code, figures, mapping_file, suggested_line"
            + " from marts.unmapped_figures where code_kind in ('pathology', 'team_role', 'sex') order by all"));
    assertEquals(List.of(List.of("mdm_section", "Croix-Rouge", "2"), List.of("organisation", "Croix-Rouge", "1"),
            List.of("organisation", "Inconnu du réseau", "1")),
        query("shipped", "select code_kind, source_code, sum(figures) from marts.unmapped_figures"
            + " where source_code in ('Croix-Rouge', 'Inconnu du réseau') and code_kind <> 'country' group by all order by all"));
  }

  @Test
  void partnershipsGetTheirTypologyAndAnUnknownLabelIsHeldWithTheReadersReason() throws Exception {
    assertEquals(List.of(
            List.of("Association Sourire Madagascar", "MG", "mdm-fr", "operational", "written"),
            List.of("Clinique Saint-Luc", "LB", "mdm-be", "service_provider", "tacit"),
            List.of("Coalition Santé Pour Tous", "BF", "mdm-fr", "coalition_membership", "unknown"),
            List.of("La Chaîne de l'Espoir", "KH", "mdm-fr", "transfer", "written")),
        query("shipped", "select partner, country_iso2, member, partnership_type, agreement from core.fct_partnerships order by 1"));
    assertEquals(List.of(
            List.of("9", "Section 'Croix-Rouge' is not a network member (schemas/mappings/mdm_sections.csv)"),
            List.of("10", "Type de partenariat 'jumelage' is not in the partnership typology (schemas/mappings/partnership_types.csv)"),
            List.of("11", "Accord 'peut-être' is neither written nor tacit (schemas/mappings/agreement_types.csv)")),
        query("shipped", "select source_line, reason from marts.quarantine where source_file = 'partnerships/registry.csv' order by 1"));
    assertEquals(List.of(List.of("10", "4", "6")), query("shipped",
        "select rows_read, rows_loaded, rows_rejected from marts.load_report where source_file = 'partnerships/registry.csv'"));
  }

  @Test
  void alertsGetTheirCategoryAndLevelAndContradictionsAreHeld() throws Exception {
    assertEquals(List.of(
            List.of("AL-2019-001", "quality_of_care", "red", "closed", "LB", "mdm-be"),
            List.of("AL-2020-002", "discriminatory_speech", "orange", "open", "ML", "mdm-fr"),
            java.util.Arrays.asList("AL-2020-003", "harassment", "orange", "open", "NE", null),
            List.of("AL-2022-008", "abortion_rights", "orange", "closed", "PK", "mdm-fr")),
        query("shipped", "select alert_id, category, level, alert_status, country_iso2, member from core.fct_alerts order by 1"));
    assertEquals(List.of(
            List.of("6", "level 'orange' contradicts category 'corruption', which is a red line"),
            List.of("7", "category 'vol de matériel' is not a red or orange line (schemas/mappings/alert_categories.csv)")),
        query("shipped", "select source_line, reason from marts.quarantine where source_file = 'partnerships/alerts.csv' order by 1"));
    assertEquals(List.of("5", "8"), column("shipped", "select source_line from marts.rejected_rows"
        + " where source_file = 'partnerships/alerts.csv' and rejected_at = 'read' order by 1"), "what cannot be read");
  }

  @Test
  void surveyAnswersGetTheirCountrySectionAndTypeAndUnknownsStayNull() throws Exception {
    assertEquals(List.of(
            List.of("41001", "MG", "mdm-fr", "operational"), List.of("41002", "LB", "mdm-be", "service_provider"),
            List.of("41006", "KH", "mdm-es", "mdm_network_member")),
        query("shipped", "select distinct submission_id, country_iso2, member, partner_type from core.fct_partner_survey_answers"
            + " order by 1"));
  }

  @Test
  void advocacyMembersAndTargetCodesAreMappedOrHeld() throws Exception {
    assertEquals(List.of(List.of("2023-03-14", "mdm-fr"), List.of("2023-10-05", "mdm-be"), List.of("2023-12-17", "mdm-fr"),
            List.of("2024-01-11", "samusocial-sn")),
        query("shipped", "select cast(action_date as varchar), member from core.fct_advocacy_actions order by 1"));
    assertEquals(List.of("member 'Inconnu du réseau' is not a network member: add its spelling to schemas/mappings/mdm_sections.csv"
        + " (MdM sections) or schemas/mappings/organisations.csv"),
        column("shipped", "select reason from marts.quarantine where source_file = 'reference/plaidoyer_2024.csv'"));
    assertEquals(List.of(List.of("mdm-fr", "MG", "30.0"), java.util.Arrays.asList("mdm-jp", null, "40.0")),
        query("shipped", "select member, country_iso2, target from core.fct_targets order by 1"));
    assertEquals(List.of("indicator_code 'homeless_counted' is not in schemas/indicators/indicator_catalogue.csv",
            "member 'Croix-Rouge' is not a network member; unknown country 'Atlantide'"),
        column("shipped", "select reason from marts.quarantine where source_file = 'reference/targets.csv' order by source_line"));
  }

  /** The readers' spellings (case, accents, spacing, hyphens, underscores) meet the mapping lines in SQL. */
  @Test
  void spellingsMeetTheMappingLinesAsTheReadersNormaliseThem() throws Exception {
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("fente labio-palatine", "cleft"), Map.entry("Fente Labio Palatine", "cleft"),
        Map.entry("FENTE  LABIO–PALATINE", "cleft"), Map.entry("fente labiale", "cleft"),
        Map.entry("bec de lièvre", "cleft"), Map.entry("Bec-de-lievre", "cleft"), Map.entry("cleft lip", "cleft"),
        Map.entry("Cleft  palate", "cleft"), Map.entry("cleft_lip", "cleft"),
        Map.entry("brûlure", "burn"), Map.entry("BRULURE", "burn"), Map.entry("séquelles de brûlure", "burn"),
        Map.entry("Sequelles de brulure", "burn"), Map.entry("burn sequelae", "burn"), Map.entry("Burn contracture", "burn"),
        Map.entry("tumeur", "tumour"), Map.entry("Tumour", "tumour"), Map.entry("tumor", "tumour"),
        Map.entry("noma", "other"), Map.entry(" Noma ", "other")));
    for (var e : expected.entrySet()) {
      // the label as written, and as the reader keeps it (Labels.normalise): one code
      for (String label : List.of(e.getKey(), Labels.normalise(e.getKey()))) {
        assertEquals(List.of(e.getValue()), column("shipped", "select distinct code from intermediate.int_crosswalk__labels"
            + " where line_kind = 'pathology' and match_key = label_key(" + DuckDb.literal(label) + ")"), label);
      }
    }
    assertEquals(List.of(), column("shipped", "select distinct code from intermediate.int_crosswalk__labels"
        + " where line_kind = 'pathology' and match_key = label_key('macrostomie')"), "not mapped: 'other' by default");
    // every category of the seed has its line, red or orange
    for (String red : List.of("quality_of_care", "discrimination_access_to_care", "armed_violence", "corruption")) {
      assertEquals(List.of("red"), column("shipped", "select distinct dimension from intermediate.int_crosswalk__labels"
          + " where line_kind = 'alert_category' and code = " + DuckDb.literal(red)), red);
    }
    for (String orange : List.of("staff_discrimination", "discriminatory_speech", "harassment", "confidentiality_data_ethics",
        "lack_of_involvement", "financial_accountability", "gender_equality", "abortion_rights", "sex_workers_rights")) {
      assertEquals(List.of("orange"), column("shipped", "select distinct dimension from intermediate.int_crosswalk__labels"
          + " where line_kind = 'alert_category' and code = " + DuckDb.literal(orange)), orange);
    }
    assertEquals(List.of(), query("shipped", "select line_kind from intermediate.int_crosswalk__labels group by 1 having count(*) < 5"),
        "every label mapping file has lines");
  }

  @Test
  void conflictingLinesOfAMappingFileStopTheBuild() throws Exception {
    Path overlay = overlay("conflict", Map.of("mappings/pathologies.csv", "Tumeur,other,,,written twice"));
    List<SqlModel> crosswalk = WarehouseBuild.orderedModels().stream()
        .filter(m -> m.qualifiedName().equals("intermediate.int_crosswalk__labels")).toList();
    WarehouseBuild.BuildFailure e = assertThrows(WarehouseBuild.BuildFailure.class, () ->
        new WarehouseBuild(lake, warehouse("conflict"), new PrintStream(log, true)).withSchemas(overlay)
            .run(RunFiles.newRunId(), crosswalk));
    assertTrue(e.getMessage().contains("two lines of a file that match the same label on the same dates map it alike")
        && e.getMessage().contains("tumeur"), e.getMessage());
  }

  /**
   * Mapping is data: lines added with the {@code --schemas} overlay (a pathology, a partnership
   * type, a section from 2023 on, a sex up to 2022) change the facts at the next build, applied at
   * each row's own date, and no file is read again: the lake is not touched and the ingest finds
   * nothing new, as no reader reads a mapping file.
   */
  @Test
  void aChangedLabelMappingChangesTheFactsWithoutReadingAnyFileAgain() throws Exception {
    Map<String, Long> lakeBefore = lakeFiles();
    Path overlay = overlay("overlay", Map.of(
        "mappings/pathologies.csv", "fente labio-nasale,cleft,,,",
        "mappings/partnership_types.csv", "jumelage,operational,,,",
        "mappings/mdm_sections.csv", "Croix-Rouge,FR,2023-01-01,,a partner section from 2023",
        "mappings/sex_labels.csv", "F,unknown,,2022-12-31,not read as female before 2023"));
    new WarehouseBuild(lake, warehouse("overlay"), new PrintStream(log, true)).withSchemas(overlay).run(RunFiles.newRunId());

    // the Tanzanian patient's 'Fente labio-nasale' is a cleft now; the Cambodian mission of 2023 counts (FR from 2023)
    assertEquals(List.of(List.of("burn", "2"), List.of("cleft", "5"), List.of("other", "1")),
        query("overlay", "select pathology, count(*) from core.fct_surgical_patients where operated group by 1 order by 1"));
    assertEquals(List.of("OS-KH-2023-02", "OS-MG-2023-01", "OS-TZ-2022-03"),
        column("overlay", "select mission_id from core.fct_missions order by 1"));
    // 'F' is unknown up to 2022 only: the Tanzanian F patients of 2022, not the Malagasy one of 2023
    assertEquals(List.of(List.of("OS-KH-2023-02", "female"), List.of("OS-MG-2023-01", "female"), List.of("OS-TZ-2022-03", "unknown")),
        query("overlay", "select distinct mission_id, sex from core.fct_surgical_patients p"
            + " where source_line in (10, 11, 18) order by 1"));
    // the registry's 'jumelage' counts; its 'Croix-Rouge' line of 2021 is still held (the section line starts in 2023)
    assertEquals(List.of(List.of("Groupe Y", "operational")),
        query("overlay", "select partner, partnership_type from core.fct_partnerships where partner = 'Groupe Y'"));
    assertEquals(List.of("9", "11"), column("overlay",
        "select source_line from marts.quarantine where source_file = 'partnerships/registry.csv' order by 1"));
    assertEquals(List.of(List.of("10", "5", "5")), query("overlay",
        "select rows_read, rows_loaded, rows_rejected from marts.load_report where source_file = 'partnerships/registry.csv'"));
    assertEquals(List.of(), column("overlay", "select source_code from marts.unmapped_figures where code_kind = 'pathology'"));

    assertEquals(lakeBefore, lakeFiles(), "the build read the lake and wrote nothing to it");
    assertTrue(SourceFamilies.all().stream().flatMap(f -> f.readerSchemas().stream()).noneMatch(s -> s.startsWith("mappings/")),
        "no reader reads a mapping file, so a mapping change is no new delivery");
    IngestJob.Result again = new IngestJob(new IngestJob.Options(dir.resolve("input"), lake, List.of("--runner=DirectRunner")),
        new PrintStream(log, true)).run();
    assertEquals(0, again.newFiles(), "nothing to read again");
    assertEquals(lakeBefore, lakeFiles());
  }

  /** An overlay folder: each file is the shipped one with the lines given appended. */
  private static Path overlay(String name, Map<String, String> lines) throws Exception {
    Path folder = dir.resolve("schemas-" + name);
    for (var e : lines.entrySet()) {
      String shipped;
      try (InputStream in = EntityCrosswalkTest.class.getClassLoader().getResourceAsStream("schemas/" + e.getKey())) {
        shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Files.createDirectories(folder.resolve(e.getKey()).getParent());
      Files.writeString(folder.resolve(e.getKey()), shipped.stripTrailing() + "\n" + e.getValue() + "\n");
    }
    return folder;
  }

  /** The lake's files and their modification times. */
  private static Map<String, Long> lakeFiles() throws Exception {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(lake)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).toList()) {
        files.put(lake.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }
}
