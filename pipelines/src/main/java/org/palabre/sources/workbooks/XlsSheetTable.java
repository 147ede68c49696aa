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
  private final boolean date1904;
  private final CellText.DateFormats dateFormats;
  private int nextIndex;

  XlsSheetTable(Path file, HSSFSheet source, boolean date1904, CellText.DateFormats dateFormats) {
    super(file, source.getSheetName());
    this.source = source;
    this.date1904 = date1904;
    this.dateFormats = dateFormats;
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
        double value = cell.getNumericCellValue();
        return dateFormats.isDate((int) style.getDataFormat(), style.getDataFormatString())
            ? CellText.date(value, date1904)
            : CellText.number(value);
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
