package org.palabre.sources.workbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFCellStyle;
import org.apache.poi.hssf.usermodel.HSSFRichTextString;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;

/** .xls (Excel 97-2003) workbooks, written here by POI's HSSF, come out as .xlsx ones do. */
class XlsWorkbooksTest {

  @TempDir Path dir;

  @Test
  void anXlsReportGivesItsVisibleSheetsWithTheSameRenderingAsAnXlsx() throws IOException {
    Path file = dir.resolve("rapport_2003.xls");
    try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("Une ligne par mois.");
      HSSFSheet report = wb.createSheet("Rapport");
      report.createRow(0).createCell(0).setCellValue("Rapport mensuel – Samusocial Pointe-Noire");
      report.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
      HSSFRow header = report.createRow(2);
      header.createCell(0).setCellValue("Mois");
      header.createCell(1).setCellValue(new HSSFRichTextString("Personnes rencontrées"));
      header.createCell(3).setCellValue("Total");
      report.addMergedRegion(new CellRangeAddress(2, 2, 1, 2));
      HSSFRow data = report.createRow(3);
      data.createCell(0).setCellValue(LocalDate.of(2023, 3, 1));
      data.getCell(0).setCellStyle(dateStyle(wb, "mmmm yyyy"));
      data.createCell(1).setCellValue(1204);
      data.createCell(2).setCellValue(12.5);
      data.createCell(3).setCellFormula("B4+C4");
      HSSFRow more = report.createRow(5);
      more.createCell(0).setCellValue(LocalDateTime.of(2023, 4, 2, 8, 30));
      more.getCell(0).setCellStyle(dateStyle(wb, "dd/mm/yyyy hh:mm"));
      more.createCell(1).setCellValue(false);
      more.createCell(2).setCellErrorValue(FormulaError.DIV0.getCode());
      more.createCell(3).setCellFormula("\"fin\"");
      more.createCell(6).setBlank();
      wb.createSheet("Listes").createRow(0).createCell(0).setCellValue("Congo");
      wb.setSheetHidden(2, true);
      wb.createSheet("Macros").createRow(0).createCell(0).setCellValue("x");
      wb.setSheetVisibility(3, SheetVisibility.VERY_HIDDEN);
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll(); // saves the formulas' values, as Excel does
      wb.write(out);
    }

    try (Workbook workbook = Workbooks.open(file)) {
      assertEquals("xls", workbook.format());
      assertEquals(List.of("Notes", "Rapport"), workbook.tables().stream().map(Table::sheet).toList());
      assertEquals(List.of(new IgnoredSheet("Listes", Workbooks.HIDDEN), new IgnoredSheet("Macros", Workbooks.VERY_HIDDEN)),
          workbook.ignoredSheets());
      List<TableRow> rows = SheetRows.rows(workbook.tables().get(1));
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), rows.stream().map(TableRow::line).toList());
      assertEquals(List.of(
              List.of("Rapport mensuel – Samusocial Pointe-Noire"),
              List.of(),
              List.of("Mois", "Personnes rencontrées", "", "Total"),
              List.of("2023-03-01", "1204", "12.5", "1216.5"),
              List.of(),
              List.of("2023-04-02T08:30", "FALSE", "#DIV/0!", "fin")),
          rows.stream().map(TableRow::cells).toList());
      assertEquals(List.of(), workbook.notes());
    }
  }

  private static HSSFCellStyle dateStyle(HSSFWorkbook wb, String format) {
    HSSFCellStyle style = wb.createCellStyle();
    style.setDataFormat(wb.createDataFormat().getFormat(format));
    return style;
  }
}
