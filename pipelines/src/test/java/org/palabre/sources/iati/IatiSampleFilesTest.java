package org.palabre.sources.iati;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palabre.money.EurAmount;
import org.palabre.money.ExchangeRates;
import org.palabre.money.RateNotFoundException;

/**
 * The IATI files of {@code data-samples/} read and convert as intended, deliberate faults
 * included: what `palabre run` will load from them.
 */
class IatiSampleFilesTest {

  private static final Path SAMPLES =
      Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");

  private static CollectingSink read(String file, IatiParseReport expected) throws Exception {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report = new IatiActivityParser().parse(SAMPLES.resolve("iati").resolve(file), sink);
    assertEquals(expected, report, file);
    return sink;
  }

  private static ExchangeRates rates() throws Exception {
    return ExchangeRates.load(SAMPLES.resolve("reference/exchange_rates.csv"));
  }

  /** Converts every accepted budget and transaction; returns the failures' messages. */
  private static List<String> conversionFailures(CollectingSink sink) throws Exception {
    ExchangeRates rates = rates();
    List<String> failures = new ArrayList<>();
    for (IatiRecord record : sink.accepted) {
      try {
        if (record instanceof IatiBudget b) {
          rates.toEur(b.value(), b.currency(), b.valueDate());
        } else if (record instanceof IatiTransaction t) {
          rates.toEur(t.value(), t.currency(), t.valueDate());
        }
      } catch (RateNotFoundException e) {
        failures.add(record.line() + ": " + e.getMessage());
      }
    }
    return failures;
  }

  @Test
  void afdSamusocialProgramme() throws Exception {
    CollectingSink sink =
        read("afd-samusocial-2022-2025.xml", new IatiParseReport(3, 0, 11, 0, 8, 1, 0, 0, true));

    assertEquals(
        List.of("FR-3-CZZ3012-01-BF", "FR-3-CZZ3012-01-CG", "FR-3-CZZ3012-01-SN"),
        sink.accepted(IatiActivity.class).stream().map(IatiActivity::iatiIdentifier).toList());
    assertEquals(
        List.of(
            new CollectingSink.Rejection(
                180,
                "transaction/value '1 2OO 000' is not a number (activity FR-3-CZZ3012-01-SN,"
                    + " transaction at line 180, iati-activity[3]/transaction[2])",
                sink.rejectionAt(180).raw())),
        sink.rejected);
    assertEquals(List.of(), conversionFailures(sink));

    ExchangeRates rates = rates();
    List<BigDecimal> burkinaBudgetsEur = new ArrayList<>();
    for (IatiBudget budget : sink.accepted(IatiBudget.class)) {
      if (budget.iatiIdentifier().endsWith("-BF")) {
        assertEquals("XOF", budget.currency());
        burkinaBudgetsEur.add(rates.toEur(budget.value(), "XOF", budget.valueDate()).valueEur());
      }
    }
    assertEquals(
        List.of(
            new BigDecimal("228673.53"),
            new BigDecimal("259163.33"),
            new BigDecimal("259163.33"),
            new BigDecimal("243918.43")),
        burkinaBudgetsEur);
    // currency="" on a Pointe-Noire expenditure falls back to the activity's EUR
    IatiTransaction pointeNoire =
        sink.accepted(IatiTransaction.class).stream()
            .filter(t -> "CG-2022-E".equals(t.ref()))
            .findFirst()
            .orElseThrow();
    assertEquals("EUR", pointeNoire.currency());
    assertEquals(new BigDecimal("198450.75"), pointeNoire.value());
  }

  @Test
  void gacMaliProjectInVersion201() throws Exception {
    CollectingSink sink =
        read(
            "gac-mali-decentralised-health-2010-2017.xml",
            new IatiParseReport(1, 0, 7, 0, 15, 0, 2, 0, true));

    IatiActivity mali = sink.accepted(IatiActivity.class).get(0);
    assertEquals("2.01", mali.standardVersion());
    assertEquals("Mali Decentralised Health Project (Kayes, Ségou, Sikasso)", mali.title());
    assertEquals("Global Affairs Canada", mali.reportingOrg().name());
    assertEquals(
        List.of("1 CA-3", "3 CA-3", "4 Université de Montréal"),
        mali.participatingOrgs().stream()
            .map(o -> o.role() + " " + (o.role().equals("4") ? o.name() : o.ref()))
            .toList());
    assertEquals(
        new BigDecimal("8655000"),
        sink.accepted(IatiBudget.class).stream()
            .map(IatiBudget::value)
            .reduce(BigDecimal.ZERO, BigDecimal::add));
    List<IatiTransaction> transactions = sink.accepted(IatiTransaction.class);
    assertEquals("C", transactions.get(0).transactionTypeAsReported());
    assertEquals("2", transactions.get(0).transactionType());
    assertEquals(new BigDecimal("8655000"), transactions.get(0).value());
    assertEquals(
        List.of("CAD"),
        transactions.stream().map(IatiTransaction::currency).distinct().toList());
    assertEquals(
        new BigDecimal("8450000"),
        transactions.stream()
            .filter(t -> t.transactionType().equals("3"))
            .map(IatiTransaction::value)
            .reduce(BigDecimal.ZERO, BigDecimal::add));
    assertEquals(List.of(), conversionFailures(sink));
    assertEquals(
        List.of("437", "468"),
        sink.accepted(IatiResultPeriod.class).stream()
            .map(p -> p.actual().toPlainString())
            .toList());
  }

  @Test
  void mdmOperationSourireWithPrivateDonors() throws Exception {
    CollectingSink sink =
        read(
            "mdm-operation-sourire-2022-2024.xml",
            new IatiParseReport(1, 0, 3, 0, 8, 1, 0, 0, true));

    List<IatiTransaction> incoming =
        sink.accepted(IatiTransaction.class).stream()
            .filter(t -> t.transactionType().equals("1"))
            .toList();
    assertEquals(
        List.of(
            "FR-RNA-SAMPLE-FSA 120000.00 EUR",
            "US-EIN-SAMPLE-SBF 85000 USD",
            "JP-SAMPLE-SHF 9500000 JPY",
            "NL-KVK-SAMPLE-SG 40000 EUR",
            "FR-RNA-SAMPLE-FSA 25000 EUR"),
        incoming.stream()
            .map(t -> t.providerOrg().ref() + " " + t.value().toPlainString() + " " + t.currency())
            .toList());
    assertEquals(
        "transaction/value 'a confirmer' is not a number (activity FR-RNA-SAMPLE-MDM-OPSOURIRE,"
            + " transaction at line 111, iati-activity[1]/transaction[9])",
        sink.rejectionAt(111).reason());
    assertEquals(1, sink.rejected.size());
    assertEquals(
        List.of(
            "104: no exchange rate for MGA in the rate table: add MGA rates to exchange_rates.csv"
                + " to value this amount"),
        conversionFailures(sink));

    EurAmount usd = rates().toEur(incoming.get(1).value(), "USD", incoming.get(1).valueDate());
    assertEquals(LocalDate.of(2022, 5, 1), usd.rateDate());
  }
}
