package org.palabre.sources.workbooks;

import java.nio.file.Path;
import org.apache.poi.hssf.usermodel.HSSFCell;
import org.apache.poi.hssf.usermodel.HSSFCellStyle;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;

/**
 * A visible sheet of an .xls (Excel 97-2003), read through POI's HSSF. The workbook is in memory
 * once opened (an .xls holds at most 65,536 rows a sheet, see {@link Ole2Compound}); cells are
 * rendered as for .xlsx ({@link CellText}), formulas as the value Excel saved with them.
 */
final class XlsSheetTable extends SheetTable {

  private final HSSFSheet source;
  private final CellText.WorkbookNumbers numbers;
  private int nextIndex;

  XlsSheetTable(Path file, HSSFSheet source, CellText.WorkbookNumbers numbers) {
    super(file, source.getSheetName());
    this.source = source;
    this.numbers = numbers;
  }

  @Override
  StoredRow readStoredRow() {
    int last = source.getLastRowNum();
    while (nextIndex <= last) {
      HSSFRow row = source.getRow(nextIndex++);
      if (row == null) {
        continue;
      }
      String[] cells = new String[Math.max(row.getLastCellNum(), 0)];
      for (int i = 0; i < cells.length; i++) {
        HSSFCell cell = row.getCell(i);
        cells[i] = cell == null ? "" : text(cell, cell.getCellType());
      }
      return new StoredRow(row.getRowNum() + 1L, cells(cells));
    }
    return null;
  }

  private String text(HSSFCell cell, CellType type) {
    switch (type) {
      case NUMERIC:
        HSSFCellStyle style = cell.getCellStyle();
        return numbers.text(cell.getNumericCellValue(), (int) style.getDataFormat(), style.getDataFormatString());
      case STRING:
        return cell.getRichStringCellValue().getString();
      case BOOLEAN:
        return CellText.bool(cell.getBooleanCellValue());
      case ERROR:
        try {
          return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (IllegalArgumentException unknownCode) {
          return "#N/A";
        }
      case FORMULA:
        return text(cell, cell.getCachedFormulaResultType());
      default: // BLANK
        return "";
    }
  }

  @Override
  public void close() {
    // the workbook is closed with the Workbook
  }
}
