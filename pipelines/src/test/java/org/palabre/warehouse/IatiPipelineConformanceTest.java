package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ReferenceInputs;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real IATI files of {@code ../shared/reference-inputs/iati/}, the samples (bad values on
 * purpose) and the hostile files of {@code src/test/resources/iati/hostile/} (several budgets on one
 * line, a whole file on one line, a Datastore download of several publishers, activities given twice
 * in one file and again in another) through the whole pipeline: ingest, lake, warehouse.
 *
 * <p>The expectation is computed here from the XML alone, with DOM and XPath: per file, activity
 * element, kind (budget of a type, transaction of a type as written) and currency, the count and the
 * total of its budgets and transactions, for the activity elements that count under IATI's rule
 * (one activity per identifier per reporting organisation: the latest last-updated-datetime, then
 * the later file, then the later in the file). The marts plus the rejects must give exactly that:
 * nothing lost, nothing counted twice, no replaced version counted.
 */
class IatiPipelineConformanceTest {

  @TempDir static Path dir;
  static Path input;
  static Path warehouse;
  static List<String> files = new ArrayList<>();
  static IngestJob.Result result;

  private static final Pattern VALUE = Pattern.compile("<value([^>]*)>([^<]*)</value>");
  private static final Pattern CURRENCY = Pattern.compile("\\bcurrency=\"([^\"]*)\"");
  private static final Pattern BUDGET_TYPE = Pattern.compile("^<budget[^>]*\\btype=\"([^\"]*)\"");
  private static final Pattern TRANSACTION_TYPE = Pattern.compile("<transaction-type code=\"([^\"]*)\"");
  private static final Pattern ITEM_PATH = Pattern.compile("(iati-activity\\[\\d+\\])/(?:budget|transaction)\\[\\d+\\]");
  private static final XPath XPATH = XPathFactory.newInstance().newXPath();

