package org.palabre.sources.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.palabre.sources.tables.BufferedTable;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;

/**
 * A small reference table read by its header's names, each row with its line in the file (or row
 * of its sheet): rows above the header (a title block), comment rows (starting with {@code #}) and
 * blank rows are not rows; header names are {@linkplain BufferedTable#columnKey column keys}
 * ("Days allowed" is {@code days_allowed}). Used by the reporting calendar and the outlier bounds,
 * from a CSV file or a workbook sheet alike.
 */
final class ReferenceCsvLines {

  /** One data row: its line, its cells by header name (blank = empty string), and its text as written. */
  record Row(long line, Map<String, String> cells, String raw) {
    String get(String column) {
      return cells.getOrDefault(column, "");
    }
  }

  private ReferenceCsvLines() {}

  /**
   * The data rows of a table whose header is at {@code headerLine}.
   *
   * @param raw writes a row back as the file had it, for the rejects
   */
  static List<Row> rows(Table table, long headerLine, Function<List<String>, String> raw) {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    while (table.hasNext()) {
      TableRow row = table.next();
      List<String> cells = row.cells();
      if (row.line() < headerLine || BufferedTable.isBlank(cells) || cells.get(0) != null && cells.get(0).startsWith("#")) {
        continue;
      }
      if (header == null) {
        header = cells.stream().map(c -> BufferedTable.columnKey(c == null ? "" : c.replace("\uFEFF", ""))).toList();
        continue;
      }
      Map<String, String> byName = new HashMap<>();
      for (int i = 0; i < header.size() && i < cells.size(); i++) {
        byName.putIfAbsent(header.get(i), cells.get(i) == null ? "" : cells.get(i).strip());
      }
      rows.add(new Row(row.line(), byName, raw.apply(cells)));
    }
    return rows;
  }
}
