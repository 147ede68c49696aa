package org.palabre.sources.tabular;

import java.util.ArrayList;
import java.util.List;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.SourceFigure;
import org.palabre.sources.DeliveredTables;
import org.palabre.sources.FileParser;
import org.palabre.sources.LakeRowSink;
import org.palabre.sources.tables.CsvTable;
import org.palabre.sources.tables.Table;

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
  public FileLoad read(InputFile file, Delivery delivery, LakeRowSink rows) throws Exception {
    if (parser == null) {
      setup();
    }
    try (DeliveredTables delivered = DeliveredTables.open(file)) {
      return delivered.isWorkbook() ? readWorkbook(file, delivery, rows, delivered) : readCsv(delivery, rows, delivered);
    }
  }

  private FileLoad readCsv(Delivery delivery, LakeRowSink rows, DeliveredTables delivered) throws Exception {
    ParseSink<SourceFigure> sink = sink(delivery, rows, null);
    CsvTable table = delivered.csv();
    FileLoad load = parser.parse(table, delivered.rawFormat(), delivery, delivered.format(), table.separator(), sink);
    if (table.failure() != null) {
      // what could be delimited was read; the broken remainder counts as one rejected row
      load = ActivityTableParser.withBrokenRemainder(load, table.lastLine() + 1,
          "the file cannot be read past line " + table.lastLine() + ": " + rootMessage(table.failure())
              + "; the rest of the file was not read (check for an unbalanced quote)", sink);
    }
    List<String> notes = delivered.notes();
    return notes.isEmpty() ? load : withNote(load, String.join("; ", notes));
  }

  private FileLoad readWorkbook(InputFile file, Delivery delivery, LakeRowSink rows, DeliveredTables delivered)
      throws Exception {
    List<FileLoad> sheets = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (Table table : delivered.tables()) {
      FileLoad sheet = parser.parseSheet(table, delivered.rawFormat(), delivery, delivered.format(),
          sink(delivery, rows, table.sheet()));
      if (sheet == null) {
        delivered.notRead(table, "no header recognised");
        continue;
      }
      sheets.add(sheet);
      kinds.add("sheet '" + table.sheet() + "': " + sheet.fileKind());
      delivered.note(table, sheet.warnings());
    }
    if (sheets.isEmpty()) {
      throw delivered.noSheetRead("an HXL hashtag row or headers such as 'Dispositif', 'Mois';"
          + " see schemas/readers/table_headers.csv");
    }
    return new FileLoad(delivery.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(),
        "workbook (" + delivered.format() + "): " + String.join("; ", kinds), delivered.format(), "",
        sheets.stream().mapToLong(FileLoad::rowsRead).sum(), sheets.stream().mapToLong(FileLoad::rowsLoaded).sum(),
        sheets.stream().mapToLong(FileLoad::rowsRejected).sum(), sheets.stream().mapToLong(FileLoad::cellsRejected).sum(),
        sheets.stream().mapToLong(FileLoad::observations).sum(), String.join("; ", delivered.notes()));
  }

  /** Where the parser's figures and rejects go; a workbook's rejects name their sheet. */
  private static ParseSink<SourceFigure> sink(Delivery delivery, LakeRowSink rows, String sheet) {
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
