package org.palabre.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One exchange-rate table read line by line: the rates it gives, and the lines it could not use,
 * each with its line number in the file and the reason. A bad line (a negative rate, a word,
 * {@code Infinity}, a date that is no date) rejects that line only: every other rate of the table
 * stays usable.
 *
 * <p>Format: CSV with the header {@link ExchangeRates#HEADER} ({@code rate_date,currency,units_per_eur})
 * after any blank or comment ({@code #}) lines, separated by {@code ,} or {@code ;}. A rate is a
 * plain decimal number with a decimal point, above 0 and at most 10<sup>15</sup>; infinity, NaN
 * and exponents beyond that are no rate.
 *
 * <p>A currency given twice for the same date keeps one rate, the later line's (a line added below
 * corrects one above): the earlier line is rejected with a reason naming the line kept, and
 * {@link #notes()} says so for the load report.
 *
 * <pre>{@code
 * RateTable table = RateTable.read("reference/rates.csv", text, ',');
 * table.rates();     // the usable rates, in file order
 * table.rejected();  // line, reason, raw text of each line that was not used
 * }</pre>
 */
public final class RateTable {

  /** A rate as read, with the line of the file it comes from. */
  public record Rate(long line, LocalDate date, String currency, BigDecimal unitsPerEur) {}

  /** A line that gives no rate, with why. */
  public record RejectedLine(long line, String reason, String raw) {}

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern DECIMAL = Pattern.compile("\\+?\\d+(\\.\\d*)?|\\+?\\.\\d+|\\d+(\\.\\d*)?[eE][+-]?\\d+");
  /** The largest rate a table may give: beyond it an amount's euro value loses every cent. */
  static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);

  private final String name;
  private final List<Rate> rates;
  private final List<RejectedLine> rejected;
  private final List<String> notes;

  private RateTable(String name, List<Rate> rates, List<RejectedLine> rejected, List<String> notes) {
    this.name = name;
    this.rates = List.copyOf(rates);
    this.rejected = List.copyOf(rejected);
    this.notes = List.copyOf(notes);
  }

  /** Whether the text's header (its first line that is neither blank nor a comment) is a rate table's. */
  public static boolean isRateTable(String text, char separator) {
    for (String line : text.replace("\uFEFF", "").split("\r\n|\r|\n", -1)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      return cells(line, separator).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList().equals(ExchangeRates.HEADER);
    }
    return false;
  }

  /**
   * Reads a table's text. Never throws for what the text holds: every line ends as a rate or as a
   * rejected line; a text without the header gives no rate and one rejected line (line 0).
   *
   * @param name how the table is named in reasons and notes (its file)
   */
  public static RateTable read(String name, String text, char separator) {
    List<Line> lines = new ArrayList<>();
    String[] all = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < all.length; i++) {
      String line = i == 0 ? all[i].replace("\uFEFF", "") : all[i];
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(new Line(i + 1, cells(line, separator), line));
      }
    }
    return read(name, lines);
  }

  /** One line of a rate table as its file gives it: its number, its cells, its text (for the rejects). */
  public record Line(long number, List<String> cells, String raw) {}

  /**
   * Reads a table given as its lines that are neither blank nor comments (a CSV file's, or a
   * workbook sheet's rows from its header on, cells rendered), the header first. Never throws for
   * what the lines hold, as {@link #read(String, String, char)}.
   */
  public static RateTable read(String name, List<Line> lines) {
    Map<String, Rate> byKey = new LinkedHashMap<>();
    Map<String, Line> lineByKey = new LinkedHashMap<>();
    Map<String, List<Long>> repeated = new LinkedHashMap<>();
    List<RejectedLine> rejected = new ArrayList<>();
    if (lines.isEmpty()) {
      rejected.add(new RejectedLine(0, name + ": no header " + String.join(",", ExchangeRates.HEADER)
          + ": not a rate table, nothing in it was read", ""));
      return new RateTable(name, List.of(), rejected, List.of());
    }
    Line first = lines.get(0);
    if (!first.cells().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList().equals(ExchangeRates.HEADER)) {
      rejected.add(new RejectedLine(0, name + " line " + first.number() + ": the header must be "
          + String.join(",", ExchangeRates.HEADER) + ": not a rate table, nothing in it was read", ""));
      return new RateTable(name, List.of(), rejected, List.of());
    }
    for (Line line : lines.subList(1, lines.size())) {
      Object outcome = parse(line);
      if (outcome instanceof RejectedLine bad) {
        rejected.add(bad);
        continue;
      }
      Rate rate = (Rate) outcome;
      String key = rate.currency() + " on " + rate.date();
      Rate earlier = byKey.remove(key);
      if (earlier != null) {
        repeated.computeIfAbsent(key, k -> new ArrayList<>(List.of(earlier.line()))).add(rate.line());
        String same = earlier.unitsPerEur().compareTo(rate.unitsPerEur()) == 0
            ? "the same rate " + plain(rate.unitsPerEur())
            : plain(rate.unitsPerEur()) + ", not " + plain(earlier.unitsPerEur());
        rejected.add(new RejectedLine(earlier.line(), key + " is given again at line " + rate.line() + " (" + same
            + "): one rate per currency and date, the later line's is kept; delete the line that is wrong",
            lineByKey.get(key).raw()));
      }
      byKey.put(key, rate);
      lineByKey.put(key, line);
    }
    List<String> notes = new ArrayList<>();
    repeated.forEach((key, at) -> notes.add(name + ": " + key + " is given " + at.size() + " times (lines "
        + String.join(", ", at.stream().map(String::valueOf).toList()) + "): line " + at.get(at.size() - 1) + " is kept"));
    List<Rate> kept = new ArrayList<>(byKey.values());
    kept.sort(Comparator.comparingLong(Rate::line));
    rejected.sort(Comparator.comparingLong(RejectedLine::line));
    return new RateTable(name, kept, rejected, notes);
  }

  /** A rate or a rejected line. */
  private static Object parse(Line input) {
    long number = input.number();
    String line = input.raw();
    List<String> cells = input.cells().stream().map(String::strip).toList();
    if (cells.size() != 3) {
      return new RejectedLine(number, "expected 3 columns (rate_date, currency, units_per_eur), found " + cells.size(), line);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(cells.get(0));
    } catch (DateTimeParseException e) {
      return new RejectedLine(number, "column rate_date: '" + cells.get(0) + "' is not a date YYYY-MM-DD", line);
    }
    String currency = cells.get(1).toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(currency).matches()) {
      return new RejectedLine(number, "column currency: '" + cells.get(1) + "' is not an ISO 4217 code", line);
    }
    String text = cells.get(2);
    if (!DECIMAL.matcher(text).matches()) {
      String what = text.matches("(?i)[+-]?(inf(inity)?|nan)") ? " (infinity and NaN are no rate)"
          : text.startsWith("-") ? " (a rate is positive)" : text.contains(",") ? " (write the decimal with a point)" : "";
      return new RejectedLine(number, "column units_per_eur: '" + text + "' is not a positive number" + what, line);
    }
    BigDecimal rate = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
    if (rate.signum() <= 0) {
      return new RejectedLine(number, "column units_per_eur: " + text + " is not a rate: units of " + currency
          + " per euro are above 0", line);
    }
    if (rate.compareTo(LIMIT) > 0) {
      return new RejectedLine(number, "column units_per_eur: " + text + " is beyond 10^15 units per euro: no currency"
          + " is worth that little; correct the rate", line);
    }
    return new Rate(number, date, currency, rate);
  }

  private static List<String> cells(String line, char separator) {
    List<String> cells = new ArrayList<>();
    for (String cell : line.split(Pattern.quote(String.valueOf(separator)), -1)) {
      String c = cell.strip();
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1).strip();
      }
      cells.add(c);
    }
    return cells;
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  public String name() {
    return name;
  }

  /** The usable rates, one per currency and date, in file order. */
  public List<Rate> rates() {
    return rates;
  }

  /** The lines that give no rate, by line number. */
  public List<RejectedLine> rejected() {
    return rejected;
  }

  /** What the load report should say about the table besides its rejected lines (repeated rates). */
  public List<String> notes() {
    return notes;
  }
}
