package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ReferenceInputs;
import org.palabre.ingest.IngestJob;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real IATI files of {@code ../shared/reference-inputs/iati/} (and the samples, which have bad
 * values on purpose) through the whole pipeline: ingest, lake, warehouse. Every budget and
 * transaction must be in {@code marts.funding_budgets} / {@code marts.funding_transactions} or in
 * {@code marts.rejected_rows} with a reason, and per file, activity and currency the count and the
 * total of marts + rejects must equal an independent DOM/XPath computation from the file.
 */
class IatiPipelineConformanceTest {

  @TempDir Path dir;

  private static final Pattern VALUE = Pattern.compile("<value([^>]*)>([^<]*)</value>");
  private static final Pattern CURRENCY = Pattern.compile("\\bcurrency=\"([^\"]*)\"");
  private static final Pattern ITEM_ACTIVITY = Pattern.compile("\\(activity (.+?), (?:budget|transaction) at line \\d+, [^)]*\\)");
  private static final Pattern WHOLE_ACTIVITY = Pattern.compile("rejected with its activity: activity (\\S+?)[:,]?\\s");

  @Test
  void everyBudgetAndTransactionIsInTheMartsOrTheRejectsAndTotalsMatchTheXml() throws Exception {
    Path reference = ReferenceInputs.folder("iati");
    Path repo = Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
    Path input = dir.resolve("input");
    Files.createDirectories(input.resolve("iati/reference-inputs"));
    Files.createDirectories(input.resolve("iati/samples"));
    Files.createDirectories(input.resolve("reference"));
    List<String> files = new ArrayList<>();
    Set<String> referenceCurrencies = new TreeSet<>();
    try (Stream<Path> xml = Files.list(reference)) {
      for (Path file : xml.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
        Files.copy(file, input.resolve("iati/reference-inputs").resolve(file.getFileName()));
        files.add("iati/reference-inputs/" + file.getFileName());
        referenceCurrencies.addAll(currencies(dom(file)));
      }
    }
    try (Stream<Path> xml = Files.list(repo.resolve("data-samples/iati"))) {
      for (Path file : xml.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
        Files.copy(file, input.resolve("iati/samples").resolve(file.getFileName()));
        files.add("iati/samples/" + file.getFileName());
      }
    }
    assertFalse(files.isEmpty());
    // the network's rate table, plus a rate for any currency of the reference files it lacks
    Path rates = input.resolve("reference/exchange_rates.csv");
    Files.copy(repo.resolve("data-samples/reference/exchange_rates.csv"), rates);
    String table = Files.readString(rates);
    for (String currency : referenceCurrencies) {
      if (!currency.equals("EUR") && !table.contains("," + currency + ",")) {
        Files.writeString(rates, "1900-01-01," + currency + ",1.0\n", StandardOpenOption.APPEND);
      }
    }

    Path lake = dir.resolve("lake");
    Path warehouse = dir.resolve("wh/palabre.duckdb");
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
    IngestJob.Result result = new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), log).run();
    new WarehouseBuild(lake, warehouse, log).run(IngestJob.newRunId());
    assertEquals(files.size(), result.report().stream().filter(r -> r.sourceFamily().equals("iati") && r.status().equals("loaded")).count());

    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      for (String file : files) {
        Document dom = dom(input.resolve(file));
        Map<String, String> defaults = new TreeMap<>();
        Map<String, String> expected = expectedFromXml(dom, defaults);
        Map<String, BigDecimal[]> actual = new TreeMap<>();
        for (String kind : List.of("budget", "transaction")) {
          try (ResultSet rs = st.executeQuery("select iati_identifier, currency, value_text from marts.funding_" + kind + "s"
              + " where source_file = " + DuckDb.literal(file))) {
            while (rs.next()) {
              add(actual, rs.getString(1) + " " + rs.getString(2) + " " + kind, number(rs.getString(3)));
            }
          }
        }
        try (ResultSet rs = st.executeQuery("select reason, raw from marts.rejected_rows where source_file = "
            + DuckDb.literal(file) + " and (raw like '<budget%' or raw like '<transaction%')")) {
          while (rs.next()) {
            String reason = rs.getString(1);
            String raw = rs.getString(2);
            assertFalse(reason.isBlank());
            String kind = raw.startsWith("<budget") ? "budget" : "transaction";
            String activity = activityOf(reason);
            Matcher value = VALUE.matcher(raw);
            assertTrue(value.find(), "the rejected " + kind + " keeps its value: " + raw);
            Matcher currency = CURRENCY.matcher(value.group(1));
            String code = currency.find() && !currency.group(1).isBlank() ? currency.group(1).strip() : defaults.get(activity);
            add(actual, activity + " " + code + " " + kind, number(value.group(2)));
          }
        }
        Map<String, String> described = new TreeMap<>();
        actual.forEach((k, v) -> described.put(k, describe(v)));
        assertEquals(expected, described, file + ": per activity, currency and kind, marts + rejects = the XML");
        try (ResultSet rs = st.executeQuery("select rows_read, rows_loaded, rows_rejected from marts.load_report where source_file = "
            + DuckDb.literal(file))) {
          assertTrue(rs.next());
          assertEquals(rs.getLong(1), rs.getLong(2) + rs.getLong(3), file + ": rows read = loaded + rejected");
        }
      }
      // the reference files are valid and every currency has a rate: nothing of theirs is rejected
      try (ResultSet rs = st.executeQuery("select count(*) from marts.rejected_rows where source_file like 'iati/reference-inputs/%'")) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
    }
  }

  /** "activity currency kind" -> "count=N total=T (unparseable=U)", from the DOM alone. */
  private static Map<String, String> expectedFromXml(Document dom, Map<String, String> defaults) throws Exception {
    XPath xpath = XPathFactory.newInstance().newXPath();
    Map<String, BigDecimal[]> totals = new TreeMap<>();
    NodeList activities = (NodeList) xpath.evaluate("/iati-activities/iati-activity", dom, XPathConstants.NODESET);
    for (int i = 0; i < activities.getLength(); i++) {
      Element activity = (Element) activities.item(i);
      String id = xpath.evaluate("normalize-space(iati-identifier)", activity);
      String defaultCurrency = activity.getAttribute("default-currency").strip().toUpperCase(java.util.Locale.ROOT);
      defaults.put(id, defaultCurrency);
      for (String kind : List.of("budget", "transaction")) {
        NodeList items = (NodeList) xpath.evaluate(kind, activity, XPathConstants.NODESET);
        for (int j = 0; j < items.getLength(); j++) {
          Element item = (Element) items.item(j);
          String currency = xpath.evaluate("value/@currency", item).strip().toUpperCase(java.util.Locale.ROOT);
          add(totals, id + " " + (currency.isEmpty() ? defaultCurrency : currency) + " " + kind,
              number(xpath.evaluate("value", item)));
        }
      }
    }
    Map<String, String> described = new TreeMap<>();
    totals.forEach((k, v) -> described.put(k, describe(v)));
    return described;
  }

  private static Set<String> currencies(Document dom) throws Exception {
    XPath xpath = XPathFactory.newInstance().newXPath();
    Set<String> codes = new TreeSet<>();
    NodeList attrs = (NodeList) xpath.evaluate("//iati-activity/@default-currency | //budget/value/@currency"
        + " | //transaction/value/@currency", dom, XPathConstants.NODESET);
    for (int i = 0; i < attrs.getLength(); i++) {
      String code = attrs.item(i).getNodeValue().strip().toUpperCase(java.util.Locale.ROOT);
      if (!code.isEmpty()) {
        codes.add(code);
      }
    }
    return codes;
  }

  private static String activityOf(String reason) {
    Matcher item = ITEM_ACTIVITY.matcher(reason);
    if (item.find()) {
      return item.group(1);
    }
    Matcher whole = WHOLE_ACTIVITY.matcher(reason);
    assertTrue(whole.find(), "the reason names the activity: " + reason);
    return whole.group(1);
  }

  /** The amount written in the file, read here on its own terms; null when it is no number. */
  private static BigDecimal number(String text) {
    String compact = text.replaceAll("[\\s\\u00A0\\u202F]", "");
    if (compact.startsWith("+")) {
      compact = compact.substring(1);
    }
    if (compact.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
      compact = compact.replace(",", "");
    }
    try {
      return new BigDecimal(compact);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** count, total of the numbers, count of values that are no number. */
  private static void add(Map<String, BigDecimal[]> totals, String key, BigDecimal value) {
    BigDecimal[] t = totals.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    t[0] = t[0].add(BigDecimal.ONE);
    if (value == null) {
      t[2] = t[2].add(BigDecimal.ONE);
    } else {
      t[1] = t[1].add(value);
    }
  }

  private static String describe(BigDecimal[] t) {
    return "count=" + t[0] + " total=" + t[1].stripTrailingZeros().toPlainString() + " not-a-number=" + t[2];
  }

  private static Document dom(Path path) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setNamespaceAware(true);
    try (InputStream in = Files.newInputStream(path)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }
}
