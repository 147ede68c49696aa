package org.palabre.sources.workbooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workbook samples ({@link WorkbookSamples}) are up to date with their CSV samples and read
 * back, cell for cell, as the CSV says: the equivalence the family readers are held to when
 * they read both.
 */
class WorkbookSamplesTest {

  @BeforeAll
  static void regenerateWhenAsked() throws IOException {
    if (Boolean.getBoolean("workbooks.regenerate")) {
      WorkbookSamples.writeAll();
    }
  }

  @Test
  void theCommittedSamplesAreWhatTheGeneratorMakes() throws IOException {
    assertSameParts(WorkbookSamples.samusocial().parts(), WorkbookSamples.repository().resolve(WorkbookSamples.SAMUSOCIAL));
    assertSameParts(WorkbookSamples.kobo().parts(), WorkbookSamples.repository().resolve(WorkbookSamples.KOBO));
  }

  @Test
  void theSamusocialWorkbookGivesTheCsvRowsWithRealMonthsAndNumbers() throws IOException {
    List<List<String>> csv = WorkbookSamples.csv(WorkbookSamples.SAMUSOCIAL_CSV);
    try (Workbook workbook = Workbooks.open(WorkbookSamples.repository().resolve(WorkbookSamples.SAMUSOCIAL))) {
      assertEquals(List.of(new IgnoredSheet("Listes", Workbooks.HIDDEN)), workbook.ignoredSheets());
      Map<String, List<List<String>>> sheets = SheetRows.cellsBySheet(workbook);
      assertEquals(List.of("Notes", "Rapports 2022-2023"), List.copyOf(sheets.keySet()));
      List<List<String>> report = sheets.get("Rapports 2022-2023");
      assertEquals(List.of("Rapport d'activité mensuel – Samusocial Burkina Faso (Ouagadougou)"), report.get(0));
      assertEquals(List.of("Identification", "", "", "Activité de rue", "", "", "", "Soins", "", "Hébergement et orientation"),
          report.get(3));
      assertEquals(csv.get(0), report.get(4));
      List<List<String>> expected = new ArrayList<>();
      for (List<String> row : csv.subList(1, csv.size())) {
        List<String> cells = new ArrayList<>();
        for (String cell : row) {
          // the workbook's month is a date, its figures numbers: "2022-01" is 2022-01-01, "1 012" is 1012
          cells.add(cell.matches("\\d{4}-(0[1-9]|1[0-2])") ? cell + "-01" : cell.matches("\\d{1,3}( \\d{3})+")
              ? cell.replace(" ", "") : cell);
        }
        expected.add(cells);
      }
      int firstData = 5;
      assertEquals(expected, padded(report.subList(firstData, firstData + expected.size()), csv.get(0).size()));
      assertEquals(List.of(), report.get(firstData + expected.size()));
      List<String> total = report.get(firstData + expected.size() + 1);
      assertEquals("Total", total.get(0));
      assertEquals(sum(expected, 4), total.get(4)); // Personnes rencontrées, the formula's cached value
      assertEquals(List.of(), workbook.notes());
    }
  }

  @Test
  void theKoboWorkbookGivesTheCsvRowsCellForCellBelowItsTitleBlockAndGroupHeadings() throws IOException {
    List<List<String>> csv = WorkbookSamples.csv(WorkbookSamples.KOBO_CSV);
    Map<String, List<List<String>>> sheets =
        SheetRows.cellsBySheet(WorkbookSamples.repository().resolve(WorkbookSamples.KOBO));
    assertEquals(List.of("Lisez-moi", "Enquête partenaires MdM"), List.copyOf(sheets.keySet()));
    List<List<String>> export = sheets.get("Enquête partenaires MdM");
    assertEquals("Enquête partenaires MdM – export KoboToolbox", export.get(0).get(0));
    assertEquals(List.of("Formulaire", "", "", "", "identification"), export.get(2).subList(0, 5));
    int header = WorkbookSamples.KOBO_HEADER_ROW - 1;
    assertEquals(csv, padded(export.subList(header, export.size()), csv.get(0).size()));
  }

  static List<List<String>> padded(List<List<String>> rows, int width) {
    List<List<String>> padded = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>(row);
      cells.addAll(Collections.nCopies(Math.max(0, width - row.size()), ""));
      padded.add(cells);
    }
    return padded;
  }

  private static String sum(List<List<String>> rows, int column) {
    return Long.toString(rows.stream().map(r -> r.get(column)).filter(v -> v.matches("\\d+")).mapToLong(Long::parseLong).sum());
  }

  private static void assertSameParts(Map<String, byte[]> parts, Path committed) throws IOException {
    Map<String, byte[]> found = new LinkedHashMap<>();
    try (ZipFile zip = ZipFile.builder().setPath(committed).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        found.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
      }
    }
    assertEquals(parts.keySet(), found.keySet(), committed + ": its entries differ from what WorkbookSamples makes"
        + " (run with -Dworkbooks.regenerate=true)");
    parts.forEach((name, bytes) -> assertArrayEquals(bytes, found.get(name),
        committed + ": entry " + name + " differs from what WorkbookSamples makes (run with -Dworkbooks.regenerate=true)"));
  }
}
