package org.palabre.sources.workbooks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * A visible sheet of an .xlsx or .xlsm, streamed by fastexcel-reader: one row of the sheet's XML in
 * memory at a time. Shared strings, inline strings and rich text come as their text; a formula as
 * its cached value, and as blank (counted for the note) when the file saved none; merged cells as
 * the file has them, the value in the top-left cell and the others blank.
 */
final class XlsxSheetTable extends SheetTable {

  private final Sheet source;
  private final CellText.WorkbookNumbers numbers;
  private Stream<Row> stream;
  private Iterator<Row> rows;

  XlsxSheetTable(Path file, Sheet source, CellText.WorkbookNumbers numbers) {
    super(file, source.getName());
    this.source = source;
    this.numbers = numbers;
  }

  @Override
  StoredRow readStoredRow() throws IOException {
    if (rows == null) {
      stream = source.openStream();
      rows = stream.iterator();
    }
    if (!rows.hasNext()) {
      return null;
    }
    Row row = rows.next();
    String[] cells = new String[row.getCellCount()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = text(row.getCell(i), row.getRowNum(), i);
    }
    return new StoredRow(row.getRowNum(), cells(cells));
  }

  private String text(Cell cell, long rowNumber, int column) {
    if (cell == null) {
      return "";
    }
    Object value = cell.getValue();
    switch (cell.getType()) {
      case NUMBER:
        return numbers.text((BigDecimal) value, cell.getDataFormatId(), cell.getDataFormatString());
      case BOOLEAN:
        return value == null ? "" : CellText.bool((Boolean) value);
      case FORMULA:
        if (cell.getRawValue() == null) {
          formulaWithoutValue(rowNumber, column);
          return "";
        }
        if (value instanceof BigDecimal) {
          return numbers.text((BigDecimal) value, cell.getDataFormatId(), cell.getDataFormatString());
        }
        if (value instanceof Boolean) {
          return CellText.bool((Boolean) value);
        }
        return value == null ? "" : value.toString(); // a text result, or an error ("#DIV/0!")
      case EMPTY:
        return "";
      default: // STRING (shared, inline, rich text) and ERROR ("#N/A", as Excel writes it)
        return cell.getText();
    }
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
  }
}
