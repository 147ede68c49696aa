package org.palabre.sources;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.palabre.model.InputFile;
import org.palabre.sources.tables.BufferedTable;
import org.palabre.sources.tables.CsvTable;
import org.palabre.sources.tables.Table;
import org.palabre.sources.workbooks.FileSignature;
import org.palabre.sources.workbooks.IgnoredSheet;
import org.palabre.sources.workbooks.Workbook;
import org.palabre.sources.workbooks.Workbooks;
import org.palabre.text.CsvDialect;
import org.palabre.text.TextDecoding;

/**
 * A delivered file opened as {@link Table}s, whatever it is: a CSV file (its encoding and separator
 * detected; one table) or an Excel workbook (.xlsx, .xlsm, .xls; one table per visible sheet),
 * told apart by its bytes ({@link FileSignature}), never by its name. The one way every family
 * that reads tables (activity reports, HXL tables, the partnership files, the reference tables)
 * opens a file; each then reads every table like a CSV file of its family.
 *
 * <pre>{@code
 * try (DeliveredTables delivered = DeliveredTables.open(file)) {
 *   for (Table table : delivered.tables()) { ... or delivered.notRead(table, "no header recognised"); }
 *   load(..., delivered.format(), delivered.separatorName(), delivered.notes());
 * }
 * }</pre>
 *
 * <p>A workbook that cannot be read (encrypted, a damaged zip, a zip bomb) throws {@link
 * org.palabre.sources.workbooks.UnreadableWorkbookException} from {@link #open}, naming the file:
 * {@link ReadFileFn} rejects it whole with the reason and the run goes on.
 */
public final class DeliveredTables implements AutoCloseable {

  private final CsvTable csv;
  private final String encoding;
  private final Workbook workbook;
  private final boolean workbookName;
  private final List<String> sheetNotes = new ArrayList<>();

  private DeliveredTables(CsvTable csv, String encoding, Workbook workbook, boolean workbookName) {
    this.csv = csv;
    this.encoding = encoding;
    this.workbook = workbook;
    this.workbookName = workbookName;
  }

  /** Opens a delivered file: a zip or OLE2 container as a workbook, anything else as CSV text. */
  public static DeliveredTables open(InputFile file) throws IOException {
    return open(file, false);
  }

  /**
   * Opens a delivered file; with {@code commentLines}, a CSV file's lines starting with {@code #}
   * are comments, left out when its separator is sniffed (the reference tables).
   */
  public static DeliveredTables open(InputFile file, boolean commentLines) throws IOException {
    return open(Path.of(file.path()), file.relativeName(), commentLines);
  }

  /**
   * Opens a local file.
   *
   * @param name the file's name as delivered (a CSV file under a workbook's name is noted)
   */
  public static DeliveredTables open(Path path, String name, boolean commentLines) throws IOException {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean workbookName = lower.endsWith(".xlsx") || lower.endsWith(".xlsm") || lower.endsWith(".xls");
    if (FileSignature.of(path).isWorkbookContainer()) {
      return new DeliveredTables(null, null, Workbooks.open(path), workbookName);
    }
    TextDecoding.IoSupplier bytes = () -> Files.newInputStream(path);
    TextDecoding.Detected detected = TextDecoding.detect(bytes);
    Reader text = detected.open(bytes);
    try {
      return new DeliveredTables(CsvTable.of(text, commentLines), detected.label(), null, workbookName);
    } catch (IOException | RuntimeException e) {
      text.close();
      throw e;
    }
  }

  public boolean isWorkbook() {
    return workbook != null;
  }

  /** The CSV table of a text file; null for a workbook. */
  public CsvTable csv() {
    return csv;
  }

  /** The tables to read: the CSV file, or the workbook's visible sheets in workbook order. */
  public List<Table> tables() {
    return workbook == null ? List.of(csv) : workbook.tables();
  }

  /** For the load report: the text's encoding, or the workbook's format ("xlsx", "xlsm", "xls"). */
  public String format() {
    return workbook == null ? encoding : workbook.format();
  }

  /** The CSV separator, as the load report names it; blank for a workbook. */
  public String separatorName() {
    return workbook == null ? CsvDialect.describe(csv.separator()) : "";
  }

