package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;
import org.palabre.serve.AudienceWarehouses;

/**
 * The whole job on the repository's samples plus a hostile corpus of patient data where it must
 * not be (a patient list misfiled under {@code samusocial/}, {@code hxl/} and {@code dhis2/}, a
 * pathology written with a name and a phone number, invalid patient values, a broken sheet whose
 * JSON error quotes a name), then a scan of every file of the lake (Parquet parts, rejected rows,
 * files kept as delivered), every table of the warehouse (each row cast to text: rejects, load
 * report notes, quarantine, unmapped_figures...) and every audience file, for each patient code,
 * name, phone number and date of birth of the input: none may appear in clear.
 */
class PatientPrivacyTest {

  private static final Pattern IDENTIFIER = Pattern.compile(
      "\"(code|code_patient|patientCode|patient_code|patientId|name|nom|prenom|fullName|full_name)\"\\s*:\\s*\"([^\"]+)\"");

  private static final String CONTROL = "OS-MG-2023-01";

  /** What the hostile corpus holds that is personal: names, phone numbers (as written and as digits), dates of birth, codes. */
  private static final List<String> HOSTILE = List.of("Ravelojaona", "Tsiory", "Andriamanana", "Fanja", "Razafy", "Voahangy",
      "034 98 765 43", "0349876543", "349876543", "032 11 222 33", "0321122233", "321122233", "30/04/1951", "1951-04-30",
      "17/09/1948", "HX-PAT-7731", "HX-PAT-7732", "quarante-deux");

  @TempDir static Path dir;
  static Path lake;
  static Path warehouse;

  @BeforeAll
  static void runTheWholeJobOnTheSamplesAndTheHostileCorpus() throws Exception {
    Path samples = Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");
    Path input = dir.resolve("input");
    try (Stream<Path> files = Files.walk(samples)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = input.resolve(samples.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    writeHostileCorpus(input);
    lake = dir.resolve("lake");
    warehouse = dir.resolve("palabre.duckdb");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), quiet).run();
    new WarehouseBuild(lake, warehouse, quiet).run(RunFiles.newRunId());
    AudienceWarehouses.publish(warehouse, quiet);
  }

  private static void writeHostileCorpus(Path input) throws Exception {
    // a patient list misfiled among the Samusocial reports: no activity header, every row would be rejected
    String list = """
        Nom;Prénom;Date de naissance;Téléphone;Code patient;Pathologie
        Ravelojaona;Tsiory;30/04/1951;034 98 765 43;HX-PAT-7731;fente labiale
        Andriamanana;Fanja;17/09/1948;032 11 222 33;HX-PAT-7732;brûlure
        """;
    Files.write(input.resolve("samusocial/liste_patients_mission.csv"), list.getBytes(Charset.forName("windows-1252")));
    Files.writeString(input.resolve("dhis2/liste_patients.csv"), list.replace(';', ','));
    // the same list tagged with HXL, with an activity column and an organisation: a table Palabre reads
    Files.writeString(input.resolve("hxl/beneficiaires_2024.csv"), """
        Nom,Téléphone,Date de naissance,Organisation,Date,Atteints
        #contact+name,#contact+phone,#date+birth,#org,#date,#reached
        Razafy Voahangy,0349876543,1951-04-30,SSBF,2024-03,1
        Ravelojaona Tsiory,0321122233,17/09/1948,SSBF,2024-03,quarante-deux
        """);
    // a mission sheet: a pathology with a name and a phone number, invalid patient values
    Files.writeString(input.resolve("missions/os-mg-2024-hostile.json"), """
        {"mission_id": "OS-MG-2024-09", "section": "FR", "country": "Madagascar", "start_date": "2024-09-02", "status": "active",
         "patients": [
          {"code": "HX-PAT-7731", "sex": "F", "age": 12, "pathology": "Fente labiale - Mme Ravelojaona Tsiory, tél 034 98 765 43", "operated": "oui"},
          {"code": "HX-PAT-7732", "sex": "F", "age": "quarante-deux", "pathology": "brûlure", "operated": "oui"},
          {"code": "HX-PAT-7733", "sex": "M", "age": 9, "pathology": "tumeur", "operated": "demander à Fanja Andriamanana"}
         ]}
        """);
    // a broken sheet: the JSON parser's message would quote the name it stumbled on
    Files.writeString(input.resolve("missions/os-mg-2024-broken.json"), """
        {"mission_id": "OS-MG-2024-10", "section": "FR", "country": "MG", "start_date": "2024-10-01", "status": "active",
         "patients": [{"code": "HX-PAT-7734", "name": Voahangy, "operated": "oui"}]}
        """);
  }

