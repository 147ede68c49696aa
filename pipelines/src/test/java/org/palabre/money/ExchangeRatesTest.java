package org.palabre.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExchangeRatesTest {

  private static final String TABLE =
      """
      # a comment line, then the header
      rate_date,currency,units_per_eur
      2023-01-01,XOF,655.957
      2023-03-01,XOF,655.957
      2023-01-01,USD,1.0500
      2023-02-01,USD,1.2345
      2023-03-01,USD,1.5
      """;

  private static ExchangeRates table() throws IOException {
    return ExchangeRates.load(new StringReader(TABLE), "test table");
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void convertsAtTheRateOfTheValueDate() throws Exception {
    assertEquals(
        new EurAmount(dec("166666.67"), dec("1.5"), LocalDate.of(2023, 3, 1)),
        table().toEur(dec("250000"), "USD", LocalDate.of(2023, 3, 1)));
  }

  @Test
  void usesTheClosestEarlierRateBetweenDates() throws Exception {
    assertEquals(
        new EurAmount(dec("10000.54"), dec("1.2345"), LocalDate.of(2023, 2, 1)),
        table().toEur(dec("12345.67"), "usd", LocalDate.of(2023, 2, 28)));
    assertEquals(
        new EurAmount(dec("1524.49"), dec("655.957"), LocalDate.of(2023, 3, 1)),
        table().toEur(dec("1000000"), "XOF", LocalDate.of(2024, 7, 14)));
  }

  @Test
  void euroIsOneOnAnyDateWithoutARow() throws Exception {
    assertEquals(
        new EurAmount(dec("1234.57"), BigDecimal.ONE, LocalDate.of(1999, 1, 4)),
        table().toEur(dec("1234.567"), "EUR", LocalDate.of(1999, 1, 4)));
  }

  @Test
  void currencyWithoutAnyRateFailsInsteadOfConvertingAtOne() throws Exception {
    ExchangeRates rates = table();
    RateNotFoundException missing =
        assertThrows(
            RateNotFoundException.class,
            () -> rates.toEur(dec("5000"), "MAD", LocalDate.of(2023, 3, 1)));
    assertEquals(
        "no exchange rate for MAD in the rate table: add MAD rates to exchange_rates.csv to value"
            + " this amount",
        missing.getMessage());
    assertEquals(Optional.empty(), rates.rateOn("MAD", LocalDate.of(2023, 3, 1)));
  }

  @Test
  void valueDateBeforeTheFirstRateFails() throws Exception {
    ExchangeRates rates = table();
    RateNotFoundException early =
        assertThrows(
            RateNotFoundException.class,
            () -> rates.toEur(dec("100"), "USD", LocalDate.of(2022, 12, 31)));
    assertEquals(
        "no exchange rate for USD on or before 2022-12-31: the table starts on 2023-01-01",
        early.getMessage());
    assertEquals(
        Optional.of(Map.entry(LocalDate.of(2023, 1, 1), dec("1.0500"))),
        rates.rateOn("USD", LocalDate.of(2023, 1, 1)));
  }

  @Test
  void missingCurrencyOrDateFails() throws Exception {
    ExchangeRates rates = table();
    assertEquals(
        "no value date given for 100 USD: no rate can be chosen",
        assertThrows(RateNotFoundException.class, () -> rates.toEur(dec("100"), "USD", null))
            .getMessage());
    assertEquals(
        "no currency given: the amount 100 cannot be valued",
        assertThrows(
                RateNotFoundException.class,
                () -> rates.toEur(dec("100"), " ", LocalDate.of(2023, 1, 1)))
            .getMessage());
  }

  @Test
  void malformedTablesAreRefusedWithTheLine() {
    assertEquals(
        "t line 1: header must be rate_date,currency,units_per_eur, found date,currency,rate",
        loadError("date,currency,rate\n"));
    assertEquals(
        "t line 3: USD has two rates on 2023-01-01: 1.05 and 1.06",
        loadError("rate_date,currency,units_per_eur\n2023-01-01,USD,1.05\n2023-01-01,USD,1.06\n"));
    assertEquals(
        "t line 2: units_per_eur must be positive, found 0",
        loadError("rate_date,currency,units_per_eur\n2023-01-01,USD,0\n"));
    assertEquals(
        "t line 2: rate_date '01/01/2023' is not YYYY-MM-DD",
        loadError("rate_date,currency,units_per_eur\n01/01/2023,USD,1.05\n"));
    assertEquals(
        "t line 2: units_per_eur 'abc' is not a number",
        loadError("rate_date,currency,units_per_eur\n2023-01-01,USD,abc\n"));
    assertEquals(
        "t line 2: expected 3 columns, found 4",
        loadError("rate_date,currency,units_per_eur\n2023-01-01,USD,1,05\n"));
    assertEquals("t: no header rate_date,currency,units_per_eur", loadError("# only a comment\n"));
  }

  private static String loadError(String csv) {
    return assertThrows(
            IllegalArgumentException.class, () -> ExchangeRates.load(new StringReader(csv), "t"))
        .getMessage();
  }

  /** The sample table: every month 2010-01 to 2026-12 for each currency, with plausible rates. */
  @Test
  void sampleRateTableCoversEveryMonthWithPlausibleRates() throws Exception {
    Path file =
        Path.of(System.getProperty("palabre.repoRoot", "."))
            .resolve("data-samples/reference/exchange_rates.csv");
    ExchangeRates rates = ExchangeRates.load(file);
    Map<String, List<BigDecimal>> plausible =
        Map.of(
            "XOF", List.of(dec("655.957"), dec("655.957")),
            "USD", List.of(dec("0.95"), dec("1.60")),
            "CAD", List.of(dec("1.20"), dec("1.70")),
            "GBP", List.of(dec("0.69"), dec("0.95")),
            "CHF", List.of(dec("0.90"), dec("1.65")),
            "JPY", List.of(dec("95"), dec("175")));
    for (String currency : plausible.keySet()) {
      for (LocalDate month = LocalDate.of(2010, 1, 1);
          !month.isAfter(LocalDate.of(2026, 12, 1));
          month = month.plusMonths(1)) {
        var rate = rates.rateOn(currency, month).orElseThrow();
        assertEquals(month, rate.getKey(), currency + " has no rate on " + month);
        BigDecimal low = plausible.get(currency).get(0);
        BigDecimal high = plausible.get(currency).get(1);
        assertTrue(
            rate.getValue().compareTo(low) >= 0 && rate.getValue().compareTo(high) <= 0,
            currency + " " + month + " " + rate.getValue());
      }
      assertEquals(Optional.empty(), rates.rateOn(currency, LocalDate.of(2009, 12, 31)));
    }
    long rows = Files.readAllLines(file).stream().filter(l -> l.matches("\\d{4}-.*")).count();
    assertEquals(17 * 12 * 6, rows);
  }
}
