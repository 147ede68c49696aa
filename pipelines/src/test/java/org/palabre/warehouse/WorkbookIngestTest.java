package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;

/**
 * Excel workbooks through the whole job (Beam's direct runner, the Parquet lake, a DuckDB build):
 * the workbook version of a CSV sample (a notes sheet first, a merged title block, months typed as
 * dates, a formula total row, a hidden sheet) gives the same indicator values as the CSV, and a bad
 * workbook next to good files is rejected with its file and reason while the others load.
 */
class WorkbookIngestTest {

  private static final Path SAMPLE_CSV = Path.of("pipelines/src/test/resources/workbooks/SSBF_rapports_mensuels_2022-2023.csv");
  private static final Path SAMPLE_XLSX = Path.of("data-samples/samusocial/burkina-faso/SSBF_rapports_mensuels_2022-2023.xlsx");
  private static final Path LIBREOFFICE_XLS = Path.of("pipelines/src/test/resources/workbooks/SSBF_rapports_mensuels_2022-2023.libreoffice.xls");

  @TempDir Path dir;

  private Path run(String name, Path... files) throws Exception {
    Path input = dir.resolve(name + "/input/samusocial");
    Files.createDirectories(input);
    for (Path file : files) {
      Files.copy(file, input.resolve(file.getFileName()));
    }
    Path lake = dir.resolve(name + "/lake");
    Path warehouse = dir.resolve(name + "/wh.duckdb");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    IngestJob.Result ingest =
        new IngestJob(new IngestJob.Options(input.getParent(), lake, List.of("--runner=DirectRunner")), quiet).run();
    new WarehouseBuild(lake, warehouse, quiet).run(ingest.runId());
    return warehouse;
  }