  @Test
  void noPatientCodeNamePhoneOrBirthDateIsInTheLakeTheWarehouseOrTheAudienceFiles() throws Exception {
    Set<String> clear = new TreeSet<>(HOSTILE);
    Path samples = Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");
    try (Stream<Path> files = Files.walk(samples.resolve("missions"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Matcher m = IDENTIFIER.matcher(Files.readString(f));
        while (m.find()) {
          clear.add(m.group(2).strip());
        }
      }
    }
    assertTrue(clear.size() > 1000, "the samples hold patient codes and names: " + clear.size());

    List<String> found = new ArrayList<>();
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("create table needles (needle varchar)");
      try (PreparedStatement insert = db.prepareStatement("insert into needles values (?)")) {
        // a control that must be found (mission ids are not personal data), so the scan is known to work
        insert.setString(1, CONTROL);
        insert.addBatch();
        for (String s : clear) {
          insert.setString(1, s);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      List<String> sources = new ArrayList<>();
      List<Path> otherFiles = new ArrayList<>();
      try (Stream<Path> files = Files.walk(lake)) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          if (p.toString().endsWith(".parquet")) {
            sources.add("read_parquet(" + DuckDb.literal(p.toString()) + ")");
          } else {
            otherFiles.add(p);
          }
        }
      }
      assertTrue(sources.size() > 10, "the lake has Parquet files");
      List<Path> databases = new ArrayList<>(List.of(warehouse));
      try (Stream<Path> audiences = Files.list(AudienceWarehouses.folder(warehouse))) {
        audiences.filter(p -> p.toString().endsWith(".duckdb")).sorted().forEach(databases::add);
      }
      assertTrue(databases.size() > 10, "the network's and every member's audience file");
      for (int i = 0; i < databases.size(); i++) {
        st.execute("attach " + DuckDb.literal(databases.get(i).toString()) + " as db" + i + " (read_only)");
        try (ResultSet rs = st.executeQuery("select table_schema, table_name from information_schema.tables where table_catalog = 'db" + i + "'")) {
          while (rs.next()) {
            sources.add("db" + i + "." + rs.getString(1) + "." + rs.getString(2));
          }
        }
      }
      assertTrue(sources.stream().anyMatch(s -> s.endsWith("marts.surgical_patients")));
      assertTrue(sources.stream().anyMatch(s -> s.endsWith("marts.rejected_rows")) && sources.stream().anyMatch(
          s -> s.endsWith("marts.unmapped_figures")) && sources.stream().anyMatch(s -> s.endsWith("marts.load_report")));
      for (String source : sources) {
        try (ResultSet rs = st.executeQuery("select distinct n.needle from (select cast(t as varchar) as row_text from "
            + source + " as t) as r, needles as n where contains(r.row_text, n.needle) limit 5")) {
          while (rs.next()) {
            found.add(source + ": " + rs.getString(1));
          }
        }
      }
      for (Path other : otherFiles) {
        String text = new String(Files.readAllBytes(other), StandardCharsets.ISO_8859_1);
        String utf8 = new String(Files.readAllBytes(other), StandardCharsets.UTF_8);
        for (String needle : clear) {
          if (text.contains(needle) || utf8.contains(needle)) {
            found.add(lake.relativize(other) + ": " + needle);
          }
        }
      }
    }
    assertTrue(found.stream().anyMatch(f -> f.endsWith(": " + CONTROL) && f.contains("marts.missions")), "control found: " + found);
    assertEquals(List.of(), found.stream().filter(f -> !f.endsWith(": " + CONTROL)).toList());
  }

