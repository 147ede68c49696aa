package org.palabre.sources.tabular;

import java.io.Reader;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.SourceFigure;
import org.palabre.sources.FileParser;
import org.palabre.sources.FileRows;
import org.palabre.sources.tables.CsvTable;
import org.palabre.text.TextDecoding;

/**
 * The activity-table families' {@link FileParser}: detects the file's encoding and separator and
 * reads it with {@link ActivityTableParser} into {@code figures}, bad rows into {@code
 * rejected_rows}. A file broken part-way (an unbalanced quote) keeps the rows before the break,
 * and the broken remainder counts as one rejected row.
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
    ParseSink<SourceFigure> sink = new ParseSink<>() {
      @Override
      public void accept(SourceFigure figure) {
        rows.add(LakeTable.FIGURES, figure);
      }

      @Override
      public void reject(long line, String reason, String raw) {
        rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
      }

      @Override
      public void rejectCell(long line, int column, String reason, String raw) {
        rows.add(LakeTable.REJECTED_ROWS, delivery.cellRejection(line, column, reason, raw));
      }
    };
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

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file and re-deliver it";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
