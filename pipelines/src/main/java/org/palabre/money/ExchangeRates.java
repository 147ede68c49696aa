package org.palabre.money;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A dated table of exchange rates against the euro, and the conversion of amounts to EUR with it.
 * Palabre reports money in one currency (EUR); IATI budgets and transactions come in many.
 *
 * <p>The table is a CSV file (UTF-8; lines starting with {@code #} are comments) with the header
 * {@code rate_date,currency,units_per_eur}: how many units of {@code currency} one euro buys on
 * {@code rate_date} (ECB convention: USD 1.0813 means 1 EUR = 1.0813 USD; XOF 655.957 is the fixed
 * peg). An amount is converted at the rate of its value date or, when the table has no rate that
 * day, of the closest earlier date. EUR needs no row and converts at 1. A currency with no rate on
 * or before the value date fails with {@link RateNotFoundException}: there is no silent rate of 1;
 * an amount whose value in EUR would be beyond 10<sup>15</sup> fails with an
 * {@link ArithmeticException}.
 *
 * <p>The tables are read by {@link RateTable}: a bad line is left out on its own, with its line
 * number, and every other rate stays usable; {@link #notes()} says what was left out or chosen.
 *
 * <pre>{@code
 * ExchangeRates rates = ExchangeRates.load(Path.of("data-samples/reference/exchange_rates.csv"));
 * EurAmount eur = rates.toEur(new BigDecimal("1000000"), "XOF", LocalDate.of(2023, 3, 15));
 * // eur.valueEur() = 1524.49
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExchangeRates {

  /** The header the rate table must have. */
  public static final List<String> HEADER = List.of("rate_date", "currency", "units_per_eur");

  private final Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency;
  private final List<String> notes;

  private ExchangeRates(Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency, List<String> notes) {
    this.byCurrency = byCurrency;
    this.notes = List.copyOf(notes);
  }

  /** Loads a rate table file; see {@link RateTable} for its format and how bad lines are left out. */
  public static ExchangeRates load(Path csv) throws IOException {
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return load(reader, csv.toString());
    }
  }

  /**
   * Reads a rate table ({@code ,} or {@code ;} separated). A bad line leaves out that line only
   * ({@link #notes()} lists it with its line number); the other rates stay usable.
   */
  public static ExchangeRates load(Reader csv, String sourceName) throws IOException {
    StringWriter text = new StringWriter();
    csv.transferTo(text);
    return of(List.of(RateTable.read(sourceName, text.toString(), separatorOf(text.toString()))));
  }

  /** {@code ;} when the header line has it and no comma, else {@code ,}. */
  public static char separatorOf(String text) {
    for (String line : text.split("\r\n|\r|\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        return line.contains(";") && !line.contains(",") ? ';' : ',';
      }
    }
    return ',';
  }

  /**
   * The rates of several tables. A currency given two different rates on the same date by two
   * tables takes the rate of the table later in the list (callers sort tables by path: the name
   * that sorts last wins), and {@link #notes()} says which line was kept. No table means only EUR
   * can be valued.
   */
  public static ExchangeRates of(List<RateTable> tables) {
    Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new HashMap<>();
    Map<String, String> where = new HashMap<>();
    List<String> notes = new ArrayList<>();
    for (RateTable table : tables) {
      notes.addAll(table.notes());
      for (RateTable.RejectedLine bad : table.rejected()) {
        notes.add(table.name() + (bad.line() > 0 ? " line " + bad.line() + " left out: " : ": ") + bad.reason());
      }
      for (RateTable.Rate rate : table.rates()) {
        String key = rate.currency() + " on " + rate.date();
        String here = table.name() + " line " + rate.line();
        BigDecimal previous = rates.computeIfAbsent(rate.currency(), c -> new TreeMap<>()).put(rate.date(), rate.unitsPerEur());
        String before = where.put(key, here);
        if (previous != null && previous.compareTo(rate.unitsPerEur()) != 0) {
          notes.add(key + ": " + here + " (" + rate.unitsPerEur().toPlainString() + ") is kept over " + before + " ("
              + previous.toPlainString() + ")");
        }
      }
    }
    Map<String, NavigableMap<LocalDate, BigDecimal>> frozen = new HashMap<>();
    rates.forEach((currency, table) -> frozen.put(currency, Collections.unmodifiableNavigableMap(table)));
    return new ExchangeRates(Map.copyOf(frozen), notes);
  }

  /**
   * What the tables' readers left out or chose: rejected lines with their table and line number,
   * and which rate was kept where a currency and date were given twice. Empty for a clean table.
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * The rate (units per EUR) that applies to {@code currency} on {@code valueDate}: that day's, or
   * the closest earlier one. EUR is 1 on any date. Empty when the table has none.
   */
  public Optional<Entry<LocalDate, BigDecimal>> rateOn(String currency, LocalDate valueDate) {
    String code = currency.toUpperCase(Locale.ROOT);
    if (code.equals("EUR")) {
      return Optional.of(Map.entry(valueDate, BigDecimal.ONE));
    }
    NavigableMap<LocalDate, BigDecimal> table = byCurrency.get(code);
    return table == null ? Optional.empty() : Optional.ofNullable(table.floorEntry(valueDate));
  }

  /**
   * Converts an amount to EUR at the rate of its value date (or the closest earlier date).
   *
   * @throws RateNotFoundException when the currency has no rate on or before {@code valueDate}, or
   *     a currency or date is missing; its message is a rejection reason
   * @throws ArithmeticException when the value in EUR would be beyond 10^15 (a wrong rate or
   *     amount); its message is a rejection reason
   */
  public EurAmount toEur(BigDecimal value, String currency, LocalDate valueDate)
      throws RateNotFoundException {
    if (currency == null || currency.isBlank()) {
      throw new RateNotFoundException("no currency given: the amount " + value + " cannot be valued");
    }
    if (valueDate == null) {
      throw new RateNotFoundException(
          "no value date given for " + value + " " + currency + ": no rate can be chosen");
    }
    String code = currency.strip().toUpperCase(Locale.ROOT);
    Entry<LocalDate, BigDecimal> rate =
        rateOn(code, valueDate).orElseThrow(() -> missing(code, valueDate));
    BigDecimal eur =
        value.divide(rate.getValue(), MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_EVEN);
    if (eur.abs().compareTo(RateTable.LIMIT) > 0) {
      throw new ArithmeticException("at " + rate.getValue().toPlainString() + " " + code + " per euro (rate of "
          + rate.getKey() + ") the amount is " + eur.toPlainString() + " EUR, beyond 10^15: the rate or the amount is"
          + " wrong");
    }
    return new EurAmount(eur, rate.getValue(), rate.getKey());
  }

  private RateNotFoundException missing(String currency, LocalDate valueDate) {
    NavigableMap<LocalDate, BigDecimal> table = byCurrency.get(currency);
    if (table == null) {
      return new RateNotFoundException(
          "no exchange rate for " + currency + " in the rate table: add " + currency
              + " rates to exchange_rates.csv to value this amount");
    }
    return new RateNotFoundException(
        "no exchange rate for " + currency + " on or before " + valueDate + ": the table starts on "
            + table.firstKey());
  }
}
