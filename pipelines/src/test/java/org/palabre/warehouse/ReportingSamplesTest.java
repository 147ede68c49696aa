package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.RunningPalabre;
import org.palabre.db.DuckDb;

/**
 * Reporting rates and outliers on the samples, run as they are and from a copy with one
 * Samusocial monthly file taken out (Pointe-Noire's April 2023) and one figure fifty times its
 * usual value (Burkina Faso's medical consultations of May 2023, 227 -> 11,350): the missing month
 * is expected and not received, the network's rates drop by exactly one report, the spike is listed
 * with its file and line, and on the samples as they are every outlier listed is explained here.
 */
class ReportingSamplesTest {

  @TempDir static Path dir;
  static Path samples;
  static Path changed;
  static String changedRun;

  static final String BURKINA = "samusocial/burkina-faso/SSBF_rapports_mensuels_2022-2023.xlsx";

  @BeforeAll
  static void runBoth() throws Exception {
    Path repo = Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
    samples = dir.resolve("samples/palabre.duckdb");
    run(repo.resolve("data-samples"), "samples", samples);

    Path copy = dir.resolve("copy");
    FileUtils.copyDirectory(repo.resolve("data-samples").toFile(), copy.toFile());
    Files.delete(copy.resolve("samusocial/pointe-noire/SSPN_rapport_2023-04.csv"));
    // the workbook's May 2023 medical consultations (sheet row 22, column H: 227) fifty times over
    spike(copy.resolve(BURKINA), "<c r=\"H22\" s=\"2\"><v>227</v></c>", "<c r=\"H22\" s=\"2\"><v>11350</v></c>");
    changed = dir.resolve("changed/palabre.duckdb");
    changedRun = run(copy, "changed", changed);
  }

  /** Rewrites one cell of a workbook's sheets, every other entry of the zip copied as it is. */
  static void spike(Path workbook, String cell, String spiked) throws Exception {
    Path out = workbook.resolveSibling(workbook.getFileName() + ".new");
    boolean found = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(workbook));
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        if (entry.getName().startsWith("xl/worksheets/")) {
          String xml = new String(bytes, StandardCharsets.UTF_8);
          if (xml.contains(cell)) {
            found = true;
            bytes = xml.replace(cell, spiked).getBytes(StandardCharsets.UTF_8);
          }
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    assertTrue(found, "the sample's cell " + cell);
    Files.move(out, workbook, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static String run(Path input, String name, Path warehouse) {
    RunningPalabre.Outcome run = RunningPalabre.inProcess("run", "--input", input.toString(), "--lake",
        dir.resolve(name + "-lake").toString(), "--warehouse", warehouse.toString());
    assertEquals(0, run.exit(), run.output());
    return run.output();
  }

  static List<List<String>> query(Path warehouse, String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  static final String NETWORK = "member is null and country_iso2 is null and dataset is null";

  @Test
  void aMonthlyFileTakenOutIsExpectedNotReceivedAndTheNetworkRateDropsByOneReport() throws Exception {
    String month = "select expected, received, status from marts.reporting_rates where dataset = 'samusocial'"
        + " and reporting_unit = 'Pointe-Noire' and period = '2023-04'";
    assertEquals(List.of(List.of("1", "1", "late")), query(samples, month));
    assertEquals(List.of(Arrays.asList("1", "0", "missing")), query(changed, month));
    for (String period : List.of("2023-04", "2023Q2", "2023")) {
      String totals = "select expected, received, reporting_rate from marts.reporting_rate_totals where period = '" + period + "' and "
          + NETWORK;
      List<String> before = query(samples, totals).get(0);
      List<String> after = query(changed, totals).get(0);
      long expected = Long.parseLong(before.get(0));
      assertEquals(before.get(0), after.get(0), period + ": the same reports are expected");
      assertEquals(Long.parseLong(before.get(1)) - 1, Long.parseLong(after.get(1)), period + ": one report fewer received");
      assertEquals(100.0 / expected, Double.parseDouble(before.get(2)) - Double.parseDouble(after.get(2)), 1e-9,
          period + ": the rate drops by one report in " + expected);
      List<String> indicator = query(changed, "select numerator, denominator, value from marts.indicator_values"
          + " where indicator_code = 'reporting_rate' and period = '" + period + "' and member is null and country_iso2 is null"
          + " and dimension_name is null").get(0);
      assertEquals(List.of(after.get(1) + ".0", after.get(0) + ".0", after.get(2)), indicator, period + ": the indicator is the total");
    }
  }

  @Test
  void onTheSamplesEveryOutlierIsExplained() throws Exception {
    // Burkina Faso's people met in March 2022, written "1 012" in a series of 24 months around 374 (median, MAD 28): the only one
    assertEquals(List.of(
            List.of(BURKINA, "8", "5", "Ouagadougou", "people_reached", "2022-03", "1012.0", "modified_z_score", "15.37", "228.71", "519.29"),
            List.of(BURKINA, "8", "5", "Ouagadougou", "people_reached", "2022-03", "1012.0", "z_score", "4.52", "28.1", "812.65")),
        query(samples, "select source_file, source_line, source_column, reporting_unit, metric_code, period, value, method, outlier_score,"
            + " expected_low, expected_high from marts.outliers order by all"));
  }

  @Test
  void aFiftyFoldSpikeIsListedWithItsFileAndLineAndRunSaysWhereToLook() throws Exception {
    assertEquals(List.of(
            List.of(BURKINA, "22", "8", "medical_consultations", "2023-05", "11350.0", "modified_z_score"),
            List.of(BURKINA, "22", "8", "medical_consultations", "2023-05", "11350.0", "z_score")),
        query(changed, "select source_file, source_line, source_column, metric_code, period, value, method from marts.outliers"
            + " where metric_code = 'medical_consultations' order by all"));
    // a warning, not a reject: the figure counts
    assertEquals(List.of(List.of("11350.0")), query(changed, "select value from marts.observations where source_file = '" + BURKINA
        + "' and source_line = 22 and metric_code = 'medical_consultations'"));
    assertTrue(changedRun.contains("Outliers: 2 figures far from their series' usual values"), changedRun);
    assertTrue(changedRun.contains("  " + BURKINA + ":22  Ouagadougou medical_consultations 2023-05: 11,350 (usual"), changedRun);
    assertTrue(changedRun.contains("./palabre query \"select * from marts.outliers\""), changedRun);
  }
}