  /** The hostile rows are not lost either: each is in the rejects with its file, line and reason, without its text. */
  @Test
  void theHostileRowsAreRejectedWithTheirLineAndReasonButNotTheirText() throws Exception {
    List<List<String>> rejects = query("select source_file, source_line, reason, raw from marts.rejected_rows"
        + " where source_file in ('samusocial/liste_patients_mission.csv', 'hxl/beneficiaires_2024.csv',"
        + " 'missions/os-mg-2024-hostile.json', 'missions/os-mg-2024-broken.json') order by 1, 2");
    assertEquals(List.of(
            List.of("hxl/beneficiaires_2024.csv", "4"), List.of("missions/os-mg-2024-broken.json", "0"),
            List.of("missions/os-mg-2024-hostile.json", "4"), List.of("missions/os-mg-2024-hostile.json", "5"),
            List.of("samusocial/liste_patients_mission.csv", "1"), List.of("samusocial/liste_patients_mission.csv", "2"),
            List.of("samusocial/liste_patients_mission.csv", "3")),
        rejects.stream().map(r -> r.subList(0, 2)).toList());
    assertTrue(rejects.stream().allMatch(r -> r.get(3) == null || r.get(3).isEmpty()), "no raw text: " + rejects);
    assertEquals(List.of("mission OS-MG-2024-09, patient #2: age is not a number of years",
            "mission OS-MG-2024-09, patient #3: operated is not yes/no (expected oui/non, yes/no, true/false, 1/0)"),
        rejects.stream().filter(r -> r.get(0).equals("missions/os-mg-2024-hostile.json")).map(r -> r.get(2)).toList(),
        "a patient's reason names the field, never the value");
    assertTrue(rejects.get(1).get(2).startsWith("malformed JSON at line 2, column") && rejects.get(1).get(2).contains("'…'"),
        "the token the JSON parser quotes is masked: " + rejects.get(1).get(2));
    // the list misfiled under dhis2/ too: its rows are rejected without their text, the file is not kept
    assertEquals(List.of(), query("select raw from marts.rejected_rows where source_file = 'dhis2/liste_patients.csv' and raw <> ''"));
    assertTrue(!query("select * from marts.rejected_rows where source_file = 'dhis2/liste_patients.csv'").isEmpty());
    // the phone number of the HXL list is no figure of the lake; the one person reached is
    assertEquals(List.of(List.of("#reached", "1.0")), query("select measure, value from staging.stg_lake__figures"
        + " where source_file = 'hxl/beneficiaires_2024.csv'"));
    assertTrue(query("select warnings from marts.load_report where source_file = 'hxl/beneficiaires_2024.csv'").get(0).get(0)
        .contains("personal columns, never read: column 1 (#contact+name), column 2 (#contact+phone), column 3 (#date+birth)"));
  }

  /** The pathology with a name and a phone is a keyed hash in the lake, 'other' in the facts, and no text is published. */
  @Test
  void aPathologyThatIsNotOnlyClinicalWordsIsWithheldAndListedWhereToReadIt() throws Exception {
    List<List<String>> withheld = query("select source_code, figures, example_file, example_line, mapping_file, suggested_line"
        + " from marts.unmapped_figures where code_kind = 'pathology' and example_file = 'missions/os-mg-2024-hostile.json'");
    assertEquals(1, withheld.size(), withheld.toString());
    assertTrue(org.palabre.privacy.Pseudonymiser.isTextHash(withheld.get(0).get(0)), withheld.toString());
    assertEquals(List.of("1", "missions/os-mg-2024-hostile.json", "3", "schemas/readers/clinical_words.csv"),
        withheld.get(0).subList(1, 5));
    assertTrue(withheld.get(0).get(5).startsWith("the pathology is withheld"), withheld.get(0).get(5));
    assertEquals(List.of(List.of("other")), query("select pathology from marts.surgical_patients where mission_id = 'OS-MG-2024-09'"));
    assertEquals(List.of(), query("select column_name from information_schema.columns where table_schema = 'marts'"
        + " and column_name like 'pathology%' and column_name <> 'pathology'"), "no pathology text in any mart");
  }

  static List<List<String>> query(String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }
}
