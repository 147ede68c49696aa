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
  void aBadLineIsLeftOutWithItsLineNumberAndEveryOtherRateStillWorks() throws Exception {
    String csv = """
        # rates of the network
        rate_date,currency,units_per_eur

        2023-01-01,USD,1.05
        2023-01-01,GBP,-0.85
        2023-01-01,CHF,abc
        2023-01-01,JPY,Infinity
        2023-01-01,CAD,NaN
        2023-01-01,MAD,1e400
        2023-01-01,XAF,0
        01/01/2023,XOF,655.957
        2023-01-01,dollars,1.1
        2023-01-01,USD,1,05
        2023-01-01,XOF,655.957
        """;
    ExchangeRates rates = ExchangeRates.load(new StringReader(csv), "t.csv");
    assertEquals(dec("95.24"), rates.toEur(dec("100"), "USD", LocalDate.of(2023, 2, 1)).valueEur());
    assertEquals(dec("1000.00"), rates.toEur(dec("655957"), "XOF", LocalDate.of(2023, 2, 1)).valueEur());
    assertEquals(dec("7.00"), rates.toEur(dec("7"), "EUR", LocalDate.of(2023, 2, 1)).valueEur());
    for (String left : List.of("GBP", "CHF", "JPY", "CAD", "MAD", "XAF")) {
      assertThrows(RateNotFoundException.class, () -> rates.toEur(dec("1"), left, LocalDate.of(2023, 2, 1)), left);
    }
    assertEquals(List.of(
        "t.csv line 5 left out: column units_per_eur: '-0.85' is not a positive number (a rate is positive)",
        "t.csv line 6 left out: column units_per_eur: 'abc' is not a positive number",
        "t.csv line 7 left out: column units_per_eur: 'Infinity' is not a positive number (infinity and NaN are no rate)",
        "t.csv line 8 left out: column units_per_eur: 'NaN' is not a positive number (infinity and NaN are no rate)",
        "t.csv line 9 left out: column units_per_eur: 1e400 is beyond 10^15 units per euro: no currency is worth that"
            + " little; correct the rate",
        "t.csv line 10 left out: column units_per_eur: 0 is not a rate: units of XAF per euro are above 0",
        "t.csv line 11 left out: column rate_date: '01/01/2023' is not a date YYYY-MM-DD",
        "t.csv line 12 left out: column currency: 'dollars' is not an ISO 4217 code",
        "t.csv line 13 left out: expected 3 columns (rate_date, currency, units_per_eur), found 4"), rates.notes());
  }

  @Test
  void aCurrencyGivenTwiceOnOneDateKeepsTheLaterLineAndSaysSo() {
    RateTable table = RateTable.read("t.csv", "rate_date;currency;units_per_eur\n2023-01-01;USD;1.05\n"
        + "2023-01-01;GBP;0.85\n2023-01-01;USD;1.06\n", ';');
    assertEquals(List.of(new RateTable.Rate(3, LocalDate.of(2023, 1, 1), "GBP", dec("0.85")),
        new RateTable.Rate(4, LocalDate.of(2023, 1, 1), "USD", dec("1.06"))), table.rates());
    assertEquals(List.of(new RateTable.RejectedLine(2, "USD on 2023-01-01 is given again at line 4 (1.06, not 1.05): one"
        + " rate per currency and date, the later line's is kept; delete the line that is wrong", "2023-01-01;USD;1.05")),
        table.rejected());
    assertEquals(List.of("t.csv: USD on 2023-01-01 is given 2 times (lines 2, 4): line 4 is kept"), table.notes());
  }

  @Test
  void aTextWithoutTheHeaderGivesNoRate() {
    RateTable table = RateTable.read("t.csv", "date,currency,rate\n2023-01-01,USD,1.05\n", ',');
    assertEquals(List.of(), table.rates());
    assertEquals("t.csv line 1: the header must be rate_date,currency,units_per_eur: not a rate table, nothing in it"
        + " was read", table.rejected().get(0).reason());
    assertEquals("t.csv: no header rate_date,currency,units_per_eur: not a rate table, nothing in it was read",
        RateTable.read("t.csv", "# only a comment\n", ',').rejected().get(0).reason());
  }

  @Test
  void anAmountWhoseEuroValueWouldPassTenToTheFifteenIsRefused() throws Exception {
    ExchangeRates rates = ExchangeRates.load(new StringReader("rate_date,currency,units_per_eur\n2023-01-01,XTS,0.000001\n"), "t");
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> rates.toEur(dec("900000000000000"), "XTS", LocalDate.of(2023, 1, 2)));
    assertTrue(e.getMessage().contains("beyond 10^15"), e.getMessage());
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
