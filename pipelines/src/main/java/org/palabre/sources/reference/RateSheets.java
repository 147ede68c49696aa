package org.palabre.sources.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.palabre.money.ExchangeRates;
import org.palabre.money.RateTable;
import org.palabre.sources.DeliveredTables;
import org.palabre.sources.tables.BufferedTable;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;

/**
 * The exchange-rate tables of a delivered file, a CSV file or any sheet of a workbook whose header
 * (below any title block or comment lines) is {@code rate_date,currency,units_per_eur}: read by the
 * reference family into the lake, and by the IATI family as its context (amounts in euros).
 */
public final class RateSheets {

  /** How many non-blank rows at the top of a table may come before the header. */
  static final int HEADER_SEARCH_ROWS = 25;

  private RateSheets() {}

  /** The line of a table's rate header, or -1 when it is not a rate table. */
  static long headerLine(BufferedTable table) {
    return table.headerLine(HEADER_SEARCH_ROWS, keys -> new ArrayList<>(keys).equals(ExchangeRates.HEADER));
  }

  /**
   * Reads a rate table from its header row on, each rate checked on its own ({@link RateTable});
   * blank and comment rows are not rows.
   *
   * @param name how the table is named in reasons and notes
   */
  static RateTable read(String name, Table table, long headerLine, DeliveredTables delivered) {
    List<RateTable.Line> lines = new ArrayList<>();
    while (table.hasNext()) {
      TableRow row = table.next();
      List<String> cells = row.cells().stream().map(c -> c == null ? "" : c).toList();
      if (row.line() >= headerLine && !BufferedTable.isBlank(cells) && !cells.get(0).startsWith("#")) {
        lines.add(new RateTable.Line(row.line(), cells, delivered.rawFormat().apply(cells)));
      }
    }
    return RateTable.read(name, lines);
  }

  /**
   * Every rate table of a local file (one per sheet of a workbook that has one); empty when it has
   * none.
   *
   * @param name the file's name relative to the input, for reasons and notes
   * @throws IOException the file cannot be read (a damaged workbook: the reference family rejects it)
   */
  public static List<RateTable> of(Path file, String name) throws IOException {
    List<RateTable> tables = new ArrayList<>();
    try (DeliveredTables delivered = DeliveredTables.open(file, name, true)) {
      for (Table sheet : delivered.tables()) {
        BufferedTable table = new BufferedTable(sheet);
        long header = headerLine(table);
        if (header > 0) {
          tables.add(read(sheet.sheet() == null ? name : name + " sheet '" + sheet.sheet() + "'", table, header, delivered));
        }
      }
    }
    return tables;
  }
}
