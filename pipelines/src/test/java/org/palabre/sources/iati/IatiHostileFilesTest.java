package org.palabre.sources.iati;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The hostile IATI files of {@code src/test/resources/iati/hostile/}: several budgets on one line, a
 * whole file on one line, an IATI Datastore download of several publishers, activities given twice,
 * values no amount can have. Every record's path is checked against the file with plain DOM + XPath:
 * it names exactly the element the record was read from, and no two records share one.
 */
class IatiHostileFilesTest {

  private static final XPath XPATH = XPathFactory.newInstance().newXPath();

  private static CollectingSink parse(String file) throws Exception {
    CollectingSink sink = new CollectingSink();
    try (InputStream in = IatiHostileFilesTest.class.getResourceAsStream("/iati/hostile/" + file)) {
      new IatiActivityParser().parse(in, sink);
    }
    return sink;
  }

  private static Document dom(String file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setNamespaceAware(true);
    try (InputStream in = IatiHostileFilesTest.class.getResourceAsStream("/iati/hostile/" + file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  /** The element a record's path names, found by XPath from the file's {@code iati-activities}. */
  private static Element at(Document dom, String path) throws Exception {
    org.w3c.dom.NodeList nodes = (org.w3c.dom.NodeList) XPATH.evaluate("//iati-activities/" + path, dom, XPathConstants.NODESET);
    assertEquals(1, nodes.getLength(), path + " names one element");
    return (Element) nodes.item(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"aecid-budgets-on-one-line.xml", "fcdo-minified-one-line.xml",
      "datastore-download-several-publishers.xml", "afd-export-2024.xml", "zz-afd-older-copy.xml", "impossible-values.xml"})
  void everyRecordsPathNamesTheElementItWasReadFromAndNoOtherRecordsPath(String file) throws Exception {
    CollectingSink sink = parse(file);
    Document dom = dom(file);
    Set<String> paths = new HashSet<>();
    for (IatiRecord record : sink.accepted) {
      assertTrue(paths.add(record.path()), file + ": two records at " + record.path());
      Element element = at(dom, record.path());
      String activityPath = record.path().contains("/") ? record.path().substring(0, record.path().indexOf('/')) : record.path();
      assertEquals(record.iatiIdentifier(), XPATH.evaluate("normalize-space(iati-identifier)", at(dom, activityPath)));
      if (record instanceof IatiBudget b) {
        assertEquals(0, b.value().compareTo(new BigDecimal(XPATH.evaluate("normalize-space(value)", element))), b.path());
        assertEquals(b.periodStart().toString(), XPATH.evaluate("period-start/@iso-date", element));
      } else if (record instanceof IatiTransaction t) {
        assertEquals(0, t.value().compareTo(new BigDecimal(XPATH.evaluate("normalize-space(value)", element))), t.path());
        assertEquals(t.transactionTypeAsReported(), XPATH.evaluate("transaction-type/@code", element));
      } else if (record instanceof IatiResultPeriod p) {
        assertEquals(p.periodStart().toString(), XPATH.evaluate("period-start/@iso-date", element));
      }
    }
    // every budget and transaction of the file is a record or a rejection
    int items = ((Number) XPATH.evaluate("count(//iati-activity/budget | //iati-activity/transaction)", dom, XPathConstants.NUMBER)).intValue();
    long records = sink.accepted.stream().filter(r -> r instanceof IatiBudget || r instanceof IatiTransaction).count();
    long rejected = sink.rejected.stream().filter(r -> r.raw().startsWith("<budget") || r.raw().startsWith("<transaction")).count();
    assertEquals(items, records + rejected, file);
  }

  @Test
  void fiveBudgetsAndFourTransactionsOnFourLinesAreNineRecords() throws Exception {
    CollectingSink sink = parse("aecid-budgets-on-one-line.xml");
    List<IatiBudget> budgets = sink.accepted(IatiBudget.class);
    assertEquals(List.of(11L, 11L, 11L, 12L, 12L, 16L), budgets.stream().map(IatiBudget::line).toList());
    assertEquals(List.of("iati-activity[1]/budget[1]", "iati-activity[1]/budget[2]", "iati-activity[1]/budget[3]",
        "iati-activity[1]/budget[4]", "iati-activity[1]/budget[5]", "iati-activity[2]/budget[1]"),
        budgets.stream().map(IatiBudget::path).toList());
    // two identical disbursements on one line are two disbursements
    assertEquals(List.of("2 13", "3 13", "3 13", "4 14", "3 16"),
        sink.accepted(IatiTransaction.class).stream().map(t -> t.transactionType() + " " + t.line()).toList());
    assertEquals(List.of(), sink.rejected);
  }

  @Test
  void aWholeFileOnOneLineKeepsItsActivitiesApart() throws Exception {
    CollectingSink sink = parse("fcdo-minified-one-line.xml");
    assertEquals(List.of("GB-GOV-1-300999-101 iati-activity[1]", "GB-GOV-1-300999-102 iati-activity[2]"),
        sink.accepted(IatiActivity.class).stream().map(a -> a.iatiIdentifier() + " " + a.path()).toList());
    assertTrue(sink.accepted.stream().allMatch(r -> r.line() == 1));
    assertEquals(5, sink.accepted(IatiBudget.class).size());
    assertEquals(6, sink.accepted(IatiTransaction.class).size());
    assertEquals("2024-01-05 12:00:00.000", sink.accepted(IatiActivity.class).get(0).lastUpdatedUtc());
  }

  @Test
  void aDatastoreDownloadOfSeveralPublishersIsReadWithEachActivitysVersion() throws Exception {
    CollectingSink sink = parse("datastore-download-several-publishers.xml");
    assertEquals(List.of(), sink.rejected);
    assertEquals(List.of(
            "NL-1-PPR-TEST-77 XM-DAC-7 2.03 2024-03-20 10:53:36.000",
            "GB-GOV-1-300888 GB-GOV-1 2.02 2024-03-01 09:00:00.000",
            "XM-DAC-41114-PROJECT-00123 XM-DAC-41114 2.01 2023-11-10 09:53:36.000",
            "XM-DAC-41114-PROJECT-00123 XM-DAC-7 2.03 2024-01-15 00:00:00.000",
            "GB-GOV-1-300888 GB-GOV-1 2.02 2023-12-01 09:00:00.000"),
        sink.accepted(IatiActivity.class).stream().map(a -> a.iatiIdentifier() + " " + a.reportingOrg().ref() + " "
            + a.standardVersion() + " " + a.lastUpdatedUtc()).toList());
    assertEquals(4, sink.accepted(IatiBudget.class).size(), "four activities have a budget, one has none");
  }

  @Test
  void valuesNoAmountOrCountCanHaveAreRejectedWithLineAndElement() throws Exception {
    CollectingSink sink = parse("impossible-values.xml");
    assertEquals(List.of("1000000000000000"),
        sink.accepted(IatiBudget.class).stream().map(b -> b.value().toPlainString()).toList());
    assertEquals(List.of("4200"), sink.accepted(IatiTransaction.class).stream().map(t -> t.value().toPlainString()).toList());
    assertEquals(List.of("2025-01-01"),
        sink.accepted(IatiResultPeriod.class).stream().map(p -> p.periodStart().toString()).toList());
    List<String> reasons = sink.rejected.stream().map(CollectingSink.Rejection::reason).toList();
    assertEquals(8, reasons.size(), String.join("\n", reasons));
    assertEquals("budget/value 'Infinity' is not a number (infinity and NaN are not values) (activity XM-TEST-IMPOSSIBLE,"
        + " budget at line 8, iati-activity[1]/budget[1])", reasons.get(0));
    assertTrue(reasons.get(1).startsWith("budget/value 'NaN' is not a number (infinity and NaN"), reasons.get(1));
    assertTrue(reasons.get(2).startsWith("budget/value '1e400' is not a number (an IATI value is a decimal without"
        + " exponent)"), reasons.get(2));
    assertEquals("budget/value '10000000000000001' is beyond ±10^15 (1,000,000,000,000,000): no amount or count is that"
        + " large; correct the value in the file (activity XM-TEST-IMPOSSIBLE, budget at line 11,"
        + " iati-activity[1]/budget[4])", reasons.get(3));
    assertTrue(reasons.get(4).startsWith("budget/value '-INF' is not a number"), reasons.get(4));
    assertTrue(reasons.get(5).startsWith("transaction/value '9999999999999999999999999999' is beyond ±10^15"), reasons.get(5));
    assertTrue(reasons.get(6).startsWith("period/target/@value '1e20' is not a number"), reasons.get(6));
    assertTrue(reasons.get(6).endsWith("result period at line 17, iati-activity[1]/result[1]/indicator[1]/period[1])"),
        reasons.get(6));
    assertTrue(reasons.get(7).startsWith("period/actual/@value 'Infinity' is not a number"), reasons.get(7));
  }
}
