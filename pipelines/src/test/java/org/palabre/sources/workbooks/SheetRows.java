package org.palabre.sources.workbooks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;

/** Test helpers: a workbook's tables read whole, as lists of cells by sheet. */
final class SheetRows {

  private SheetRows() {}

  /** Every visible sheet's rows, each row as its cells; sheets in workbook order. */
  static Map<String, List<List<String>>> cellsBySheet(Path file) throws IOException {
    try (Workbook workbook = Workbooks.open(file)) {
      return cellsBySheet(workbook);
    }
  }

  static Map<String, List<List<String>>> cellsBySheet(Workbook workbook) {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    for (Table table : workbook.tables()) {
      List<List<String>> rows = new ArrayList<>();
      for (TableRow row : rows(table)) {
        rows.add(row.cells());
      }
      sheets.put(table.sheet(), rows);
    }
    return sheets;
  }

  static List<TableRow> rows(Table table) {
    List<TableRow> rows = new ArrayList<>();
    table.forEachRemaining(rows::add);
    return rows;
  }
}
