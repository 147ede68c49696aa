package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.RunningPalabre;
import org.palabre.db.DuckDb;

/**
 * A copy of {@code data-samples/} with hostile deliveries beside it, through one {@code palabre run}:
 * the IATI files of {@code src/test/resources/iati/hostile/} (several budgets on one line, a file on
 * one line, a Datastore download of several publishers, an activity given three times, impossible
 * values), a second rate table with a negative rate, words, infinity and a repeated currency and
 * date, amounts in that table's currency, and at the boundary a link to {@code /etc/passwd}, a link
 * out of the input, a broken link and a FIFO. The warehouse is published, every file reconciles
 * (rows read = loaded + rejected, and for IATI files rows read = the activities, budgets,
 * transactions and result periods the XML holds), and nothing from outside the input is stored.
 */
class HostileDeliveriesTest {

  @TempDir static Path dir;
  static Path input;
  static String output;
  static int exit;
  static Map<String, long[]> accounting = new TreeMap<>();
  static Map<String, String> warnings = new HashMap<>();
  static Map<String, String> reasons = new HashMap<>();

  @BeforeAll
  static void runOverSamplesAndHostileFiles() throws Exception {
    Path repo = Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
    input = dir.resolve("input");
    copy(repo.resolve("data-samples"), input);
    copy(resource("iati/hostile"), input.resolve("iati/hostile"));
    copy(resource("hostile-deliveries"), input);
    Files.createSymbolicLink(input.resolve("samusocial/passwd.csv"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(input.resolve("reference/outside.csv"), dir.resolve("outside.csv"));
    Files.writeString(dir.resolve("outside.csv"), "rate_date,currency,units_per_eur\n2023-01-01,XTS,99\n");
    Files.createSymbolicLink(input.resolve("iati/gone.xml"), input.resolve("iati/never-delivered.xml"));
    Process mkfifo = new ProcessBuilder("mkfifo", input.resolve("hxl/pipe.csv").toString()).start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");

    RunningPalabre.Outcome run = RunningPalabre.inProcess("run", "--input", input.toString(), "--lake",
        dir.resolve("lake").toString(), "--warehouse", dir.resolve("wh/p.duckdb").toString());
    exit = run.exit();
    output = run.output();
    try (Connection db = DuckDb.open(dir.resolve("wh/p.duckdb"), true); Statement st = db.createStatement()) {
      try (ResultSet rs = st.executeQuery("select source_file, rows_read, rows_loaded, rows_rejected, warnings from marts.load_report")) {
        while (rs.next()) {
          accounting.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
          warnings.put(rs.getString(1), rs.getString(5));
        }
      }
      try (ResultSet rs = st.executeQuery("select source_file, string_agg(source_line || ': ' || reason, ' | ' order by source_line)"
          + " from marts.rejected_rows group by 1")) {
        while (rs.next()) {
          reasons.put(rs.getString(1), rs.getString(2));
        }
      }
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(HostileDeliveriesTest.class.getClassLoader().getResource(name).toURI());
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  @Test
  void theWarehouseIsPublishedAndEveryFileReconciles() {
    assertEquals(0, exit, output);
    assertTrue(output.contains("Warehouse published"), output);
    assertFalse(output.contains("\tat ") || output.contains("Exception"), output);
    assertTrue(accounting.keySet().containsAll(List.of("iati/hostile/aecid-budgets-on-one-line.xml",
        "iati/hostile/datastore-download-several-publishers.xml", "iati/xts-test-currency.xml",
        "reference/rates_with_bad_lines.csv", "reference/exchange_rates.csv")), accounting.keySet().toString());
    accounting.forEach((file, a) -> assertEquals(a[0], a[1] + a[2], file + ": rows read = loaded + rejected"));
  }

  @Test
  void nothingOfAnIatiFileIsLost() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setNamespaceAware(true);
    var xpath = XPathFactory.newInstance().newXPath();
    try (Stream<Path> files = Files.walk(input.resolve("iati"))) {
      for (Path file : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".xml")).toList()) {
        String name = input.relativize(file).toString();
        try (InputStream in = Files.newInputStream(file)) {
          var dom = factory.newDocumentBuilder().parse(in);
          long rows = ((Number) xpath.evaluate("count(//iati-activities/iati-activity | //iati-activity/budget"
              + " | //iati-activity/transaction | //iati-activity/result/indicator/period)", dom, XPathConstants.NUMBER)).longValue();
          assertEquals(rows, accounting.get(name)[0], name + ": every activity, budget, transaction and result period is a row");
        }
      }
    }
  }

  @Test
  void aRateTablesBadLinesAreRejectedOneByOneAndItsOtherRatesWork() throws Exception {
    assertEquals(List.of(8L, 2L, 6L), List.of(accounting.get("reference/rates_with_bad_lines.csv")[0],
        accounting.get("reference/rates_with_bad_lines.csv")[1], accounting.get("reference/rates_with_bad_lines.csv")[2]));
    String bad = reasons.get("reference/rates_with_bad_lines.csv");
    for (String expected : List.of("5: column units_per_eur: '-1.5' is not a positive number (a rate is positive)",
        "6: column units_per_eur: 'deux' is not a positive number", "7: column units_per_eur: 'Infinity' is not a positive number",
        "8: column units_per_eur: 'NaN' is not a positive number", "9: column units_per_eur: 1e400 is beyond 10^15",
        "11: XTS on 2023-06-01 is given again at line 12 (2.6, not 2.5)")) {
      assertTrue(bad.contains(expected), expected + " in " + bad);
    }
    assertTrue(warnings.get("reference/rates_with_bad_lines.csv").contains("XTS on 2023-06-01 is given 2 times (lines 11, 12):"
        + " line 12 is kept"), warnings.get("reference/rates_with_bad_lines.csv"));
    // the IATI amounts convert with what the table kept: 1000 XTS at 2.0 and 1300 XTS at 2.6 are 500 EUR each
    try (Connection db = DuckDb.open(dir.resolve("wh/p.duckdb"), true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select list(value_eur order by value_date) from marts.funding_budgets"
            + " where iati_identifier = 'XM-TEST-XTS-1'")) {
      rs.next();
      assertEquals("[500.0, 500.0]", rs.getString(1));
    }
    assertTrue(reasons.get("iati/xts-test-currency.xml").contains("no exchange rate for XTS on or before 2022-12-31"),
        reasons.get("iati/xts-test-currency.xml"));
    assertTrue(warnings.get("iati/xts-test-currency.xml").contains("rate tables: ")
        && warnings.get("iati/xts-test-currency.xml").contains("reference/rates_with_bad_lines.csv line 5 left out"),
        warnings.get("iati/xts-test-currency.xml"));
    // and no amount of any file was rejected for the table's bad lines
    reasons.forEach((file, why) -> assertFalse(why.contains("the rate table cannot be read"), file + ": " + why));
  }

  @Test
  void theInputFolderIsTheBoundary() throws Exception {
    for (String expected : List.of("ignored samusocial/passwd.csv: a symbolic link that leads outside the input folder",
        "ignored reference/outside.csv: a symbolic link that leads outside the input folder",
        "ignored iati/gone.xml: a broken symbolic link", "ignored hxl/pipe.csv: not a regular file (a FIFO")) {
      assertTrue(output.contains(expected), expected + " in\n" + output);
    }
    try (Connection db = DuckDb.open(dir.resolve("wh/p.duckdb"), true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from marts.rejected_rows where raw like '%root:%' or raw like '%XTS,99%'")) {
      rs.next();
      assertEquals(0, rs.getLong(1), "nothing from outside the input is stored");
    }
    try (Connection db = DuckDb.open(dir.resolve("wh/p.duckdb"), true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from marts.load_report where source_file in"
            + " ('samusocial/passwd.csv', 'reference/outside.csv', 'hxl/pipe.csv', 'iati/gone.xml')")) {
      rs.next();
      assertEquals(0, rs.getLong(1));
    }
  }

  @Test
  void impossibleValuesAreRejectedAtReadTimeAndTheActivityGivenThreeTimesCountsOnce() throws Exception {
    String impossible = reasons.get("iati/hostile/impossible-values.xml");
    assertTrue(impossible.contains("8: budget/value 'Infinity' is not a number"), impossible);
    assertTrue(impossible.contains("is beyond ±10^15"), impossible);
    try (Connection db = DuckDb.open(dir.resolve("wh/p.duckdb"), true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select count(*) filter (where counts), count(*) from marts.funding_activities"
            + " where iati_identifier = 'FR-3-TEST-DUP-1'")) {
      rs.next();
      assertEquals(List.of(1L, 3L), List.of(rs.getLong(1), rs.getLong(2)));
    }
  }
}