  @BeforeAll
  static void ingestAndBuild() throws Exception {
    Path reference = ReferenceInputs.folder("iati");
    Path repo = Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
    input = dir.resolve("input");
    Set<String> currencies = new TreeSet<>();
    copyXml(reference, "iati/reference-inputs", currencies);
    copyXml(repo.resolve("data-samples/iati"), "iati/samples", currencies);
    copyXml(hostileFolder(), "iati/hostile", currencies);
    assertFalse(files.isEmpty());
    // the network's rate table, plus a rate for any currency of the files it lacks
    Files.createDirectories(input.resolve("reference"));
    Path rates = input.resolve("reference/exchange_rates.csv");
    Files.copy(repo.resolve("data-samples/reference/exchange_rates.csv"), rates);
    String table = Files.readString(rates);
    for (String currency : currencies) {
      if (!currency.equals("EUR") && !table.contains("," + currency + ",")) {
        Files.writeString(rates, "1900-01-01," + currency + ",1.0\n", StandardOpenOption.APPEND);
      }
    }
    Path lake = dir.resolve("lake");
    warehouse = dir.resolve("wh/palabre.duckdb");
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
    result = new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), log).run();
    new WarehouseBuild(lake, warehouse, log).run(RunFiles.newRunId());
  }

  static Path hostileFolder() throws URISyntaxException {
    return Path.of(IatiPipelineConformanceTest.class.getResource("/iati/hostile").toURI());
  }

  private static void copyXml(Path from, String to, Set<String> currencies) throws Exception {
    Files.createDirectories(input.resolve(to));
    try (Stream<Path> xml = Files.list(from)) {
      for (Path file : xml.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
        Files.copy(file, input.resolve(to).resolve(file.getFileName()));
        files.add(to + "/" + file.getFileName());
        currencies.addAll(currencies(dom(file)));
      }
    }
  }

  @Test
  void everyFileIsLoadedAndReconciles() throws Exception {
    assertEquals(files.size(), result.report().stream().filter(r -> r.sourceFamily().equals("iati") && r.status().equals("loaded")).count());
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      for (String file : files) {
        try (ResultSet rs = st.executeQuery("select rows_read, rows_loaded, rows_rejected from marts.load_report where source_file = "
            + DuckDb.literal(file))) {
          assertTrue(rs.next(), file);
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

  @Test
  void totalsPerActivityKindAndCurrencyEqualAnIndependentCountOfTheXml() throws Exception {
    Map<String, Document> doms = new HashMap<>();
    for (String file : files) {
      doms.put(file, dom(input.resolve(file)));
    }
    Set<String> counting = countingActivities(doms);
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      for (String file : files) {
        Document dom = doms.get(file);
        Map<String, String> defaults = new HashMap<>();
        Map<String, String> expected = expectedFromXml(file, dom, counting, defaults);
        Map<String, BigDecimal[]> actual = new TreeMap<>();
        try (ResultSet rs = st.executeQuery("select source_path, currency, 'budget type=' || budget_type, value_text"
            + " from marts.funding_budgets where source_file = " + DuckDb.literal(file)
            + " union all select source_path, currency, 'transaction type=' || transaction_type_reported, value_text"
            + " from marts.funding_transactions where source_file = " + DuckDb.literal(file))) {
          while (rs.next()) {
            add(actual, activityOf(rs.getString(1)) + " " + rs.getString(2) + " " + rs.getString(3), number(rs.getString(4)));
          }
        }
        try (ResultSet rs = st.executeQuery("select reason, raw from marts.rejected_rows where source_file = "
            + DuckDb.literal(file) + " and (raw like '<budget%' or raw like '<transaction%')")) {
          while (rs.next()) {
            String reason = rs.getString(1);
            String raw = rs.getString(2);
            String activity = activityOf(reason);
            if (!counting.contains(file + " " + activity)) {
              continue; // a replaced version's rejected item: it would not have counted anyway
            }
            Matcher value = VALUE.matcher(raw);
            assertTrue(value.find(), "the rejected item keeps its value: " + raw);
            Matcher currency = CURRENCY.matcher(value.group(1));
            String code = currency.find() && !currency.group(1).isBlank() ? currency.group(1).strip() : defaults.get(activity);
            add(actual, activity + " " + code + " " + kindOf(raw), number(value.group(2)));
          }
        }
        Map<String, String> described = new TreeMap<>();
        actual.forEach((k, v) -> described.put(k, describe(v)));
        assertEquals(expected, described, file + ": per activity, kind and currency, marts + rejects = the XML");
      }
    }
  }

  @Test
  void anActivityGivenThreeTimesCountsOnceAndTheReplacedVersionsSayWhy() throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      Map<String, String> versions = new TreeMap<>();
      try (ResultSet rs = st.executeQuery("select source_file || ' ' || source_path, counts, coalesce(replacement_reason, ''),"
          + " coalesce(replaced_by_source_file || ' ' || replaced_by_source_path, '') from marts.funding_activities"
          + " where iati_identifier in ('FR-3-TEST-DUP-1', 'FR-3-TEST-DUP-2', 'GB-GOV-1-300888', 'XM-DAC-41114-PROJECT-00123')")) {
        while (rs.next()) {
          versions.put(rs.getString(1), rs.getBoolean(2) + " | " + rs.getString(3) + " | " + rs.getString(4));
        }
      }
      String export = "iati/hostile/afd-export-2024.xml iati-activity[2]";
      assertEquals(Map.of(
          "iati/hostile/afd-export-2024.xml iati-activity[1]",
          "false | given again later in the same file (same last-updated-datetime): the last counts | " + export,
          export, "true |  | ",
          "iati/hostile/zz-afd-older-copy.xml iati-activity[1]",
          "false | replaced by a later last-updated-datetime (2024-01-10T08:00:00Z, this one 2023-06-01) | " + export,
          "iati/hostile/afd-export-2024.xml iati-activity[3]",
          "false | replaced by a later delivery (iati/hostile/zz-afd-older-copy.xml, run " + result.runId() + ") (neither"
              + " gives a last-updated-datetime) | iati/hostile/zz-afd-older-copy.xml iati-activity[2]",
          "iati/hostile/zz-afd-older-copy.xml iati-activity[2]", "true |  | ",
          "iati/hostile/datastore-download-several-publishers.xml iati-activity[2]", "true |  | ",
          "iati/hostile/datastore-download-several-publishers.xml iati-activity[5]",
          "false | replaced by a later last-updated-datetime (2024-03-01T09:00:00, this one 2023-12-01T09:00:00) |"
              + " iati/hostile/datastore-download-several-publishers.xml iati-activity[2]",
          // the same identifier by two publishers: two activities
          "iati/hostile/datastore-download-several-publishers.xml iati-activity[3]", "true |  | ",
          "iati/hostile/datastore-download-several-publishers.xml iati-activity[4]", "true |  | "), versions);
      // counted once: 131,191,400 XOF of the second copy, not 65,595,700 + 131,191,400 + 32,797,850
      try (ResultSet rs = st.executeQuery("select count(*), sum(value) from marts.funding_budgets where iati_identifier = 'FR-3-TEST-DUP-1'")) {
        rs.next();
        assertEquals(1, rs.getLong(1));
        assertEquals(131191400.0, rs.getDouble(2));
      }
      try (ResultSet rs = st.executeQuery("select warnings from marts.load_report where source_file = 'iati/hostile/afd-export-2024.xml'")) {
        rs.next();
        assertTrue(rs.getString(1).contains("activities given more than once in this file, counted once") && rs.getString(1)
            .contains("FR-3-TEST-DUP-1 of FR-3 (lines 5, 13)"), rs.getString(1));
      }
      // and each file whose version another file replaces says by which
      Map<String, String> warnings = new TreeMap<>();
      try (ResultSet rs = st.executeQuery("select source_file, warnings from marts.load_report where source_file in"
          + " ('iati/hostile/afd-export-2024.xml', 'iati/hostile/zz-afd-older-copy.xml')")) {
        while (rs.next()) {
          warnings.put(rs.getString(1), rs.getString(2));
        }
      }
      assertTrue(warnings.get("iati/hostile/afd-export-2024.xml").contains("1 IATI activities replaced by their version in"
          + " iati/hostile/zz-afd-older-copy.xml"), warnings.toString());
      assertTrue(warnings.get("iati/hostile/zz-afd-older-copy.xml").contains("1 IATI activities replaced by their version in"
          + " iati/hostile/afd-export-2024.xml (latest last-updated-datetime, else the later delivery), e.g. FR-3-TEST-DUP-1"),
          warnings.toString());
    }
  }

  /** "file activity-path" of every activity element that counts, computed from the DOM alone. */
  private static Set<String> countingActivities(Map<String, Document> doms) throws Exception {
    record Version(String file, int position, Instant lastUpdated) {}
    Map<String, List<Version>> byActivity = new HashMap<>();
    for (var e : doms.entrySet()) {
      NodeList activities = (NodeList) XPATH.evaluate("//iati-activities/iati-activity", e.getValue(), XPathConstants.NODESET);
      for (int i = 0; i < activities.getLength(); i++) {
        Element a = (Element) activities.item(i);
        String id = XPATH.evaluate("normalize-space(iati-identifier)", a);
        String ref = XPATH.evaluate("normalize-space(reporting-org/@ref)", a);
        String publisher = ref.isEmpty() ? XPATH.evaluate("normalize-space(reporting-org)", a).toLowerCase(java.util.Locale.ROOT) : ref;
        byActivity.computeIfAbsent(id + "|" + publisher, k -> new ArrayList<>())
            .add(new Version(e.getKey(), i + 1, instant(a.getAttribute("last-updated-datetime"))));
      }
    }
    Set<String> counting = new TreeSet<>();
    Comparator<Version> latest = Comparator.comparing(Version::lastUpdated, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Version::file).thenComparingInt(Version::position);
    for (List<Version> versions : byActivity.values()) {
      Version winner = versions.stream().max(latest).orElseThrow();
      counting.add(winner.file() + " iati-activity[" + winner.position() + "]");
    }
    return counting;
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return LocalDate.parse(t.substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
    }
  }

  /** "activity-path currency kind" -> "count=N total=T not-a-number=U", from the DOM, for the counting activities. */
  private static Map<String, String> expectedFromXml(String file, Document dom, Set<String> counting, Map<String, String> defaults)
      throws Exception {
    Map<String, BigDecimal[]> totals = new TreeMap<>();
    NodeList activities = (NodeList) XPATH.evaluate("//iati-activities/iati-activity", dom, XPathConstants.NODESET);
    for (int i = 0; i < activities.getLength(); i++) {
      Element activity = (Element) activities.item(i);
      String path = "iati-activity[" + (i + 1) + "]";
      String defaultCurrency = activity.getAttribute("default-currency").strip().toUpperCase(java.util.Locale.ROOT);
      defaults.put(path, defaultCurrency);
      if (!counting.contains(file + " " + path)) {
        continue;
      }
      for (String kind : List.of("budget", "transaction")) {
        NodeList items = (NodeList) XPATH.evaluate(kind, activity, XPathConstants.NODESET);
        for (int j = 0; j < items.getLength(); j++) {
          Element item = (Element) items.item(j);
          String currency = XPATH.evaluate("value/@currency", item).strip().toUpperCase(java.util.Locale.ROOT);
          String type = kind.equals("budget") ? XPATH.evaluate("normalize-space(@type)", item)
              : XPATH.evaluate("normalize-space(transaction-type/@code)", item);
          add(totals, path + " " + (currency.isEmpty() ? defaultCurrency : currency) + " " + kind + " type="
              + (type.isEmpty() && kind.equals("budget") ? "1" : type), number(XPATH.evaluate("value", item)));
        }
      }
    }
    Map<String, String> described = new TreeMap<>();
    totals.forEach((k, v) -> described.put(k, describe(v)));
    return described;
  }

  private static Set<String> currencies(Document dom) throws Exception {
    Set<String> codes = new TreeSet<>();
    NodeList attrs = (NodeList) XPATH.evaluate("//iati-activity/@default-currency | //budget/value/@currency"
        + " | //transaction/value/@currency", dom, XPathConstants.NODESET);
    for (int i = 0; i < attrs.getLength(); i++) {
      String code = attrs.item(i).getNodeValue().strip().toUpperCase(java.util.Locale.ROOT);
      if (!code.isEmpty()) {
        codes.add(code);
      }
    }
    return codes;
  }

  /** The activity path of an item's path ("iati-activity[3]/budget[2]"), or of the item a reason names. */
  private static String activityOf(String pathOrReason) {
    Matcher item = ITEM_PATH.matcher(pathOrReason);
    assertTrue(item.find(), "names the item's position: " + pathOrReason);
    return item.group(1);
  }

  private static String kindOf(String raw) {
    if (raw.startsWith("<budget")) {
      Matcher type = BUDGET_TYPE.matcher(raw);
      return "budget type=" + (type.find() && !type.group(1).isBlank() ? type.group(1).strip() : "1");
    }
    Matcher type = TRANSACTION_TYPE.matcher(raw);
    return "transaction type=" + (type.find() ? type.group(1).strip() : "");
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
    if (!compact.matches("-?\\d+(\\.\\d+)?")) {
      return null; // infinity, NaN, exponents: not an xsd:decimal
    }
    return new BigDecimal(compact);
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
