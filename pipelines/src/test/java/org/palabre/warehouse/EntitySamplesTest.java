package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;
import org.palabre.privacy.PseudonymKeys;

/**
 * The bundled samples of the entity families ({@code data-samples/missions}, {@code partnerships},
 * {@code reference}) ingested and built: what their labels map to, the rows held for a label no
 * line maps yet, and the labels listed as unmapped. The readers' side (rows in = accepted +
 * rejected, what cannot be read) is sources.mdm.MissionSamplesTest and PartnershipSamplesTest.
 */
class EntitySamplesTest {

  @TempDir static Path dir;
  static Path warehouse;

  @BeforeAll
  static void ingestAndBuild() throws Exception {
    Path samples = Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");
    Path input = dir.resolve("input");
    for (String family : List.of("missions", "partnerships", "reference")) {
      try (Stream<Path> files = Files.walk(samples.resolve(family))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path target = input.resolve(samples.relativize(f));
          Files.createDirectories(target.getParent());
          Files.copy(f, target);
        }
      }
    }
    Files.copy(PseudonymKeys.marker(samples), PseudonymKeys.marker(input));
    Path lake = dir.resolve("lake");
    warehouse = dir.resolve("palabre.duckdb");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), quiet).run();
    new WarehouseBuild(lake, warehouse, quiet).run(RunFiles.newRunId());
  }

  static List<List<String>> query(String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  static List<String> column(String sql) throws Exception {
    return query(sql).stream().map(r -> r.get(0)).toList();
  }

  @Test
  void missions() throws Exception {
    assertEquals(List.of("DE", "FR", "JP", "NL"), column("select distinct section from core.fct_missions order by 1"));
    assertEquals(List.of("KH", "LA", "MG", "PK", "SL", "TZ"), column("select distinct country_iso2 from core.fct_missions order by 1"));
    assertEquals(List.of("active", "closed", "transferred"), column("select distinct status from core.fct_missions order by 1"));
    assertEquals(List.of(List.of("burn", "313"), List.of("cleft", "563"), List.of("other", "112"), List.of("tumour", "112")),
        query("select pathology, count(*) from core.fct_surgical_patients where operated group by 1 order by 1"));
    // the spellings the pathology mapping does not know load as 'other' and are listed, with the line to add
    assertEquals(List.of(List.of("brulure main droite", "3"), List.of("fente labio nasale", "1"), List.of("macrostomie", "6")),
        query("select source_code, sum(figures) from marts.unmapped_figures where code_kind = 'pathology' group by 1 order by 1"));
    assertEquals(List.of(), query("select * from marts.quarantine where source_family = 'missions'"));
  }

  @Test
  void partnerships() throws Exception {
    assertEquals(List.of(List.of("40", "0", "7")), query("select count(*), count(*) filter (where country_iso2 = 'ZZ'),"
        + " count(distinct partnership_type) from core.fct_partnerships"), "every country resolves; the whole typology is used");
    assertEquals(List.of("true"), column("select count(*) >= 10 from core.fct_partnerships where agreement = 'tacit'"));
    assertEquals(List.of(List.of("42", "Type de partenariat 'jumelage' is not in the partnership typology"
            + " (schemas/mappings/partnership_types.csv)")),
        query("select source_line, reason from marts.quarantine where source_file = 'partnerships/partnership_registry.csv'"));
    assertEquals(List.of(List.of("25", "0")), query("select count(distinct country_iso2), count(*) filter (where country_iso2 = 'ZZ')"
        + " from core.fct_partner_survey_answers"));
    assertEquals(List.of(List.of("7", "7", "5")), query("select count(*) filter (where alert_status = 'open'),"
        + " count(*) filter (where alert_status = 'closed'), count(*) filter (where level = 'red') from core.fct_alerts"));
    assertEquals(List.of(List.of("17", "category 'retard de paiement' is not a red or orange line (schemas/mappings/alert_categories.csv)")),
        query("select source_line, reason from marts.quarantine where source_file = 'partnerships/red_orange_alerts.csv'"));
  }
}
