package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ingest.IngestJob;

/**
 * The whole job on the repository's samples, then a scan of every Parquet file of the lake and
 * every table of the warehouse (each row cast to text) for each patient code and name written in
 * the mission sheets: none may appear in clear.
 */
class PatientPrivacyTest {

  private static final Pattern IDENTIFIER = Pattern.compile(
      "\"(code|code_patient|patientCode|patient_code|patientId|name|nom|prenom|fullName|full_name)\"\\s*:\\s*\"([^\"]+)\"");

  private static final String CONTROL = "OS-MG-2023-01";

  @TempDir Path dir;

  @Test
  void noPatientCodeOrNameFromTheInputIsInTheLakeOrTheWarehouse() throws Exception {
    Path samples = Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");
    Set<String> clear = new TreeSet<>();
    try (Stream<Path> files = Files.walk(samples.resolve("missions"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Matcher m = IDENTIFIER.matcher(Files.readString(f));
        while (m.find()) {
          clear.add(m.group(2).strip());
        }
      }
    }
    assertTrue(clear.size() > 1000, "the samples hold patient codes and names: " + clear.size());

    Path lake = dir.resolve("lake");
    Path warehouse = dir.resolve("palabre.duckdb");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    new IngestJob(new IngestJob.Options(samples, lake, List.of("--runner=DirectRunner")), quiet).run();
    new WarehouseBuild(lake, warehouse, quiet).run(IngestJob.newRunId());

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
      try (Stream<Path> files = Files.walk(lake)) {
        files.filter(p -> p.toString().endsWith(".parquet"))
            .forEach(p -> sources.add("read_parquet(" + DuckDb.literal(p.toString()) + ")"));
      }
      assertTrue(sources.size() > 10, "the lake has Parquet files");
      st.execute("attach " + DuckDb.literal(warehouse.toString()) + " as wh (read_only)");
      try (ResultSet rs = st.executeQuery("select table_schema, table_name from information_schema.tables where table_catalog = 'wh'")) {
        while (rs.next()) {
          sources.add("wh." + rs.getString(1) + "." + rs.getString(2));
        }
      }
      assertTrue(sources.stream().anyMatch(s -> s.endsWith("marts.surgical_patients")));
      for (String source : sources) {
        try (ResultSet rs = st.executeQuery("select distinct n.needle from (select cast(t as varchar) as row_text from "
            + source + " as t) as r, needles as n where contains(r.row_text, n.needle) limit 5")) {
          while (rs.next()) {
            found.add(source + ": " + rs.getString(1));
          }
        }
      }
    }
    assertTrue(found.stream().anyMatch(f -> f.endsWith(": " + CONTROL) && f.contains("marts.missions")), "control found: " + found);
    assertEquals(List.of(), found.stream().filter(f -> !f.endsWith(": " + CONTROL)).toList());
  }
}
