package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;

/** Targets and new indicators over existing metrics are data changes: no Java, no SQL. */
class CatalogueAsDataTest {

  @TempDir Path dir;
  final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);

  private void deliver() throws Exception {
    Files.createDirectories(dir.resolve("in/samusocial"));
    Files.createDirectories(dir.resolve("in/reference"));
    // Dakar 2023: 100 + 300 people, 50 + 70 consultations; Ouagadougou 2023: 200 people, 180 consultations
    Files.writeString(dir.resolve("in/samusocial/r.csv"), """
        Dispositif;Mois;Personnes rencontrées;Consultations médicales
        Samusocial Sénégal;2023-01;100;50
        Samusocial Sénégal;2023-02;300;70
        Samusocial Burkina Faso;2023-01;200;180
        """, StandardCharsets.UTF_8);
  }

  private void run(Path schemas) throws Exception {
    new IngestJob(new IngestJob.Options(dir.resolve("in"), dir.resolve("lake"), List.of("--runner=DirectRunner")), log).run();
    new WarehouseBuild(dir.resolve("lake"), dir.resolve("w.duckdb"), log).withSchemas(schemas).run(RunFiles.newRunId());
  }

  private List<List<String>> query(String sql) throws Exception {
    try (var db = DuckDb.open(dir.resolve("w.duckdb"), true); var st = db.createStatement(); var rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  @Test
  void changingATargetIsADeliveryOfReferenceData() throws Exception {
    deliver();
    Files.writeString(dir.resolve("in/reference/targets.csv"), "indicator_code,year,target,member\npeople_reached,2023,800,\n"
        + "people_reached,2023,500,samusocial-sn\n");
    run(null);
    String sql = "select member, value, target, achievement_rate, target_gap from marts.indicator_values where indicator_code = 'people_reached'"
        + " and period = '2023' and country_iso2 is null and sex is null and age_group is null and adm1 is null and org_unit is null"
        + " order by member nulls first";
    assertEquals(List.of(List.of("samusocial-sn", "400.0", "500.0", "80.0", "100.0")),
        query(sql + " limit 1 offset 2"));
    assertEquals(List.of(List.of("600.0", "800.0", "75.0", "200.0")),
        query("select value, target, achievement_rate, target_gap from (" + sql + ") where member is null"));
    Files.writeString(dir.resolve("in/reference/targets.csv"), "indicator_code,year,target,member\npeople_reached,2023,600,\n");
    run(null);
    assertEquals(List.of(List.of("600.0", "600.0", "100.0", "0.0")),
        query("select value, target, achievement_rate, target_gap from (" + sql + ") where member is null"));
    assertEquals(List.of(List.of("0")), query("select count(*) from (" + sql + ") where member is not null and target is not null"),
        "the corrected targets table replaced the first one, member target included");
  }

  @Test
  void aRatioOverExistingMetricsNeedsOnlyACatalogueLine() throws Exception {
    deliver();
    Path schemas = dir.resolve("schemas");
    Files.createDirectories(schemas.resolve("indicators"));
    String catalogue;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/indicators/indicator_catalogue.csv")) {
      catalogue = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String header = catalogue.lines().filter(l -> l.startsWith("indicator_code,")).findFirst().orElseThrow();
    List<String> columns = List.of(header.split(","));
    String[] line = new String[columns.size()];
    java.util.Arrays.fill(line, "");
    line[columns.indexOf("indicator_code")] = "consultations_per_person";
    line[columns.indexOf("name_en")] = "Consultations per person met";
    line[columns.indexOf("name_fr")] = "Consultations par personne rencontrée";
    line[columns.indexOf("priority")] = "A";
    line[columns.indexOf("unit")] = "consultations per person";
    line[columns.indexOf("formula_type")] = "metric_ratio";
    line[columns.indexOf("numerator_metric")] = "medical_consultations";
    line[columns.indexOf("denominator_metric")] = "people_reached";
    line[columns.indexOf("factor")] = "1";
    line[columns.indexOf("time_aggregation")] = "sum";
    line[columns.indexOf("place_aggregation")] = "ratio of sums";
    line[columns.indexOf("disaggregations")] = "member;country";
    line[columns.indexOf("suppress_small_cells")] = "false";
    line[columns.indexOf("definition_en")] = "Medical consultations per person met";
    line[columns.indexOf("definition_fr")] = "Consultations médicales par personne rencontrée";
    line[columns.indexOf("source_families")] = "samusocial";
    Files.writeString(schemas.resolve("indicators/indicator_catalogue.csv"), catalogue.stripTrailing() + "\n" + String.join(",", line) + "\n");
    run(schemas);
    assertEquals(List.of(List.of("Consultations per person met", "1 x sum of medical_consultations / sum of people_reached")),
        query("select name_en, formula from marts.indicator_catalogue where indicator_code = 'consultations_per_person'"));
    // network 2023: (50 + 70 + 180) / (100 + 300 + 200) = 0.5, recomputed from the sums, not the mean of 0.3 and 0.9
    assertEquals(List.of(java.util.Arrays.asList(null, "300.0", "600.0", "0.5"), List.of("samusocial-bf", "180.0", "200.0", "0.9"),
            List.of("samusocial-sn", "120.0", "400.0", "0.3")),
        query("select member, numerator, denominator, value from marts.indicator_values where indicator_code = 'consultations_per_person'"
            + " and period = '2023' and country_iso2 is null and adm1 is null and org_unit is null order by member nulls first"));
  }
}