  /** The separator a table's rows are written back with in the rejects: the file's, or ',' for a workbook. */
  public char separator() {
    return workbook == null ? csv.separator() : ',';
  }

  /** Writes a row of the file back as text, for the rejects. */
  public Function<List<String>, String> rawFormat() {
    CSVFormat format = workbook == null ? csv.rawFormat() : CSVFormat.DEFAULT;
    return cells -> format.format(cells.toArray());
  }

  /** Says in the load report that a sheet of the workbook is not read, and why (a notes sheet, a lists sheet). */
  public void notRead(Table table, String reason) {
    sheetNotes.add("sheet '" + table.sheet() + "' not read: " + reason);
  }

  /** Adds a note about one sheet of the workbook ("sheet 'X': ..."), or about the file when it is a CSV. */
  public void note(Table table, String note) {
    if (!note.isBlank()) {
      sheetNotes.add(table.sheet() == null ? note : "sheet '" + table.sheet() + "': " + note);
    }
  }

  /** "sheet 'X', " for a workbook sheet, to begin a reject's reason; "" for a CSV file. */
  public static String where(Table table) {
    return table.sheet() == null ? "" : "sheet '" + table.sheet() + "', ";
  }

  /**
   * What the load report says about how the file was read, once its tables are read: the sheets
   * not read and why, hidden sheets, macros left alone, formulas without a saved value; for a CSV
   * file under a workbook's name, that it was read as CSV.
   */
  public List<String> notes() {
    List<String> notes = new ArrayList<>(sheetNotes);
    if (workbook != null) {
      for (IgnoredSheet ignored : workbook.ignoredSheets()) {
        notes.add("sheet '" + ignored.name() + "' not read: " + ignored.reason());
      }
      notes.addAll(workbook.notes());
    } else if (workbookName) {
      notes.add("named as a workbook but holds text: read as a CSV file");
    }
    return notes;
  }

  /**
   * Reads every table of the file as the family's kind of table its header says, and gives the
   * file's kind for the load report ("workbook (xlsx): sheet 'Registre': ...", or the CSV's kind).
   * A workbook sheet that is none of them is noted as not read; a CSV file that is none of them, or
   * broken part-way, is rejected through {@code rejectWhole} (line 0).
   *
   * @param read reads one table and returns the kind it read it as, or null when its header is none of the family's
   * @param notAKnownTable the reason a CSV file whose header is none of the family's is rejected
   * @param knownKinds what the family's headers look like, for a workbook none of whose sheets has one
   * @throws IllegalArgumentException a workbook none of whose sheets is one of the family's tables
   */
  public String readEach(Function<BufferedTable, String> read, String notAKnownTable, String knownKinds,
      Consumer<String> rejectWhole) {
    List<String> kinds = new ArrayList<>();
    for (Table sheet : tables()) {
      String kind = read.apply(new BufferedTable(sheet));
      if (kind == null && isWorkbook()) {
        notRead(sheet, "no header recognised");
      } else if (kind == null) {
        kinds.add("unknown");
        rejectWhole.accept(notAKnownTable);
      } else {
        kinds.add(isWorkbook() ? "sheet '" + sheet.sheet() + "': " + kind : kind);
      }
      if (csv != null && csv.failure() != null) {
        rejectWhole.accept(malformed(csv));
      }
    }
    if (isWorkbook() && kinds.isEmpty()) {
      throw noSheetRead(knownKinds);
    }
    return isWorkbook() ? "workbook (" + format() + "): " + String.join("; ", kinds) : kinds.get(0);
  }

  /** Why a CSV file could not be read to its end (commons-csv on an unbalanced quote). */
  public static String malformed(CsvTable table) {
    Throwable e = table.failure();
    return "malformed CSV: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }

  /**
   * The reason a workbook none of whose sheets is a table of the family is rejected whole.
   *
   * @param expected what a header of the family looks like
   */
  public IllegalArgumentException noSheetRead(String expected) {
    List<String> notes = notes();
    return new IllegalArgumentException("no visible sheet of the workbook has a header row recognised (" + expected + ")"
        + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
  }

  @Override
  public void close() throws IOException {
    if (workbook != null) {
      workbook.close();
    } else {
      csv.close();
    }
  }
}
