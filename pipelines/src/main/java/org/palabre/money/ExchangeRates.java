package org.palabre.money;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A dated table of exchange rates against the euro, and the conversion of amounts to EUR with it.
 * Palabre reports money in one currency (EUR); IATI budgets and transactions come in many.
 *
 * <p>The table is a CSV file (UTF-8; lines starting with {@code #} are comments) with the header
 * {@code rate_date,currency,units_per_eur}: how many units of {@code currency} one euro buys on
 * {@code rate_date} (ECB convention: USD 1.0813 means 1 EUR = 1.0813 USD; XOF 655.957 is the fixed
 * peg). An amount is converted at the rate of its value date or, when the table has no rate that
 * day, of the closest earlier date. EUR needs no row and converts at 1. A currency with no rate on
 * or before the value date fails with {@link RateNotFoundException}: there is no silent rate of 1.
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

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency;

  private ExchangeRates(Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency) {
    this.byCurrency = byCurrency;
  }

  /** Loads a rate table file; see the class comment for its format. */
  public static ExchangeRates load(Path csv) throws IOException {
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return load(reader, csv.toString());
    }
  }

  /**
   * Reads a rate table. A malformed table is refused as a whole ({@link IllegalArgumentException}
   * naming the source and line), since every conversion depends on it.
   */
  public static ExchangeRates load(Reader csv, String sourceName) throws IOException {
    Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new HashMap<>();
    BufferedReader lines = new BufferedReader(csv);
    boolean headerSeen = false;
    int lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",", -1);
      for (int i = 0; i < cells.length; i++) {
        cells[i] = cells[i].strip();
      }
      if (!headerSeen) {
        if (!List.of(cells).equals(HEADER)) {
          throw new IllegalArgumentException(
              sourceName + " line " + lineNumber + ": header must be " + String.join(",", HEADER)
                  + ", found " + line);
        }
        headerSeen = true;
        continue;
      }
      if (cells.length != HEADER.size()) {
        throw new IllegalArgumentException(
            sourceName + " line " + lineNumber + ": expected 3 columns, found " + cells.length);
      }
      String where = sourceName + " line " + lineNumber + ": ";
      LocalDate date;
      try {
        date = LocalDate.parse(cells[0]);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(where + "rate_date '" + cells[0] + "' is not YYYY-MM-DD");
      }
      String currency = cells[1].toUpperCase(Locale.ROOT);
      if (!CURRENCY.matcher(currency).matches()) {
        throw new IllegalArgumentException(where + "currency '" + cells[1] + "' is not ISO 4217");
      }
      BigDecimal rate;
      try {
        rate = new BigDecimal(cells[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + "units_per_eur '" + cells[2] + "' is not a number");
      }
      if (rate.signum() <= 0) {
        throw new IllegalArgumentException(where + "units_per_eur must be positive, found " + rate);
      }
      BigDecimal previous = rates.computeIfAbsent(currency, c -> new TreeMap<>()).put(date, rate);
      if (previous != null && previous.compareTo(rate) != 0) {
        throw new IllegalArgumentException(
            where + currency + " has two rates on " + date + ": " + previous + " and " + rate);
      }
    }
    if (!headerSeen) {
      throw new IllegalArgumentException(sourceName + ": no header " + String.join(",", HEADER));
    }
    Map<String, NavigableMap<LocalDate, BigDecimal>> frozen = new HashMap<>();
    rates.forEach((currency, table) -> frozen.put(currency, Collections.unmodifiableNavigableMap(table)));
    return new ExchangeRates(Map.copyOf(frozen));
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
