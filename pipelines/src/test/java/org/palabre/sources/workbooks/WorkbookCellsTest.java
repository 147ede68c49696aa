package org.palabre.sources.workbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.VisibilityState;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;

/** How .xlsx sheets and cells come out as tables: layout, visibility, and every kind of cell. */
class WorkbookCellsTest {

  @TempDir Path dir;

  /** A monthly report as a template makes it, written by fastexcel's writer. */
  @Test
  void aMonthlyReportTemplateGivesItsVisibleSheetsInOrderWithRowNumbersAndTypedCells() throws IOException {
    Path file = dir.resolve("rapport.xlsx");
    try (OutputStream out = Files.newOutputStream(file)) {
      org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "Palabre tests", "1.0");
      Worksheet notes = wb.newWorksheet("Notes");
      notes.value(0, 0, "Remplir une ligne par mois.");
      notes.value(2, 0, "Les cellules grises sont calculées.");
      Worksheet report = wb.newWorksheet("Rapport");
      report.value(0, 0, "Rapport d'activité mensuel – Samusocial Sénégal");
      report.range(0, 0, 0, 4).merge();
      report.value(1, 0, "Dispositif :");
      report.value(1, 1, "Samusocial Sénégal");
      report.value(3, 0, "Mois");
      report.value(3, 1, "Personnes rencontrées");
      report.range(3, 1, 3, 2).merge();
      report.value(3, 3, "Consultations");
      report.value(4, 1, "total");
      report.value(4, 2, "dont femmes");
      report.value(5, 0, LocalDate.of(2024, 1, 1));
      report.style(5, 0).format("mmmm yyyy").set();
      report.value(5, 1, 1204);
      report.value(5, 2, 512.0);
      report.value(5, 3, 12.5);
      report.value(7, 0, LocalDateTime.of(2024, 2, 1, 8, 30));
      report.style(7, 0).format("dd/mm/yyyy hh:mm").set();
      report.value(7, 1, true);
      report.formula(7, 3, "B6+C6"); // fastexcel's writer saves a formula without its value
      Worksheet lists = wb.newWorksheet("Listes");
      lists.value(0, 0, "Dakar");
      lists.setVisibilityState(VisibilityState.HIDDEN);
      Worksheet macroSheet = wb.newWorksheet("Calc");
      macroSheet.value(0, 0, "x");
      macroSheet.setVisibilityState(VisibilityState.VERY_HIDDEN);
      wb.finish();
    }

