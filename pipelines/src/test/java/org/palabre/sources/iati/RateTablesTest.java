package org.palabre.sources.iati;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.money.ExchangeRates;

class RateTablesTest {

  @TempDir Path input;

  @Test
  void rateTablesAreFoundByTheirHeaderNotTheirName() throws Exception {
    Files.createDirectories(input.resolve("reference/finance"));
    Files.writeString(input.resolve("reference/finance/taux 2024.csv"), "\uFEFF# comment\nrate_date, currency ,units_per_eur\n");
    Files.writeString(input.resolve("reference/advocacy_actions.csv"), "date,theme\n2024-01-01,x\n");
    Files.writeString(input.resolve("reference/notes.txt"), "rate_date,currency,units_per_eur\n");
    Files.writeString(input.resolve("reference/exchange_rates.csv"), "date,currency,rate\n");
    assertEquals(List.of(input.resolve("reference/finance/taux 2024.csv")), RateTables.find(input));
  }

  @Test
  void aRateSheetOfAWorkbookIsAContextTableAndValuesAmounts() throws Exception {
    Files.createDirectories(input.resolve("reference"));
    org.palabre.sources.workbooks.XlsxBuilder xlsx = new org.palabre.sources.workbooks.XlsxBuilder();
    int day = xlsx.style("dd/mm/yyyy");
    xlsx.sheet("Lisez-moi").text("A1", "Taux de la Banque centrale européenne");
    xlsx.sheet("Taux").text("A1", "Taux au premier du mois").text("A3", "rate_date").text("B3", "currency")
        .text("C3", "units_per_eur").date("A4", java.time.LocalDate.of(2024, 1, 1), day).text("B4", "USD")
        .formula("C4", "1.1", "n", "1.1", 0);
    Path workbook = xlsx.write(input.resolve("reference/taux.xlsx"));
    assertEquals(List.of(workbook), RateTables.find(input));
    org.palabre.money.ExchangeRates rates = org.palabre.money.ExchangeRates.of(
        org.palabre.sources.reference.RateSheets.of(workbook, "reference/taux.xlsx"));
    assertEquals(0, new java.math.BigDecimal("100").compareTo(
        rates.toEur(new java.math.BigDecimal("110"), "USD", java.time.LocalDate.of(2024, 2, 1)).valueEur()));
  }

  @Test
  void noReferenceFolderMeansNoRateTable() throws Exception {
    assertEquals(List.of(), RateTables.find(input));
  }

  @Test
  void tablesMergeAndTheTableThatSortsLastWinsAContradiction() throws Exception {
    ExchangeRates rates = RateTables.merge(List.of(
        new RateTables.Table("a.csv", "rate_date,currency,units_per_eur\n2023-01-01,USD,1.25\n"),
        new RateTables.Table("b.csv", "# b\nrate_date,currency,units_per_eur\n2023-01-01,XOF,655.957\n")));
    assertEquals(new BigDecimal("1000.00"),
        rates.toEur(new BigDecimal("655957"), "XOF", LocalDate.of(2023, 2, 1)).valueEur());
    assertEquals(new BigDecimal("80.00"), rates.toEur(new BigDecimal("100"), "USD", LocalDate.of(2023, 2, 1)).valueEur());
    assertEquals(new BigDecimal("5.00"), RateTables.merge(List.of()).toEur(new BigDecimal("5"), "EUR", LocalDate.now()).valueEur());
    ExchangeRates contradicted = RateTables.merge(List.of(
        new RateTables.Table("a.csv", "rate_date,currency,units_per_eur\n2023-01-01,USD,1.25\n"),
        new RateTables.Table("b.csv", "rate_date,currency,units_per_eur\n\n2023-01-01,USD,1.30\n")));
    assertEquals(new BigDecimal("100.00"), contradicted.toEur(new BigDecimal("130"), "USD", LocalDate.of(2023, 2, 1)).valueEur());
    assertEquals(List.of("USD on 2023-01-01: b.csv line 3 (1.30) is kept over a.csv line 2 (1.25)"), contradicted.notes());
  }

  @Test
  void oneNegativeRateLeavesOutItsLineOnlyWithTheLineOfItsOwnTable() throws Exception {
    ExchangeRates rates = RateTables.merge(List.of(
        new RateTables.Table("a.csv", "# comment\n\nrate_date,currency,units_per_eur\n2023-01-01,XOF,655.957\n"),
        new RateTables.Table("b.csv", "rate_date,currency,units_per_eur\n2023-01-01,USD,1.25\n2023-02-01,USD,-4\n")));
    assertEquals(new BigDecimal("80.00"), rates.toEur(new BigDecimal("100"), "USD", LocalDate.of(2023, 3, 1)).valueEur());
    assertEquals(List.of("b.csv line 3 left out: column units_per_eur: '-4' is not a positive number (a rate is positive)"),
        rates.notes());
  }
}