  private static List<String> rows(Path warehouse, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static final String VALUES = "select indicator_code, period_type, period, member, country_iso2, org_unit, sex, age_group,"
      + " numerator, denominator, value from marts.indicator_values order by all";

  @Test
  void theWorkbookOfASampleGivesTheCsvsIndicatorValues() throws Exception {
    Path csv = run("csv", SAMPLE_CSV);
    Path xlsx = run("xlsx", SAMPLE_XLSX);
    List<String> fromCsv = rows(csv, VALUES);
    assertTrue(fromCsv.size() > 100, "the sample gives indicator values: " + fromCsv.size());
    assertEquals(fromCsv, rows(xlsx, VALUES));
    // the same rows read, loaded and rejected; the notes sheet, the hidden sheet and the total row said
    assertEquals(rows(csv, "select rows_read, rows_loaded, rows_rejected from marts.load_report"),
        rows(xlsx, "select rows_read, rows_loaded, rows_rejected from marts.load_report"));
    String notes = rows(xlsx, "select warnings from marts.load_report").get(0);
    assertTrue(notes.contains("sheet 'Notes' not read: no header recognised"), notes);
    assertTrue(notes.contains("hidden"), notes);
    assertTrue(notes.contains("1 total rows not read"), notes);
    // provenance: the figures name their sheet and its rows (rows 30 and 31, the two bad months, are rejected)
    assertEquals(List.of("Rapports 2022-2023|6|29"),
        rows(xlsx, "select source_sheet, min(source_line), max(source_line) from intermediate.int_figures__mapped group by 1"));
    List<String> rejects = rows(xlsx, "select source_line, reason from marts.rejected_rows order by source_line");
    assertEquals(2, rejects.size(), rejects.toString());
    assertTrue(rejects.stream().allMatch(r -> r.contains("sheet 'Rapports 2022-2023'")), rejects.toString());
  }

  @Test
  void aWorkbookSavedByLibreOfficeAsXlsGivesTheSameValues() throws Exception {
    assertEquals(rows(run("csv", SAMPLE_CSV), VALUES), rows(run("xls", LIBREOFFICE_XLS), VALUES));
  }

  @Test
  void badWorkbooksAreRejectedWithTheirReasonAndTheGoodFilesLoad() throws Exception {
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    // a zip that is no workbook, an empty .xlsx, and a CSV named .xlsx (read as what it is)
    try (OutputStream out = Files.newOutputStream(bad.resolve("corrompu.xlsx")); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write("not a workbook".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Files.write(bad.resolve("vide.xlsx"), new byte[0]);
    Files.copy(SAMPLE_CSV, bad.resolve("rapport_enregistre_en_csv.xlsx"));
    Path warehouse = run("mixed", SAMPLE_XLSX, bad.resolve("corrompu.xlsx"), bad.resolve("vide.xlsx"),
        bad.resolve("rapport_enregistre_en_csv.xlsx"));
    List<String> report = rows(warehouse, "select source_file, status, file_kind, rows_read, rows_loaded, rows_rejected, warnings"
        + " from marts.load_report order by source_file");
    assertEquals(4, report.size(), report.toString());
    assertTrue(report.get(0).startsWith("samusocial/SSBF_rapports_mensuels_2022-2023.xlsx|loaded|workbook (xlsx)"), report.get(0));
    assertTrue(report.get(1).startsWith("samusocial/corrompu.xlsx|loaded|unreadable|1|0|1"), report.get(1));
    assertTrue(report.get(2).startsWith("samusocial/rapport_enregistre_en_csv.xlsx|"), report.get(2));
    assertTrue(report.get(2).contains("named as a workbook but holds text: read as a CSV file"), report.get(2));
    assertTrue(report.get(3).startsWith("samusocial/vide.xlsx|"), report.get(3));
    List<String> reasons = rows(warehouse, "select source_file || ': ' || reason from marts.rejected_rows where source_line = 0");
    assertTrue(reasons.stream().anyMatch(r -> r.startsWith("samusocial/corrompu.xlsx: the file could not be read: ")), reasons.toString());
    // the workbook and the CSV named .xlsx hold the same report: counted once (the later file replaces the same figures)
    assertEquals(rows(run("csv", SAMPLE_CSV), VALUES), rows(warehouse, VALUES));
  }

  /**
   * One sheet per month, the same layout on each: line 3 of one sheet is not line 3 of the other. A
   * row breaking a validation rule is held with its sheet, and the same line of the other sheet is
   * neither paired with it by the rule nor held with it.
   */
  @Test
  void rowsOfTwoSheetsWithTheSameLineAreTwoRows() throws Exception {
    Path workbook = dir.resolve("SSBF_2024.xlsx");
    try (OutputStream out = Files.newOutputStream(workbook)) {
      org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "Palabre tests", "1.0");
      String[] header = {"Dispositif", "Pays", "Mois", "Personnes rencontrées", "dont femmes"};
      String bf = "Samusocial Burkina Faso";
      Object[][] january = {{bf, "Burkina Faso", "2024-01", 10, 4}, {bf, "Burkina Faso", "2023-12", 6, 2}};
      Object[][] february = {{bf, "Burkina Faso", "2024-02", 3, 2}, {bf, "Burkina Faso", "2024-03", 5, 9}};
      for (Object[][] month : new Object[][][] {january, february}) {
        org.dhatim.fastexcel.Worksheet sheet = wb.newWorksheet(month == january ? "Janvier" : "Février");
        for (int c = 0; c < header.length; c++) {
          sheet.value(0, c, header[c]);
        }
        for (int r = 0; r < month.length; r++) {
          for (int c = 0; c < month[r].length; c++) {
            if (month[r][c] instanceof Integer n) {
              sheet.value(r + 1, c, n);
            } else {
              sheet.value(r + 1, c, (String) month[r][c]);
            }
          }
        }
      }
      wb.finish();
    }
    Path warehouse = run("sheets", workbook);
    // line 3 of Février breaks "women within people met" (9 > 5) and is held with its sheet, not line 3
    // of Janvier; line 2 of Janvier (4 women of 10) is not compared with line 2 of Février (3 people)
    assertEquals(List.of("Février|3|validation rules"),
        rows(warehouse, "select source_sheet, source_line, source_test from marts.quarantine"));
    assertEquals(List.of("Février|3|build"),
        rows(warehouse, "select source_sheet, source_line, rejected_at from marts.rejected_rows"));
    assertEquals(List.of("2023-12|6.0", "2024-01|10.0", "2024-02|3.0"), rows(warehouse, "select period, sum(value) from marts.observations"
        + " where metric_code = 'people_reached' and sex is null group by 1 order by 1"));
    assertEquals(List.of("samusocial/SSBF_2024.xlsx|4|3|1"),
        rows(warehouse, "select source_file, rows_read, rows_loaded, rows_rejected from marts.load_report"));
  }
}