    try (Workbook workbook = Workbooks.open(file)) {
      assertEquals("xlsx", workbook.format());
      assertEquals(List.of("Notes", "Rapport"), workbook.tables().stream().map(Table::sheet).toList());
      assertEquals(List.of("Listes", "Calc"), workbook.ignoredSheets().stream().map(IgnoredSheet::name).toList());
      assertTrue(workbook.ignoredSheets().get(0).reason().startsWith("hidden sheet"));
      assertTrue(workbook.ignoredSheets().get(1).reason().startsWith("very hidden sheet"));

      Table notes = workbook.tables().get(0);
      assertTrue(notes.typedCells());
      assertEquals(List.of(
              new TableRow("Notes", 1, List.of("Remplir une ligne par mois.")),
              new TableRow("Notes", 2, List.of()),
              new TableRow("Notes", 3, List.of("Les cellules grises sont calculées."))),
          SheetRows.rows(notes));

      List<TableRow> rows = SheetRows.rows(workbook.tables().get(1));
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), rows.stream().map(TableRow::line).toList());
      assertEquals(List.of(
              List.of("Rapport d'activité mensuel – Samusocial Sénégal"), // merged A1:E1: value in A1 only
              List.of("Dispositif :", "Samusocial Sénégal"),
              List.of(),
              List.of("Mois", "Personnes rencontrées", "", "Consultations"), // merged B4:C4
              List.of("", "total", "dont femmes"),
              List.of("2024-01-01", "1204", "512", "12.5"),
              List.of(),
              List.of("2024-02-01T08:30", "TRUE")), // D8 is a formula with no saved value: blank
          rows.stream().map(TableRow::cells).toList());
      assertEquals(List.of("sheet 'Rapport': 1 formula cell has no saved value (first D8) and is read as blank:"
          + " the program that wrote the workbook did not compute them; opening and saving it in Excel or"
          + " LibreOffice computes them"), workbook.notes());
    }
  }

  /** Cells as other programs write them, with the parts written by hand. */
  @Test
  void everyKindOfCellIsRenderedAsTheContractSays() throws IOException {
    XlsxBuilder xlsx = new XlsxBuilder();
    int isoDate = xlsx.style("14");
    int frenchDate = xlsx.style("dd/mm/yyyy");
    int month = xlsx.style("mmmm yyyy");
    int frenchMonth = xlsx.style("[$-40C]mmmm\\ yyyy;@");
    int dateTime = xlsx.style("yyyy-mm-dd hh:mm:ss");
    int time = xlsx.style("h:mm");
    int elapsed = xlsx.style("[h]:mm");
    int percent = xlsx.style("0%");
    int thousands = xlsx.style("#,##0");
    int richText = xlsx.sharedStringXml("<r><rPr><b/></rPr><t xml:space=\"preserve\">Personnes </t></r>"
        + "<r><t>rencontrées</t></r><rPh sb=\"0\" eb=\"1\"><t>ぺ</t></rPh>");
    xlsx.sheet("Cellules")
        .number("A1", "1204").number("B1", "12.50").number("C1", "0.30000000000000004").number("D1", "-0")
        .number("E1", "1.2345678901234567E+20").number("F1", "1E-4").number("G1", "1204", thousands)
        .number("H1", "0.25", percent)
        .date("A2", LocalDate.of(2024, 1, 31), isoDate).date("B2", LocalDate.of(2024, 1, 31), frenchDate)
        .date("C2", LocalDate.of(2024, 1, 1), month).date("D2", LocalDate.of(2024, 1, 1), frenchMonth)
        .dateTime("E2", LocalDateTime.of(2018, 5, 2, 10, 10, 16), dateTime)
        .number("F2", "0.354166666666667", time).number("G2", "1.5", elapsed)
        .formula("A3", "SUM(A1:B1)", "n", "1216.5", 0).formula("B3", "\"Total\"", "str", "Total", 0)
        .formula("C3", "A1>0", "b", "1", 0).formula("D3", "1/0", "e", "#DIV/0!", 0)
        .formula("E3", "IF(A1=\"\",\"\",\"\")", "str", "", 0).formula("F3", "DATE(2024,3,1)", "n", "45352", isoDate)
        .formula("G3", "A1*2", "n", null, 0)
        .bool("A4", true).bool("B4", false).error("C4", "#N/A").inlineText("D4", " inline ")
        .raw("E4", "<c r=\"E4\" t=\"s\"><v>" + richText + "</v></c>")
        .inlineText("A6", "after a blank row").inlineText("D6", "sparse")
        .raw("F6", "<c r=\"F6\" s=\"1\"/>"); // formatting only: no cell
    Path file = xlsx.write(dir.resolve("cells.xlsx"));

    try (Workbook workbook = Workbooks.open(file)) {
      List<TableRow> rows = SheetRows.rows(workbook.tables().get(0));
      assertEquals(List.of(
              List.of("1204", "12.5", "0.3", "0", "123456789012346000000", "0.0001", "1204", "0.25"),
              List.of("2024-01-31", "2024-01-31", "2024-01-01", "2024-01-01", "2018-05-02T10:10:16", "08:30", "1.5"),
              List.of("1216.5", "Total", "TRUE", "#DIV/0!", "", "2024-03-01"),
              List.of("TRUE", "FALSE", "#N/A", " inline ", "Personnes rencontrées"),
              List.of(),
              List.of("after a blank row", "", "", "sparse")),
          rows.stream().map(TableRow::cells).toList());
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), rows.stream().map(TableRow::line).toList());
      assertEquals(1, workbook.notes().size());
      assertTrue(workbook.notes().get(0).startsWith("sheet 'Cellules': 1 formula cell has no saved value (first G3)"),
          workbook.notes().get(0));
    }
  }

  @Test
  void the1904DateSystemShiftsDatesAsExcelForMacDid() throws IOException {
    XlsxBuilder xlsx = new XlsxBuilder().date1904();
    int isoDate = xlsx.style("yyyy-mm-dd");
    xlsx.sheet("Mac").date("A1", LocalDate.of(2024, 1, 31), isoDate).number("B1", "0", isoDate);
    assertEquals(xlsx.serial(LocalDate.of(2024, 1, 31)) + 1462, new XlsxBuilder().serial(LocalDate.of(2024, 1, 31)));
    assertEquals(Map.of("Mac", List.of(List.of("2024-01-31", "1904-01-01"))),
        SheetRows.cellsBySheet(xlsx.write(dir.resolve("mac.xlsx"))));
  }

  @Test
  void rowsStartAtTheSheetsRowOneAndTablesOpenLazily() throws IOException {
    XlsxBuilder xlsx = new XlsxBuilder();
    xlsx.sheet("Vide");
    xlsx.sheet("Bas").inlineText("C4", "x");
    try (Workbook workbook = Workbooks.open(xlsx.write(dir.resolve("layout.xlsx")))) {
      Table empty = workbook.tables().get(0);
      Table low = workbook.tables().get(1);
      assertEquals(List.of(1L, 2L, 3L, 4L), SheetRows.rows(low).stream().map(TableRow::line).toList());
      assertFalse(empty.hasNext());
      assertEquals(List.of(), workbook.notes());
    }
  }

  @Test
  void rowsAndCellsWithoutAddressesAreNumberedInTheOrderTheyCome() throws IOException {
    // some exporters write <row> and <c> without their r attribute
    XlsxBuilder xlsx = new XlsxBuilder();
    xlsx.sheet("Export");
    xlsx.entry("xl/worksheets/sheet1.xml", ("<?xml version=\"1.0\"?><worksheet xmlns=\"" + XlsxBuilder.MAIN_NS
        + "\"><sheetData><row><c t=\"inlineStr\"><is><t>pays</t></is></c><c t=\"inlineStr\"><is><t>personnes</t></is></c></row>"
        + "<row><c t=\"inlineStr\"><is><t>Mali</t></is></c><c><v>204</v></c></row></sheetData></worksheet>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (Workbook workbook = Workbooks.open(xlsx.write(dir.resolve("sans_adresses.xlsx")))) {
      assertEquals(List.of(new TableRow("Export", 1, List.of("pays", "personnes")), new TableRow("Export", 2, List.of("Mali", "204"))),
          SheetRows.rows(workbook.tables().get(0)));
    }
  }
}
