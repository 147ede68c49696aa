package org.palabre.sources.workbooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.palabre.sources.workbooks.UnreadableWorkbookException.Problem;

/**
 * Opens a delivered Excel workbook as tables of rows, whatever its name: .xlsx and .xlsm streamed
 * (fastexcel-reader), .xls (Excel 97-2003) through POI's HSSF. What the file is comes from its
 * bytes ({@link FileSignature}); a file that cannot be read is an {@link
 * UnreadableWorkbookException} with a message for the sender, never a partial read.
 *
 * <p>Every visible sheet is a {@link org.palabre.sources.tables.Table} in workbook order; hidden and
 * very hidden sheets are {@link Workbook#ignoredSheets()} with the reason. Cells come typed and
 * rendered as {@link org.palabre.sources.tables.TableRow} says; provenance is file, sheet, row
 * number and column ({@link Workbook#columnName}).
 */
public final class Workbooks {

  static final String HIDDEN = "hidden sheet: not read (unhide it in Excel, right-click a sheet tab > Unhide,"
      + " if it holds figures to load)";
  static final String VERY_HIDDEN = "very hidden sheet (hidden by a macro or the VBA editor; Excel's Unhide does"
      + " not show it): not read";

  private Workbooks() {}

  /** Opens a workbook with the default {@link ZipLimits}. */
  public static Workbook open(Path file) throws IOException {
    return open(file, ZipLimits.DEFAULT);
  }

  /**
   * Opens a workbook: checks it whole (container, zip limits, CRCs) before the first row is read.
   *
   * @throws UnreadableWorkbookException a text file, another kind of file, an encrypted, damaged or
   *     too large workbook: the message names the file and says what to do
   * @throws IOException the file cannot be read at all (missing, no permission)
   */
  public static Workbook open(Path file, ZipLimits limits) throws IOException {
    long size = Files.size(file);
    if (size == 0) {
      throw damaged(file, "the file is empty (0 bytes)", null);
    }
    switch (FileSignature.of(file)) {
      case ZIP:
        return XlsxPackage.open(file, limits);
      case OLE2:
        return Ole2Compound.open(file, size);
      case TEXT:
        throw new UnreadableWorkbookException(file, Problem.TEXT_FILE, quoted(file)
            + " is a text file (a CSV or similar) under a workbook's name, not an Excel workbook:"
            + " read it as CSV, or send the workbook itself");
      default:
        throw new UnreadableWorkbookException(file, Problem.NOT_A_WORKBOOK, quoted(file)
            + " is not an Excel workbook (neither a zip nor an Office 97-2003 file by its first bytes):"
            + " send the workbook saved as .xlsx");
    }
  }

  static String quoted(Path file) {
    return "'" + file + "'";
  }

  static UnreadableWorkbookException damaged(Path file, String what, Throwable cause) {
    return new UnreadableWorkbookException(file, null, Problem.CORRUPT, quoted(file) + " is damaged: " + what
        + ". Ask for the file again, or open it in Excel or LibreOffice and save it again", cause);
  }
}
