package org.palabre.sources.iati;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palabre.sources.iati.CollectingSink.Rejection;
import org.palabre.sources.iati.IatiActivity.ParticipatingOrg;
import org.palabre.sources.iati.IatiActivity.RecipientCountry;
import org.palabre.sources.iati.IatiActivity.ReportingOrg;
import org.palabre.sources.iati.IatiActivity.Sector;
import org.palabre.sources.iati.IatiTransaction.Party;

class IatiActivityParserTest {

  private final IatiActivityParser parser = new IatiActivityParser();

  private IatiParseReport parse(String fixture, CollectingSink sink) {
    try (InputStream in = getClass().getResourceAsStream("/iati/" + fixture)) {
      if (in == null) {
        throw new IllegalStateException("fixture missing: " + fixture);
      }
      return parser.parse(in, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  private static LocalDate date(String value) {
    return LocalDate.parse(value);
  }

  @Test
  void readsBomCrlfCommentsNamespacesAndPrefersEnglishNarratives() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report = parse("bom-crlf-namespaces.xml", sink);

    assertEquals(new IatiParseReport(1, 0, 1, 0, 1, 0, 2, 0, true), report);
    assertEquals(List.of(), sink.rejected);
    assertEquals(
        List.of(
            new IatiActivity(
                "FR-3-TEST-BF-001",
                5,
                "iati-activity[1]",
                "2.03",
                "XOF",
                "2024-01-31T17:45:00+01:00",
                "2024-01-31 16:45:00.000",
                new ReportingOrg("FR-3", "10", "French Development Agency"),
                "Street care in Ouagadougou",
                List.of(
                    new ParticipatingOrg("FR-3", "1", "10", "AFD"),
                    new ParticipatingOrg("BF-SAMU-01", "4", "22", "Samusocial Burkina Faso")),
                List.of(new RecipientCountry("BF", dec("100"))),
                List.of(),
                List.of(new Sector("12220", "1", dec("60")), new Sector("7.4", "2", dec("40"))),
                "2",
                date("2022-01-01"),
                date("2022-03-15"),
                date("2025-12-31"),
                null)),
        sink.accepted(IatiActivity.class));
    assertEquals(
        List.of(
            new IatiBudget(
                "FR-3-TEST-BF-001",
                30,
                "iati-activity[1]/budget[1]",
                "1",
                "2",
                date("2022-01-01"),
                date("2022-12-31"),
                dec("150000000"),
                "XOF",
                date("2022-01-01"))),
        sink.accepted(IatiBudget.class));
    assertEquals(
        List.of(
            new IatiTransaction(
                "FR-3-TEST-BF-001",
                36,
                "iati-activity[1]/transaction[1]",
                "BF-2022-03",
                "4",
                "4",
                date("2022-06-30"),
                dec("12500000"),
                "XOF",
                date("2022-06-30"),
                new Party("FR-3", "FR-3-TEST-PROG", "AFD"),
                new Party("BF-SAMU-01", "FR-3-TEST-BF-001", "Samusocial Burkina Faso (EN)"),
                "Maraudes de nuit")),
        sink.accepted(IatiTransaction.class));
    assertEquals(
        List.of(
            new IatiResultPeriod(
                "FR-3-TEST-BF-001", 53, "iati-activity[1]/result[1]/indicator[1]/period[1]", "1", "Personnes prises en charge", "1", true,
                "People cared for", 2021, date("2021-12-31"), dec("1200"),
                date("2022-01-01"), date("2022-12-31"), dec("1500"), dec("1640")),
            new IatiResultPeriod(
                "FR-3-TEST-BF-001", 59, "iati-activity[1]/result[1]/indicator[1]/period[2]", "1", "Personnes prises en charge", "1", true,
                "People cared for", 2021, date("2021-12-31"), dec("1200"),
                date("2023-01-01"), date("2023-12-31"), dec("1800"), null)),
        sink.accepted(IatiResultPeriod.class));
    // the activity comes first, then its budgets, transactions and result periods
    assertTrue(sink.accepted.get(0) instanceof IatiActivity);
  }

  @Test
  void activityVersionOverridesFileVersionAndLetterCodesAreMapped() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report = parse("mixed-versions.xml", sink);

    assertEquals(new IatiParseReport(3, 1, 0, 1, 6, 3, 0, 0, true), report);
    assertEquals(
        List.of("XM-TEST-202/2.02", "CA-3-TEST-201/2.01", "US-TEST-105/1.05"),
        sink.accepted(IatiActivity.class).stream()
            .map(a -> a.iatiIdentifier() + "/" + a.standardVersion())
            .toList());
    assertEquals(
        List.of(
            "7 XM-TEST-202 11<-11 5000 EUR",
            "16 CA-3-TEST-201 3<-D 250000 CAD",
            "21 CA-3-TEST-201 1<-IF 300000 CAD",
            "26 CA-3-TEST-201 9<-QS 1000 CAD",
            "31 CA-3-TEST-201 10<-CG 2000 CAD",
            "55 US-TEST-105 2<-C 75000 USD"),
        sink.accepted(IatiTransaction.class).stream()
            .map(
                t ->
                    t.line() + " " + t.iatiIdentifier() + " " + t.transactionType() + "<-"
                        + t.transactionTypeAsReported() + " " + t.value().toPlainString() + " "
                        + t.currency())
            .toList());

    assertEquals(List.of(36L, 41L, 61L, 63L, 68L), sink.rejectedLines());
    String choices = "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 (1.0x: IF, C, D, E, IR, LR, R, QP, QS, CG)";
    assertEquals(
        "transaction-type/@code 'PE' is not in the IATI TransactionType codelist: " + choices
            + " (activity CA-3-TEST-201, transaction at line 36, iati-activity[2]/transaction[5])",
        sink.rejectionAt(36).reason());
    assertEquals(
        "transaction-type/@code '14' is not in the IATI TransactionType codelist: " + choices
            + " (activity CA-3-TEST-201, transaction at line 41, iati-activity[2]/transaction[6])",
        sink.rejectionAt(41).reason());
    String future =
        "activity XM-TEST-FUTURE declares IATI version '3.01', which is not in the IATI Version"
            + " codelist (1.01-1.05, 2.01-2.03)";
    assertEquals("activity rejected (iati-activity[4]): " + future, sink.rejectionAt(61).reason());
    assertEquals(
        "<iati-activity version=\"3.01\" default-currency=\"EUR\">", sink.rejectionAt(61).raw());
    assertEquals(
        "budget at line 63 (iati-activity[4]/budget[1]) rejected with its activity: " + future, sink.rejectionAt(63).reason());
    assertEquals(
        "transaction at line 68 (iati-activity[4]/transaction[1]) rejected with its activity: " + future,
        sink.rejectionAt(68).reason());
  }

  @Test
  void readsVersionOneStyleTextAndCodes() {
    CollectingSink sink = new CollectingSink();
    parse("mixed-versions.xml", sink);

    IatiActivity old = sink.accepted(IatiActivity.class).get(2);
    assertEquals(47, old.line());
    assertEquals(new ReportingOrg("US-TEST", "21", "Old Style Reporter"), old.reportingOrg());
    assertEquals("Title written directly in the element", old.title());
    assertEquals(
        List.of(
            new ParticipatingOrg("US-TEST-DONOR", "1", "60", "A Foundation"),
            new ParticipatingOrg(null, "4", null, "A local partner")),
        old.participatingOrgs());
    assertEquals(date("2012-01-01"), old.plannedStart());
    assertEquals(null, old.actualStart());
    assertEquals(null, old.plannedEnd());
    assertEquals(date("2013-06-30"), old.actualEnd());
  }

  @Test
  void currencyFallbacksAndValueFormats() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report = parse("currencies-and-values.xml", sink);

    assertEquals(new IatiParseReport(2, 2, 3, 2, 2, 10, 0, 0, true), report);
    assertEquals(
        List.of(
            new IatiBudget("XM-TEST-VALUES", 6, "iati-activity[1]/budget[1]", "1", "1", date("2023-01-01"), date("2023-12-31"),
                dec("1500000"), "EUR", date("2023-01-01")),
            new IatiBudget("XM-TEST-VALUES", 11, "iati-activity[1]/budget[2]", "2", "1", date("2024-01-01"), date("2024-12-31"),
                dec("2500.50"), "USD", date("2024-01-01")),
            new IatiBudget("XM-TEST-NO-DEFAULT", 67, "iati-activity[2]/budget[1]", "1", "1", date("2023-01-01"),
                date("2023-12-31"), dec("800"), "GBP", date("2023-01-01"))),
        sink.accepted(IatiBudget.class));
    assertEquals(
        List.of(
            new IatiTransaction("XM-TEST-VALUES", 21, "iati-activity[1]/transaction[1]", "T1", "3", "3", date("2023-05-02"),
                dec("1234567.89"), "EUR", date("2023-05-01"), null, null, null),
            new IatiTransaction("XM-TEST-VALUES", 59, "iati-activity[1]/transaction[9]", "T9", "1", "1", date("2023-05-10"),
                dec("-7.5"), "EUR", date("2023-05-10"), null, null, null)),
        sink.accepted(IatiTransaction.class));
  }

