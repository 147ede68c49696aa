package org.palabre.sources.workbooks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.palabre.sources.workbooks.UnreadableWorkbookException.Problem;

/**
 * Opens an OLE2 compound file: an .xls (Excel 97-2003, BIFF8) is read through POI's HSSF; an
 * encrypted .xlsx (Excel puts a password-protected workbook in an OLE2 container holding {@code
 * EncryptionInfo} and {@code EncryptedPackage}), a password-protected .xls, an Excel 5.0/95 book
 * and other Office 97-2003 documents are refused with what they are.
 *
 * <p>HSSF loads the whole workbook in memory, about six times the file's size (a 26 MB .xls of one
 * full sheet, 65,536 rows of 20 columns, needs a heap of 160 MB). That is bounded by the format
 * (65,536 rows and 256 columns a sheet) and, to keep a run's memory predictable, by {@value
 * #MAX_XLS_BYTES} bytes of file: a larger .xls is refused with "save it as .xlsx", which is
 * streamed whatever its size.
 */
final class Ole2Compound {

  static final long MAX_XLS_BYTES = 40L << 20;

  private Ole2Compound() {}

  static Workbook open(Path file, long size) throws IOException {
    HSSFWorkbook workbook;
    try (POIFSFileSystem container = openContainer(file)) {
      Set<String> entries = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      container.getRoot().getEntryNames().forEach(entries::add);
      if (entries.contains("EncryptionInfo") || entries.contains("EncryptedPackage")) {
        throw encrypted(file, null);
      }
      if (entries.contains("Book") && !entries.contains("Workbook")) {
        throw old(file);
      }
      if (!entries.contains("Workbook")) {
        throw new UnreadableWorkbookException(file, Problem.NOT_A_WORKBOOK, Workbooks.quoted(file)
            + " is an Office 97-2003 document but not an Excel workbook (it holds "
            + String.join(", ", entries) + "): send the workbook itself, saved as .xlsx");
      }
      if (size > MAX_XLS_BYTES) {
        throw new UnreadableWorkbookException(file, Problem.UNSUPPORTED_VERSION, Workbooks.quoted(file)
            + " is an Excel 97-2003 workbook (.xls) of " + ZipLimits.bytes(size) + ", more than the "
            + ZipLimits.bytes(MAX_XLS_BYTES) + " read in this format: save it as .xlsx (Excel workbook),"
            + " which is read as a stream whatever its size");
      }
      workbook = new HSSFWorkbook(container.getRoot(), false);
    } catch (EncryptedDocumentException e) {
      throw encrypted(file, e);
    } catch (OldExcelFormatException e) {
      throw old(file);
    } catch (UnreadableWorkbookException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw Workbooks.damaged(file, "its Excel 97-2003 records cannot be read (" + e.getMessage() + ")", e);
    }
    List<SheetTable> tables = new ArrayList<>();
    List<IgnoredSheet> ignored = new ArrayList<>();
    CellText.WorkbookNumbers numbers =
        new CellText.WorkbookNumbers(workbook.getInternalWorkbook().isUsing1904DateWindowing());
    for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
      if (workbook.isSheetVeryHidden(i)) {
        ignored.add(new IgnoredSheet(workbook.getSheetName(i), Workbooks.VERY_HIDDEN));
      } else if (workbook.isSheetHidden(i)) {
        ignored.add(new IgnoredSheet(workbook.getSheetName(i), Workbooks.HIDDEN));
      } else {
        tables.add(new XlsSheetTable(file, workbook.getSheetAt(i), numbers));
      }
    }
    return new Workbook(file, "xls", tables, ignored, List.of(), workbook);
  }

  private static POIFSFileSystem openContainer(Path file) throws IOException {
    try {
      return new POIFSFileSystem(file.toFile(), true);
    } catch (IOException | RuntimeException e) {
      throw Workbooks.damaged(file, "its Office 97-2003 container is damaged or truncated (" + e.getMessage() + ")", e);
    }
  }

  private static UnreadableWorkbookException encrypted(Path file, Exception cause) {
    return new UnreadableWorkbookException(file, null, Problem.ENCRYPTED, Workbooks.quoted(file)
        + " is password-protected (encrypted), so its cells cannot be read: ask the sender to remove the"
        + " password (in Excel: File > Info > Protect Workbook > Encrypt with Password, and clear it) and"
        + " send it again", cause);
  }

  private static UnreadableWorkbookException old(Path file) {
    return new UnreadableWorkbookException(file, Problem.UNSUPPORTED_VERSION, Workbooks.quoted(file)
        + " is an Excel 5.0/95 workbook, a format from before 1997 that is not read: open it in Excel or"
        + " LibreOffice and save it as .xlsx (Excel workbook)");
  }
}
