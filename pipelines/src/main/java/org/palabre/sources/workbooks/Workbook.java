package org.palabre.sources.workbooks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.palabre.sources.tables.Table;

/**
 * An opened workbook: its visible sheets as {@link Table}s, in workbook order, and the sheets it
 * does not read with the reason. Got from {@link Workbooks#open}; closing it closes every table.
 *
 * <pre>{@code
 * try (Workbook workbook = Workbooks.open(file)) {
 *   for (Table sheet : workbook.tables()) {
 *     while (sheet.hasNext()) { TableRow row = sheet.next(); ... }
 *   }
 *   note(workbook.ignoredSheets(), workbook.notes());
 * }
 * }</pre>
 *
 * <p>The tables open their sheet when first asked for a row, so a workbook of many sheets holds one
 * sheet's reading state at a time when they are read one after the other.
 */
public final class Workbook implements AutoCloseable {

  private final Path file;
  private final String format;
  private final List<SheetTable> tables;
  private final List<IgnoredSheet> ignoredSheets;
  private final List<String> fileNotes;
  private final Closeable resource;

  Workbook(Path file, String format, List<SheetTable> tables, List<IgnoredSheet> ignoredSheets,
      List<String> fileNotes, Closeable resource) {
    this.file = file;
    this.format = format;
    this.tables = List.copyOf(tables);
    this.ignoredSheets = List.copyOf(ignoredSheets);
    this.fileNotes = List.copyOf(fileNotes);
    this.resource = resource;
  }

  public Path file() {
    return file;
  }

  /** "xlsx", "xlsm" (a workbook with macros: values read, macros never run) or "xls". */
  public String format() {
    return format;
  }

  /** The visible sheets, in workbook order; cells are typed ({@link Table#typedCells()}). */
  public List<Table> tables() {
    return List.copyOf(tables);
  }

  /** Hidden and very hidden sheets, with the reason; in workbook order. */
  public List<IgnoredSheet> ignoredSheets() {
    return ignoredSheets;
  }

  /**
   * What the file's load-report note should say about how it was read: macros left alone,
   * formulas without a saved value read as blank (with the first cell and how many). Complete once
   * the tables have been read.
   */
  public List<String> notes() {
    List<String> notes = new ArrayList<>(fileNotes);
    for (SheetTable table : tables) {
      String note = table.note();
      if (note != null) {
        notes.add(note);
      }
    }
    return notes;
  }

  /** A column's letters, as Excel names it in a cell address: 0 is "A", 26 is "AA". */
  public static String columnName(int index) {
    return CellText.columnName(index);
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (SheetTable table : tables) {
      try {
        table.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    resource.close();
    if (failure != null) {
      throw failure;
    }
  }
}