  @Test
  void aTransactionAfterTheRunDateIsRejectedAndBudgetsAreForecastsThatLoad() {
    String xml = """
        <iati-activities version="2.03"><iati-activity default-currency="EUR">
        <iati-identifier>XM-TEST-FUTURE</iati-identifier>
        <budget type="1" status="1"><period-start iso-date="2099-01-01"/><period-end iso-date="2099-12-31"/>
        <value value-date="2099-01-01">100</value></budget>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2099-05-02"/><value>10</value></transaction>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2026-11-02"/><value>20</value></transaction>
        </iati-activity></iati-activities>
        """;
    CollectingSink sink = new CollectingSink();
    new IatiActivityParser().forRunDate(date("2026-12-01"))
        .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), sink);
    assertEquals(1, sink.accepted(IatiBudget.class).size(), "a planned budget is a forecast");
    assertEquals(List.of(date("2026-11-02")),
        sink.accepted(IatiTransaction.class).stream().map(IatiTransaction::transactionDate).toList());
    assertEquals(1, sink.rejected.size());
    assertTrue(sink.rejected.get(0).reason().contains("transaction-date/@iso-date 2099-05-02 is after the run date 2026-12-01:"
        + " check the year"), sink.rejected.get(0).reason());
  }

  @Test
  void badValuesAreRejectedWithReasonAndRawXml() {
    CollectingSink sink = new CollectingSink();
    parse("currencies-and-values.xml", sink);

    assertEquals(
        List.of(16L, 26L, 31L, 36L, 41L, 46L, 50L, 54L, 72L, 78L, 80L, 85L, 91L, 94L),
        sink.rejectedLines());
    String values = " (activity XM-TEST-VALUES, ";
    assertEquals(
        "budget period ends (2024-12-31) before it starts (2025-01-01)" + values
            + "budget at line 16, iati-activity[1]/budget[3])",
        sink.rejectionAt(16).reason());
    assertEquals(
        "transaction/value '1500,50' is not a number" + values + "transaction at line 26, iati-activity[1]/transaction[2])",
        sink.rejectionAt(26).reason());
    assertEquals(
        "transaction/value 'n/a' is not a number" + values + "transaction at line 31, iati-activity[1]/transaction[3])",
        sink.rejectionAt(31).reason());
    assertEquals(
        "<transaction ref=\"T3\"><transaction-type code=\"4\"></transaction-type>"
            + "<transaction-date iso-date=\"2023-05-04\"></transaction-date>"
            + "<value value-date=\"2023-05-04\">n/a</value></transaction>",
        sink.rejectionAt(31).raw());
    assertEquals(
        "transaction/value is empty" + values + "transaction at line 36, iati-activity[1]/transaction[4])",
        sink.rejectionAt(36).reason());
    assertEquals(
        "transaction/value/@currency 'Euro' is not an ISO 4217 currency code" + values
            + "transaction at line 41, iati-activity[1]/transaction[5])",
        sink.rejectionAt(41).reason());
    assertEquals(
        "transaction has no transaction-type/@code" + values + "transaction at line 46, iati-activity[1]/transaction[6])",
        sink.rejectionAt(46).reason());
    assertEquals(
        "transaction-date/@iso-date is missing" + values + "transaction at line 50, iati-activity[1]/transaction[7])",
        sink.rejectionAt(50).reason());
    assertEquals(
        "transaction-date/@iso-date '2023-02-30' is not a date (YYYY-MM-DD)" + values
            + "transaction at line 54, iati-activity[1]/transaction[8])",
        sink.rejectionAt(54).reason());
    assertEquals(
        "transaction/value has no @currency and the activity has no @default-currency: the amount"
            + " cannot be valued (activity XM-TEST-NO-DEFAULT, transaction at line 72,"
            + " iati-activity[2]/transaction[1])",
        sink.rejectionAt(72).reason());
  }

  @Test
  void activityWithoutIdentifierOrWithUnreadableAttributeIsRejectedWithItsItems() {
    CollectingSink sink = new CollectingSink();
    parse("currencies-and-values.xml", sink);

    String noId = "iati-activity at line 78 has no iati-identifier";
    assertEquals("activity rejected (iati-activity[3]): " + noId, sink.rejectionAt(78).reason());
    assertEquals("<iati-activity default-currency=\"EUR\">", sink.rejectionAt(78).raw());
    assertEquals("budget at line 80 (iati-activity[3]/budget[1]) rejected with its activity: " + noId, sink.rejectionAt(80).reason());
    assertEquals(
        "transaction at line 85 (iati-activity[3]/transaction[1]) rejected with its activity: " + noId,
        sink.rejectionAt(85).reason());
    String badPercent =
        "activity XM-TEST-BAD-PERCENT: recipient-country/@percentage 'about half' is not a number"
            + " (line 93)";
    assertEquals("activity rejected (iati-activity[4]): " + badPercent, sink.rejectionAt(91).reason());
    assertEquals(
        "transaction at line 94 (iati-activity[4]/transaction[1]) rejected with its activity: " + badPercent,
        sink.rejectionAt(94).reason());
    assertEquals(
        List.of("XM-TEST-VALUES", "XM-TEST-NO-DEFAULT"),
        sink.accepted(IatiActivity.class).stream().map(IatiActivity::iatiIdentifier).toList());
  }

  @Test
  void billionLaughsIsRefusedWithoutExpansion() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> parse("doctype-billion-laughs.xml", sink));

    assertEquals(new IatiParseReport(0, 0, 0, 0, 0, 0, 0, 0, false), report);
    assertEquals(List.of(), sink.accepted);
    assertEquals(1, sink.rejected.size());
    Rejection refusal = sink.rejected.get(0);
    assertEquals(0, refusal.line());
    assertEquals(
        "the file declares a DOCTYPE: DTDs and entity declarations are refused for security"
            + " (entity expansion, external entities) and IATI files never need one; nothing in"
            + " this file was read. Remove the DOCTYPE and deliver the file again",
        refusal.reason());
    assertFalse(refusal.raw().contains("lol"));
  }

  @Test
  void externalEntitiesAndExternalDtdsAreRefusedWithoutBeingFetched() {
    for (String fixture : List.of("doctype-xxe.xml", "doctype-external-dtd.xml")) {
      CollectingSink sink = new CollectingSink();
      IatiParseReport report = parse(fixture, sink);

      assertFalse(report.complete(), fixture);
      assertEquals(List.of(), sink.accepted, fixture);
      assertEquals(1, sink.rejected.size(), fixture);
      assertTrue(sink.rejected.get(0).reason().startsWith("the file declares a DOCTYPE"), fixture);
      assertFalse(sink.rejected.get(0).reason().contains("root:"), fixture);
    }
  }

  @Test
  void truncatedFileKeepsWhatWasReadAndSaysTheRestWasNot() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report = parse("truncated.xml", sink);

    assertEquals(new IatiParseReport(1, 0, 1, 0, 1, 0, 0, 0, false), report);
    assertEquals(
        List.of("XM-TEST-COMPLETE"),
        sink.accepted(IatiActivity.class).stream().map(IatiActivity::iatiIdentifier).toList());
    assertEquals(List.of(5L), sink.accepted(IatiBudget.class).stream().map(IatiBudget::line).toList());
    assertEquals(
        List.of(10L), sink.accepted(IatiTransaction.class).stream().map(IatiTransaction::line).toList());
    assertEquals(1, sink.rejected.size());
    Rejection cut = sink.rejected.get(0);
    assertEquals(26, cut.line());
    assertTrue(cut.reason().startsWith("malformed XML at line 26, column "), cut.reason());
    assertTrue(
        cut.reason()
            .endsWith(
                ". The rest of the file was not read; the activity starting at line 16"
                    + " (XM-TEST-CUT) was not loaded, nor its budgets and transactions"),
        cut.reason());
  }

  @Test
  void mismatchedTagGivesLineAndColumn() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report = parse("mismatched-tag.xml", sink);

    assertEquals(new IatiParseReport(1, 0, 0, 0, 0, 0, 0, 0, false), report);
    Rejection broken = sink.rejected.get(0);
    assertEquals(10, broken.line());
    assertTrue(broken.reason().startsWith("malformed XML at line 10, column "), broken.reason());
    assertTrue(broken.reason().contains("\"budget\""), broken.reason());
    assertTrue(broken.reason().contains("(XM-TEST-BROKEN)"), broken.reason());
  }

  @Test
  void organisationFileIsNotAnActivityFile() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report = parse("organisation-file.xml", sink);

    assertFalse(report.complete());
    assertEquals(List.of(), sink.accepted);
    assertEquals(
        List.of(
            new Rejection(
                0,
                "root element is <iati-organisations>, not <iati-activities> without namespace (or the IATI"
                    + " Datastore's <result> around it):"
                    + " not an IATI activity file; nothing in it was read",
                "<iati-organisations version=\"2.03\">")),
        sink.rejected);
  }

  @Test
  void recordsSurviveJavaSerialization() throws Exception {
    CollectingSink sink = new CollectingSink();
    parse("bom-crlf-namespaces.xml", sink);

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(new java.util.ArrayList<>(sink.accepted));
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(sink.accepted, in.readObject());
    }
    assertEquals(5, sink.accepted.size());
  }

  @Test
  void emptyInputIsMalformed() {
    CollectingSink sink = new CollectingSink();
    IatiParseReport report =
        parser.parse(new ByteArrayInputStream("".getBytes(StandardCharsets.UTF_8)), sink);

    assertFalse(report.complete());
    assertEquals(1, sink.rejected.size());
    assertTrue(sink.rejected.get(0).reason().startsWith("malformed XML"), sink.rejected.get(0).reason());
  }
}
