package org.palabre.sources.workbooks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;
import org.palabre.sources.workbooks.UnreadableWorkbookException.Problem;

/**
 * A visible sheet as a {@link Table}: what .xlsx and .xls sheets share. A sheet stores only the
 * rows that hold something; the table gives every row from 1 to the last, the ones the sheet
 * skips as blank rows (no cells), so a reader counts rows as the person who filled it sees them
 * and a row's {@link TableRow#line()} is its row number in Excel. A row's cells end at its last
 * non-blank cell (formatting alone is no cell). Damage found while streaming is an {@link
 * UnreadableWorkbookException} naming the sheet and the last good row.
 */
abstract class SheetTable implements Table {

  /** A row the sheet stores: its 1-based row number and its cells as text. */
  record StoredRow(long number, List<String> cells) {}

  final Path file;
  private final String sheet;
  private StoredRow pending;
  private boolean ended;
  private long nextRow = 1;
  private long formulasWithoutValue;
  private String firstFormulaWithoutValue;

  SheetTable(Path file, String sheet) {
    this.file = file;
    this.sheet = sheet;
  }

  /** The next row the sheet stores, null after the last. */
  abstract StoredRow readStoredRow() throws Exception;

  @Override
  public final String sheet() {
    return sheet;
  }

  @Override
  public final boolean typedCells() {
    return true;
  }

  @Override
  public final boolean hasNext() {
    if (pending == null && !ended) {
      try {
        pending = readStoredRow();
      } catch (UnreadableWorkbookException e) {
        throw e;
      } catch (Exception e) {
        ended = true;
        throw damaged(e);
      }
      ended = pending == null;
    }
    return pending != null;
  }

  @Override
  public final TableRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException("sheet '" + sheet + "' has no more rows");
    }
    if (pending.number() > nextRow) {
      return new TableRow(sheet, nextRow++, List.of());
    }
    TableRow row = new TableRow(sheet, pending.number(), pending.cells());
    nextRow = pending.number() + 1;
    pending = null;
    return row;
  }

  /** Counted as it is met: a formula cell the file saved without its value, read as blank. */
  final void formulaWithoutValue(long row, int column) {
    if (formulasWithoutValue++ == 0) {
      firstFormulaWithoutValue = CellText.columnName(column) + row;
    }
  }

  /** What the load-report note says about this sheet, null when nothing. */
  final String note() {
    if (formulasWithoutValue == 0) {
      return null;
    }
    return "sheet '" + sheet + "': " + formulasWithoutValue + " formula cell"
        + (formulasWithoutValue == 1 ? " has" : "s have") + " no saved value (first " + firstFormulaWithoutValue
        + ") and " + (formulasWithoutValue == 1 ? "is" : "are")
        + " read as blank: the program that wrote the workbook did not compute them; opening and saving it"
        + " in Excel or LibreOffice computes them";
  }

  /** The row's cells, trailing blank ones dropped: a row ends at its last cell with something in it. */
  static List<String> cells(String[] cells) {
    int end = cells.length;
    while (end > 0 && cells[end - 1].isEmpty()) {
      end--;
    }
    return List.of(end == cells.length ? cells : Arrays.copyOf(cells, end));
  }

  private UnreadableWorkbookException damaged(Exception e) {
    String where = nextRow == 1 ? "before its first row" : "after row " + (nextRow - 1);
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new UnreadableWorkbookException(file, sheet, Problem.CORRUPT,
        Workbooks.quoted(file) + ", sheet '" + sheet + "': the sheet is damaged " + where + " (" + detail
            + "); open the workbook in Excel or LibreOffice and save it again, or ask for the file again",
        e);
  }
}
