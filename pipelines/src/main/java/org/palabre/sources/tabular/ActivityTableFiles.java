package org.palabre.sources.tabular;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.SourceFigure;
import org.palabre.sources.FileParser;
import org.palabre.sources.FileRows;
import org.palabre.sources.tables.CsvTable;
import org.palabre.sources.tables.Table;
import org.palabre.sources.workbooks.FileSignature;
import org.palabre.sources.workbooks.IgnoredSheet;
import org.palabre.sources.workbooks.Workbook;
import org.palabre.sources.workbooks.Workbooks;
import org.palabre.text.TextDecoding;

/**
 * The activity-table families' {@link FileParser}: a CSV file (its encoding and separator
 * detected) or an Excel workbook (.xlsx, .xlsm, .xls: each visible sheet a table, read like a CSV
 * file of the family), told apart by their bytes, not their name. Each table is read with {@link
 * ActivityTableParser} into {@code figures}, bad rows and cells into {@code rejected_rows}. A CSV
 * file broken part-way (an unbalanced quote) keeps the rows before the break, and the broken
 * remainder counts as one rejected row. A workbook sheet without a recognised header (notes,
 * lists) and hidden sheets are listed in the load report as not read; a workbook none of whose
 * sheets has one is rejected whole.
 */
public final class ActivityTableFiles implements FileParser {

  private final ActivityTableParser.Settings settings;
  private transient ActivityTableParser parser;

  public ActivityTableFiles(ActivityTableParser.Settings settings) {
    this.settings = settings;
  }

  @Override
  public void setup() {
    parser = new ActivityTableParser(settings);
  }

  @Override
  public FileLoad read(InputFile file, Delivery delivery, FileRows rows) throws Exception {
    if (parser == null) {
      setup();
    }
    FileSignature signature = FileSignature.of(Path.of(file.path()));
    if (signature.isWorkbookContainer()) {
      return readWorkbook(file, delivery, rows);
    }
    FileLoad load = readCsv(file, delivery, rows);
    if (isWorkbookName(file)) {
      return withNote(load, "named as a workbook but holds text: read as a CSV file");
    }
    return load;
  }

  private FileLoad readCsv(InputFile file, Delivery delivery, FileRows rows) throws Exception {
    ParseSink<SourceFigure> sink = sink(delivery, rows, null);
    TextDecoding.IoSupplier bytes = () -> FileParser.open(file);
    TextDecoding.Detected encoding = TextDecoding.detect(bytes);
    try (Reader text = encoding.open(bytes); CsvTable table = CsvTable.of(text)) {
      FileLoad load = parser.parse(table, cells -> table.rawFormat().format(cells.toArray()), delivery, encoding.label(),
          table.separator(), sink);
      if (table.failure() != null) {
        // what could be delimited was read; the broken remainder counts as one rejected row
        load = ActivityTableParser.withBrokenRemainder(load, table.lastLine() + 1,
            "the file cannot be read past line " + table.lastLine() + ": " + rootMessage(table.failure())
                + "; the rest of the file was not read (check for an unbalanced quote)", sink);
      }
      return load;
    }
  }

  private FileLoad readWorkbook(InputFile file, Delivery delivery, FileRows rows) throws Exception {
    List<FileLoad> sheets = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String format;
    try (Workbook workbook = Workbooks.open(Path.of(file.path()))) {
      format = workbook.format();
      for (Table table : workbook.tables()) {
        FileLoad sheet = parser.parseSheet(table, cells -> CSVFormat.DEFAULT.format(cells.toArray()), delivery, format,
            sink(delivery, rows, table.sheet()));
        if (sheet == null) {
          notes.add("sheet '" + table.sheet() + "' not read: no header recognised");
          continue;
        }
        sheets.add(sheet);
        kinds.add("sheet '" + table.sheet() + "': " + sheet.fileKind());
        if (!sheet.warnings().isBlank()) {
          notes.add("sheet '" + table.sheet() + "': " + sheet.warnings());
        }
      }
      for (IgnoredSheet ignored : workbook.ignoredSheets()) {
        notes.add("sheet '" + ignored.name() + "' not read: " + ignored.reason());
      }
      notes.addAll(workbook.notes());
    }
    if (sheets.isEmpty()) {
      throw new IllegalArgumentException("no visible sheet of the workbook has a header row recognised (an HXL hashtag row or"
          + " headers such as 'Dispositif', 'Mois'; see schemas/readers/table_headers.csv)" + (notes.isEmpty() ? ""
              : ": " + String.join("; ", notes)));
    }
    return new FileLoad(delivery.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(),
        "workbook (" + format + "): " + String.join("; ", kinds), format, "",
        sheets.stream().mapToLong(FileLoad::rowsRead).sum(), sheets.stream().mapToLong(FileLoad::rowsLoaded).sum(),
        sheets.stream().mapToLong(FileLoad::rowsRejected).sum(), sheets.stream().mapToLong(FileLoad::cellsRejected).sum(),
        sheets.stream().mapToLong(FileLoad::observations).sum(), String.join("; ", notes));
  }

  /** Where the parser's figures and rejects go; a workbook's rejects name their sheet. */
  private static ParseSink<SourceFigure> sink(Delivery delivery, FileRows rows, String sheet) {
    String where = sheet == null ? "" : "sheet '" + sheet + "', ";
    return new ParseSink<>() {
      @Override
      public void accept(SourceFigure figure) {
        rows.add(LakeTable.FIGURES, figure);
      }

      @Override
      public void reject(long line, String reason, String raw) {
        rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(sheet, line, where + reason, raw));
      }

      @Override
      public void rejectCell(long line, int column, String reason, String raw) {
        rows.add(LakeTable.REJECTED_ROWS, delivery.cellRejection(sheet, line, column, where + reason, raw));
      }
    };
  }

  private static boolean isWorkbookName(InputFile file) {
    String name = file.relativeName().toLowerCase(Locale.ROOT);
    return name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls");
  }

  private static FileLoad withNote(FileLoad load, String note) {
    return new FileLoad(load.runId(), load.deliverySha256(), load.sourceFamily(), load.sourceFile(), load.fileKind(),
        load.encoding(), load.separator(), load.rowsRead(), load.rowsLoaded(), load.rowsRejected(), load.cellsRejected(),
        load.observations(), load.warnings().isBlank() ? note : load.warnings() + "; " + note);
  }

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file or an Excel workbook and re-deliver it";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
