package org.palabre.sources.iati;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads real IATI files kept outside the repository and checks, against an independent DOM +
 * XPath count made here, that every budget and transaction is accounted for: per activity and
 * currency, the same number and the same total.
 */
class IatiConformanceTest {

  private static Path folder;

  @BeforeAll
  static void findReferenceInputs() {
    folder =
        Path.of(System.getProperty("palabre.repoRoot", "."))
            .resolve("../shared/reference-inputs/iati")
            .normalize();
    Assumptions.assumeTrue(
        Files.isDirectory(folder),
        "reference inputs not found at " + folder.toAbsolutePath() + ": conformance test skipped");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "iati-official-example-annotated-v2.03.xml",
        "iaticloud-nl-mfa-13-activities-v2.03.xml"
      })
  void everyBudgetAndTransactionIsAccountedFor(String file) throws Exception {
    Path path = folder.resolve(file);
    Assumptions.assumeTrue(Files.isRegularFile(path), path + " missing: skipped");
    Document dom = readDom(path);
    XPath xpath = XPathFactory.newInstance().newXPath();

    Map<String, String> expectedBudgets = new TreeMap<>();
    Map<String, String> expectedTransactions = new TreeMap<>();
    Map<String, BigDecimal[]> budgetTotals = new TreeMap<>();
    Map<String, BigDecimal[]> transactionTotals = new TreeMap<>();
    NodeList activities =
        (NodeList) xpath.evaluate("/iati-activities/iati-activity", dom, XPathConstants.NODESET);
    int budgetCount = 0;
    int transactionCount = 0;
    for (int i = 0; i < activities.getLength(); i++) {
      Element activity = (Element) activities.item(i);
      String id = xpath.evaluate("normalize-space(iati-identifier)", activity);
      String defaultCurrency = activity.getAttribute("default-currency");
      NodeList budgets = (NodeList) xpath.evaluate("budget", activity, XPathConstants.NODESET);
      budgetCount += budgets.getLength();
      addCountsAndTotals(xpath, budgets, id, defaultCurrency, budgetTotals);
      NodeList transactions =
          (NodeList) xpath.evaluate("transaction", activity, XPathConstants.NODESET);
      transactionCount += transactions.getLength();
      addCountsAndTotals(xpath, transactions, id, defaultCurrency, transactionTotals);
    }
    budgetTotals.forEach((key, v) -> expectedBudgets.put(key, describe(v)));
    transactionTotals.forEach((key, v) -> expectedTransactions.put(key, describe(v)));

    CollectingSink sink = new CollectingSink();
    IatiParseReport report = new IatiActivityParser().parse(path, sink);

    assertTrue(report.complete());
    assertEquals(List.of(), sink.rejected, "these files are valid: nothing should be rejected");
    assertEquals(activities.getLength(), report.activitiesAccepted());
    assertEquals(budgetCount, report.budgetsAccepted() + report.budgetsRejected());
    assertEquals(transactionCount, report.transactionsAccepted() + report.transactionsRejected());
    assertEquals(
        expectedBudgets,
        totals(sink.accepted(IatiBudget.class), b -> b.iatiIdentifier() + " " + b.currency(),
            IatiBudget::value));
    assertEquals(
        expectedTransactions,
        totals(sink.accepted(IatiTransaction.class),
            t -> t.iatiIdentifier() + " " + t.currency(), IatiTransaction::value));
    assertFalse(expectedTransactions.isEmpty());
  }

  @Test
  void officialExampleFieldByField() throws Exception {
    Path path = folder.resolve("iati-official-example-annotated-v2.03.xml");
    Assumptions.assumeTrue(Files.isRegularFile(path), path + " missing: skipped");
    CollectingSink sink = new CollectingSink();
    new IatiActivityParser().parse(path, sink);

    IatiActivity activity = sink.accepted(IatiActivity.class).get(0);
    assertEquals("AA-AAA-123456789-ABC123", activity.iatiIdentifier());
    assertEquals(8, activity.line());
    assertEquals("USD", activity.defaultCurrency());
    assertEquals("Activity title", activity.title());
    assertEquals("Organisation name", activity.reportingOrg().name());
    assertEquals(
        List.of("1 BB-BBB-123456789", "2 CC-CCC-123456789", "3 AA-AAA-123456789"),
        activity.participatingOrgs().stream().map(o -> o.role() + " " + o.ref()).toList());
    assertEquals(2, activity.recipientCountries().size());
    assertEquals(
        List.of("489/1/25", "A1/99/25"),
        activity.recipientRegions().stream()
            .map(r -> r.code() + "/" + r.vocabulary() + "/" + r.percentage())
            .toList());
    assertEquals(LocalDate.of(2012, 4, 28), activity.actualStart());

    IatiTransaction transaction = sink.accepted(IatiTransaction.class).get(0);
    assertEquals("1", transaction.transactionType());
    assertEquals("EUR", transaction.currency());
    assertEquals(new BigDecimal("1000"), transaction.value());
    assertEquals("Transaction description text", transaction.description());
    assertEquals(
        new IatiTransaction.Party("BB-BBB-123456789", "BB-BBB-123456789-1234AA", "Agency B"),
        transaction.providerOrg());

    assertEquals(
        List.of(
            new IatiResultPeriod(
                "AA-AAA-123456789-ABC123",
                393,
                "iati-activity[1]/result[1]/indicator[1]/period[1]",
                "1", "Result title", "1", true, "Indicator title",
                2012, LocalDate.of(2012, 1, 1), new BigDecimal("10"),
                LocalDate.of(2013, 1, 1), LocalDate.of(2013, 3, 31),
                new BigDecimal("10"), new BigDecimal("11"))),
        sink.accepted(IatiResultPeriod.class));
  }

  private static void addCountsAndTotals(
      XPath xpath, NodeList items, String id, String defaultCurrency, Map<String, BigDecimal[]> out)
      throws Exception {
    for (int j = 0; j < items.getLength(); j++) {
      Element item = (Element) items.item(j);
      String currency = xpath.evaluate("value/@currency", item).strip();
      String key = id + " " + (currency.isEmpty() ? defaultCurrency : currency);
      BigDecimal value = new BigDecimal(xpath.evaluate("value", item).strip());
      BigDecimal[] countAndTotal =
          out.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      countAndTotal[0] = countAndTotal[0].add(BigDecimal.ONE);
      countAndTotal[1] = countAndTotal[1].add(value);
    }
  }

  private static <T> Map<String, String> totals(
      List<T> items, Function<T, String> key, Function<T, BigDecimal> value) {
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    for (T item : items) {
      BigDecimal[] countAndTotal =
          sums.computeIfAbsent(key.apply(item), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      countAndTotal[0] = countAndTotal[0].add(BigDecimal.ONE);
      countAndTotal[1] = countAndTotal[1].add(value.apply(item));
    }
    Map<String, String> described = new TreeMap<>();
    sums.forEach((k, v) -> described.put(k, describe(v)));
    return described;
  }

  private static String describe(BigDecimal[] countAndTotal) {
    return "count=" + countAndTotal[0] + " total=" + countAndTotal[1].stripTrailingZeros().toPlainString();
  }

  private static Document readDom(Path path) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setNamespaceAware(true);
    try (InputStream in = Files.newInputStream(path)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }
}
