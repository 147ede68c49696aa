package org.palabre.sources.iati;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.palabre.lake.LakeTable;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Rejection;
import org.palabre.model.iati.IatiActivityRow;
import org.palabre.model.iati.IatiBudgetRow;
import org.palabre.model.iati.IatiParticipatingOrgRow;
import org.palabre.model.iati.IatiResultRow;
import org.palabre.model.iati.IatiTransactionRow;

/** {@link ReadIatiActivities} on a real Beam runner: lake rows, EUR values, rejections, file accounting. */
public class ReadIatiActivitiesTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  static final String RATES = """
      # rates for the test
      rate_date,currency,units_per_eur
      2023-01-01,USD,1.25
      2023-06-01,USD,1.10
      2023-01-01,XOF,655.957
      """;

  // line numbers matter: the activity starts on line 3, budgets on 13 and 18, transactions on 23, 28, 33, 38, the result period on 47
  static final String FUNDING = """
      <?xml version="1.0" encoding="UTF-8"?>
      <iati-activities version="2.03">
        <iati-activity default-currency="EUR">
          <iati-identifier>XM-TEST-1</iati-identifier>
          <reporting-org ref="FR-3" type="10"><narrative>Agence française de développement</narrative></reporting-org>
          <title><narrative>Street care in Dakar</narrative></title>
          <participating-org ref="FR-3" role="1"><narrative>Agence française de développement</narrative></participating-org>
          <participating-org role="4"><narrative>Samu Social Senegal</narrative></participating-org>
          <recipient-country code="SN" percentage="100"/>
          <activity-date type="1" iso-date="2023-01-01"/>
          <!-- budgets -->
          <!-- one in EUR, one in XOF -->
          <budget type="1" status="2">
            <period-start iso-date="2023-01-01"/>
            <period-end iso-date="2023-12-31"/>
            <value value-date="2023-01-01">1000</value>
          </budget>
          <budget type="2">
            <period-start iso-date="2023-01-01"/>
            <period-end iso-date="2023-12-31"/>
            <value currency="XOF" value-date="2023-03-15">655957</value>
          </budget>
          <transaction ref="T1">
            <transaction-type code="1"/>
            <transaction-date iso-date="2023-07-10"/>
            <value currency="USD">500</value>
          </transaction>
          <transaction ref="T2">
            <transaction-type code="3"/>
            <transaction-date iso-date="2023-08-01"/>
            <value currency="MGA" value-date="2023-08-01">1000</value>
          </transaction>
          <transaction ref="T3">
            <transaction-type code="4"/>
            <transaction-date iso-date="2023-08-01"/>
            <value>n/a</value>
          </transaction>
          <transaction ref="T4">
            <transaction-type code="D"/>
            <transaction-date iso-date="2022-12-01"/>
            <value currency="USD">100</value>
          </transaction>
          <result type="1">
            <title><narrative>People cared for</narrative></title>
            <indicator measure="1" ascending="1">
              <title><narrative>People met</narrative></title>
              <period>
                <period-start iso-date="2023-01-01"/>
                <period-end iso-date="2023-12-31"/>
                <target value="100"/>
                <actual value="120"/>
              </period>
            </indicator>
          </result>
        </iati-activity>
      </iati-activities>
      """;

  private InputFile write(String relative, String text) throws IOException {
    File file = new File(folder.getRoot(), relative);
    file.getParentFile().mkdirs();
    Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
    String family = relative.substring(0, relative.indexOf('/'));
    return new InputFile(file.getAbsolutePath(), family, relative, "sha-" + file.getName(), file.length());
  }

  private PCollectionTuple read(List<InputFile> files, List<InputFile> rates) {
    return pipeline
        .apply(Create.of(files).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadIatiActivities("run-1", rates));
  }

  private static final String SHA = "sha-funding.xml";
  private static final String FILE = "iati/funding.xml";

  @Test
  public void readsActivitiesConvertsMoneyAndRejectsWhatHasNoRateOrNoNumber() throws IOException {
    InputFile funding = write(FILE, FUNDING);
    InputFile rates = write("reference/taux.csv", RATES);

    PCollectionTuple lake = read(List.of(funding), List.of(rates));

    PAssert.that(lake.get(LakeTable.IATI_ACTIVITIES.tag())).containsInAnyOrder(
        new IatiActivityRow("run-1", SHA, "iati", FILE, 3, "iati-activity[1]", "XM-TEST-1", "2.03", "EUR", null, null, "FR-3", "10",
            "Agence française de développement", null, "Street care in Dakar", null, LocalDate.of(2023, 1, 1), null, null,
            null, "SN", "SN:100", "", "samusocial-sn", "implementing-org", "Samu Social Senegal"));
    PAssert.that(lake.get(LakeTable.IATI_PARTICIPATING_ORGS.tag())).containsInAnyOrder(
        new IatiParticipatingOrgRow("run-1", SHA, "iati", FILE, 3, "iati-activity[1]", "XM-TEST-1", 1, "FR-3", "1", null,
            "Agence française de développement", null),
        new IatiParticipatingOrgRow("run-1", SHA, "iati", FILE, 3, "iati-activity[1]", "XM-TEST-1", 2, null, "4", null, "Samu Social Senegal",
            "samusocial-sn"));
    LocalDate jan1 = LocalDate.of(2023, 1, 1);
    LocalDate dec31 = LocalDate.of(2023, 12, 31);
    PAssert.that(lake.get(LakeTable.IATI_BUDGETS.tag())).containsInAnyOrder(
        // EUR converts at 1 on its own value date
        new IatiBudgetRow("run-1", SHA, "iati", FILE, 13, "iati-activity[1]/budget[1]", 3, "iati-activity[1]", "XM-TEST-1", "1", "2", jan1, dec31, 1000, "1000", "EUR",
            jan1, 1000, 1, jan1),
        // XOF 655,957 on 15 March at the closest earlier rate (1 January): 1,000 EUR
        new IatiBudgetRow("run-1", SHA, "iati", FILE, 18, "iati-activity[1]/budget[2]", 3, "iati-activity[1]", "XM-TEST-1", "2", "1", jan1, dec31, 655957, "655957", "XOF",
            LocalDate.of(2023, 3, 15), 1000, 655.957, jan1));
    PAssert.that(lake.get(LakeTable.IATI_TRANSACTIONS.tag())).containsInAnyOrder(
        // no value date: the transaction date; USD 500 at the 1 June rate 1.10 = 454.545... -> 454.55
        new IatiTransactionRow("run-1", SHA, "iati", FILE, 23, "iati-activity[1]/transaction[1]", 3, "iati-activity[1]", "XM-TEST-1", "T1", "1", "1", LocalDate.of(2023, 7, 10),
            500, "500", "USD", LocalDate.of(2023, 7, 10), 454.55, 1.10, LocalDate.of(2023, 6, 1), null, null, null, null,
            null, null, null));
    PAssert.that(lake.get(LakeTable.IATI_RESULTS.tag())).containsInAnyOrder(
        new IatiResultRow("run-1", SHA, "iati", FILE, 47, "iati-activity[1]/result[1]/indicator[1]/period[1]", 3, "iati-activity[1]",
            "XM-TEST-1", "1", "People cared for", "1", true, "People met",
            null, null, null, jan1, dec31, 100.0, 120.0));
    PAssert.that(lake.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rows -> {
      List<String> seen = new ArrayList<>();
      for (Rejection r : rows) {
        seen.add(r.sourceLine() + " " + r.reason());
        assertEquals(FILE, r.sourceFile());
        assertTrue(r.raw(), r.raw().startsWith("<transaction"));
      }
      seen.sort(null);
      assertEquals(3, seen.size());
      assertEquals("28 transaction value 1000 MGA of 2023-08-01 not converted to EUR: no exchange rate for MGA in the rate"
          + " table: add MGA rates to exchange_rates.csv to value this amount. Add a MGA rate dated on or before 2023-08-01"
          + " to the rate table in reference/ (rate_date,currency,units_per_eur) and deliver again (activity XM-TEST-1,"
          + " transaction at line 28, iati-activity[1]/transaction[2])", seen.get(0));
      assertTrue(seen.get(1), seen.get(1).startsWith("33 transaction/value 'n/a' is not a number"));
      assertEquals("38 transaction value 100 USD of 2022-12-01 not converted to EUR: no exchange rate for USD on or before"
          + " 2022-12-01: the table starts on 2023-01-01. Add a USD rate dated on or before 2022-12-01 to the rate table in"
          + " reference/ (rate_date,currency,units_per_eur) and deliver again (activity XM-TEST-1, transaction at line 38,"
          + " iati-activity[1]/transaction[4])",
          seen.get(2));
      return null;
    });
    // rows: 1 activity + 2 budgets + 4 transactions + 1 result period = 8; records: 5 loaded + 2 participating orgs
    PAssert.that(lake.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-1", SHA, "iati", FILE, "IATI activities 2.03", "UTF-8", "", 8, 5, 3, 7,
            "values not converted for want of a rate: MGA on 2023-08-01, USD on 2022-12-01; add rates to the rate table in"
                + " reference/"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void withoutARateTableOnlyEurLoadsAndAFileThatIsNoIatiIsRejectedWhole() throws IOException {
    InputFile funding = write(FILE, FUNDING);
    InputFile notIati = write("iati/other.xml", "<?xml version=\"1.0\"?>\n<report><row/></report>\n");

    PCollectionTuple lake = read(List.of(funding, notIati), List.of());

    PAssert.that(lake.get(LakeTable.IATI_BUDGETS.tag())).satisfies(rows -> {
      List<String> currencies = new ArrayList<>();
      rows.forEach(b -> currencies.add(b.currency() + " " + b.valueEur()));
      assertEquals(List.of("EUR 1000.0"), currencies);
      return null;
    });
    PAssert.that(lake.get(LakeTable.IATI_TRANSACTIONS.tag())).empty();
    PAssert.that(lake.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rows -> {
      int other = 0;
      int funding2 = 0;
      for (Rejection r : rows) {
        if (r.sourceFile().equals("iati/other.xml")) {
          other++;
          assertEquals(0, r.sourceLine());
          assertTrue(r.reason(), r.reason().startsWith("root element is <report>"));
        } else {
          funding2++;
        }
      }
      assertEquals(1, other);
      assertEquals("XOF budget, USD x2, MGA and the bad number", 5, funding2);
      return null;
    });
    PAssert.that(lake.get(LakeTable.FILE_LOADS.tag())).satisfies(loads -> {
      for (FileLoad load : loads) {
        assertTrue(load.toString(), load.balanced());
        if (load.sourceFile().equals("iati/other.xml")) {
          assertEquals(1, load.rowsRead());
          assertEquals(1, load.rowsRejected());
        } else {
          assertEquals(8, load.rowsRead());
          assertEquals(3, load.rowsLoaded());
        }
      }
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
