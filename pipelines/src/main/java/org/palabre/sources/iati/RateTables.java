package org.palabre.sources.iati;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.palabre.money.ExchangeRates;
import org.palabre.money.RateTable;
import org.palabre.sources.InputTree;
import org.palabre.sources.reference.RateSheets;

/**
 * Finds the exchange-rate tables of a delivery and merges them into one {@link ExchangeRates}.
 *
 * <p>A rate table is any CSV file or workbook sheet under {@code <input>/reference/} (any depth,
 * any name; {@link RateSheets}) whose header, after comment lines or a title block, is {@code
 * rate_date,currency,units_per_eur}: the header decides, not
 * the file name, so the network can call the file what it likes and other reference CSVs
 * (advocacy log, targets) are left alone. They are the IATI family's context files: a changed
 * table makes the IATI files be read again with the new rates.
 */
public final class RateTables {

  /** The folder of the input that holds reference data, rate tables among it. */
  public static final String FOLDER = "reference";

  /** The names a rate table is looked for under (what it is then comes from its bytes). */
  private static final java.util.regex.Pattern TABLE_NAMES = java.util.regex.Pattern.compile("\\.(csv|xlsx|xlsm|xls)$");

  private RateTables() {}

  /**
   * The rate tables under {@code <input>/reference/}, sorted by path; empty when there are none.
   * The folder is walked as the ingest walks the input ({@link InputTree}): unreadable files, links
   * that lead outside the input and special files are passed over (the scan lists them).
   */
  public static List<Path> find(Path input) throws IOException {
    List<Path> tables = new ArrayList<>();
    for (Path file : InputTree.walk(input, input.resolve(FOLDER)).files()) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.startsWith(".") || !TABLE_NAMES.matcher(name).find()) {
        continue;
      }
      try {
        if (!RateSheets.of(file, input.relativize(file).toString()).isEmpty()) {
          tables.add(file);
        }
      } catch (IOException | RuntimeException unreadable) {
        // listed as ignored by the scan, or rejected by the reference family, with the reason; not a context file
      }
    }
    return tables;
  }

  /** Whether the text's header (its first line that is neither blank nor a comment) is a rate table's. */
  static boolean isRateTable(InputStream csv) throws IOException {
    String head = new String(csv.readNBytes(1 << 16), StandardCharsets.UTF_8);
    return RateTable.isRateTable(head, ExchangeRates.separatorOf(head));
  }

  /** A named table's text, as read from the delivery. */
  public record Table(String name, String text) {}

  /**
   * Reads tables into one set of rates, each line on its own ({@link RateTable}): a bad line is left
   * out with its table and line number, the other rates stay usable. Two tables giving a currency
   * two different rates on the same day: the table later in the list (sorted by path) wins, and
   * {@link ExchangeRates#notes()} says so. No table means only EUR can be valued.
   */
  public static ExchangeRates merge(List<Table> tables) {
    List<RateTable> read = new ArrayList<>();
    for (Table table : tables) {
      read.add(RateTable.read(table.name(), table.text(), ExchangeRates.separatorOf(table.text())));
    }
    return ExchangeRates.of(read);
  }
}
