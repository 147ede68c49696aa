package org.palabre.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palabre.cli.CliTest.palabre;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.serve.AudienceWarehouses;
import org.palabre.serve.JdbcEndpoint;
import org.palabre.serve.PostgresCluster;
import org.palabre.serve.UserDirectory;
import org.palabre.db.DuckDb;

/**
 * The serving commands on a warehouse made by {@code run}: audience files, {@code users add},
 * {@code export} to CSV and Excel with French and English headers, {@code report} opened in
 * headless Chromium (console clean, every chart drawn, a screenshot under target/), every mart
 * read through the endpoint by Avatica's own client in a JVM of its own, and {@code publish}
 * into a throwaway PostgreSQL read with psql.
 */
class ServingCommandsTest {

  @TempDir static Path dir;
  static Path warehouse;

  @BeforeAll
  static void run() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input.resolve("samusocial"));
    StringBuilder dakar = new StringBuilder("Dispositif;Mois;Personnes rencontrées;Consultations médicales\n");
    StringBuilder pointeNoire = new StringBuilder("Dispositif;Mois;Personnes rencontrées;Consultations médicales\n");
    for (int m = 1; m <= 18; m++) {
      String month = String.format("%d-%02d", 2023 + (m - 1) / 12, (m - 1) % 12 + 1);
      dakar.append("Samusocial Sénégal;").append(month).append(';').append(100 + m).append(';').append(10 + m).append('\n');
      pointeNoire.append("Samusocial Pointe-Noire;").append(month).append(';').append(50 + m).append(';').append(5 + m).append('\n');
    }
    Files.writeString(input.resolve("samusocial/dakar.csv"), dakar);
    Files.writeString(input.resolve("samusocial/pointe_noire.csv"), pointeNoire);
    warehouse = dir.resolve("w/palabre.duckdb");
    CliTest.Outcome run = palabre("run", "--input", input.toString(), "--lake", dir.resolve("lake").toString(), "--warehouse", warehouse.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("Audience files published"), run.out());
  }

  static List<List<String>> query(Path file, String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection db = DuckDb.open(file, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          row.add(rs.getString(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void runPublishesOneAudienceFilePerMemberWithItsRowsAndNetworkTotals() throws Exception {
    Path dakar = AudienceWarehouses.file(warehouse, "samusocial-sn");
    assertTrue(Files.exists(AudienceWarehouses.file(warehouse, "network")));
    assertTrue(Files.exists(AudienceWarehouses.file(warehouse, "amel")), "a member without data gets an empty file");
    assertEquals(List.of(List.of("samusocial-sn"), List.of((String) "null")),
        query(dakar, "select coalesce(member, 'null') from marts.indicator_values group by all order by 1 desc"));
    assertEquals(List.of(List.of("samusocial-sn")), query(dakar, "select distinct member from marts.observations"));
    assertEquals(List.of(List.of("samusocial-sn")), query(dakar, "select distinct member from marts.indicator_lineage"));
    // the network totals, fed by two members only, are there without figures: Dakar could subtract its own
    assertEquals(List.of(List.of("2023", "1956.0", "2"), List.of("2024", "1086.0", "2")), query(warehouse, "select period, value,"
        + " members_contributing from marts.indicator_values where indicator_code = 'people_reached' and period_type = 'year'"
        + " and member is null and country_iso2 is null and sex is null order by period"));
    assertEquals(List.of(Arrays.asList("2023", null, "true"), Arrays.asList("2024", null, "true")), query(dakar, "select period, value,"
        + " suppressed from marts.indicator_values where indicator_code = 'people_reached' and period_type = 'year'"
        + " and member is null and country_iso2 is null and sex is null order by period"));
    // the marts with a member column, filtered, and the catalogue; never the network-only marts
    assertEquals(List.of(List.of("alerts"), List.of("indicator_catalogue"), List.of("indicator_lineage"), List.of("indicator_values"),
            List.of("missions"),
            List.of("observations"), List.of("outliers"), List.of("partner_survey_answers"), List.of("partnerships"),
            List.of("reporting_rate_totals"), List.of("reporting_rates"), List.of("surgical_patients")),
        query(dakar, "select table_name from information_schema.tables where table_schema = 'marts'"
            + " and table_name not like 'funding%' and table_name not like 'iati%' order by 1"));
    assertEquals(List.of(), query(dakar, "select table_name from information_schema.tables where table_name in"
        + " ('load_report', 'rejected_rows', 'validation_results', 'runs', 'indicator_sources', 'unmapped_figures', 'quarantine')"));
    assertEquals(query(warehouse, "select run_id from meta.build_info"), query(dakar, "select run_id from meta.build_info"));
    // who has reported: Dakar's own reports and totals, every one of them, and neither Pointe-Noire's nor the network's
    for (String mart : List.of("reporting_rates", "reporting_rate_totals")) {
      String own = "select count(*), sum(expected), sum(received) from marts." + mart + " where member = 'samusocial-sn'";
      assertEquals(query(warehouse, own), query(dakar, "select count(*), sum(expected), sum(received) from marts." + mart), mart);
      assertEquals(List.of(List.of("samusocial-sn")), query(dakar, "select distinct coalesce(member, 'null') from marts." + mart), mart);
      assertEquals(List.of(List.of("samusocial-pn"), List.of("samusocial-sn")),
          query(warehouse, "select distinct member from marts." + mart + " where member is not null order by 1"), mart);
    }
    assertEquals(List.of(List.of("18")), query(dakar, "select sum(received) from marts.reporting_rates where period < '2024-07'"));
    // a second run with nothing new leaves the audience files as they are
    long before = Files.getLastModifiedTime(dakar).toMillis();
    CliTest.Outcome again = palabre("run", "--input", dir.resolve("in").toString(), "--lake", dir.resolve("lake").toString(),
        "--warehouse", warehouse.toString());
    assertEquals(0, again.exit(), again.err());
    assertEquals(before, Files.getLastModifiedTime(dakar).toMillis());
  }

  @Test
  void aNewBuildKeepsTheMartsWhoseRowsDidNotChangeAndWritesWholeAFileWithoutRecipesOrMostlyFree() throws Exception {
    // a copy of the warehouse and its audience files, so that the other tests see theirs as they are
    Path copy = dir.resolve("w-recipes/palabre.duckdb");
    Files.createDirectories(AudienceWarehouses.folder(copy));
    Files.copy(warehouse, copy);
    try (var files = Files.list(AudienceWarehouses.folder(warehouse))) {
      for (Path f : files.toList()) {
        Files.copy(f, AudienceWarehouses.folder(copy).resolve(f.getFileName()));
      }
    }
    Path dakar = AudienceWarehouses.file(copy, "samusocial-sn");
    Path pointeNoire = AudienceWarehouses.file(copy, "samusocial-pn");
    List<List<String>> dakarValues = query(dakar, "select count(*), sum(value) from marts.indicator_values");
    int dakarMarts = query(dakar, "select * from meta.audience_marts").size();
    assertTrue(dakarMarts >= 12, "Dakar's file lists the recipe of each of its marts: " + dakarMarts);
    // Dakar's file as an older Palabre made it: no recipes
    try (Connection db = DuckDb.open(dakar, false); Statement st = db.createStatement()) {
      st.execute("drop table meta.audience_marts");
    }
    // Pointe-Noire's with more free blocks than used, as after many marts replaced in place
    int pointeNoireMarts = query(pointeNoire, "select * from meta.audience_marts").size();
    try (Connection db = DuckDb.open(pointeNoire, false); Statement st = db.createStatement()) {
      st.execute("create table meta.filler as select range as n, md5(range::varchar) as s from range(2000000)");
      st.execute("checkpoint");
      st.execute("drop table meta.filler");
      st.execute("checkpoint");
    }
    // and AMEL's is no DuckDB file at all (a disk error, a file copied over it)
    Path amel = AudienceWarehouses.file(copy, "amel");
    int amelMarts = query(amel, "select * from meta.audience_marts").size();
    Files.write(amel, new byte[] {'n', 'o', 't', ' ', 'd', 'u', 'c', 'k', 'd', 'b'});
    assertEquals(List.of(List.of("true")), query(pointeNoire, "select free_blocks > used_blocks from pragma_database_size() where database_name = current_database()"));
    CliTest.Outcome full = palabre("build", "--full", "--lake", dir.resolve("lake").toString(), "--warehouse", copy.toString());
    assertEquals(0, full.exit(), full.err());
    // the same lake: every other file keeps every mart; Dakar's, Pointe-Noire's and AMEL's are written whole
    Matcher counts = Pattern.compile("(\\d+) marts written again, (\\d+) kept from the files before").matcher(full.out());
    assertTrue(counts.find(), full.out());
    assertEquals(dakarMarts + pointeNoireMarts + amelMarts, Integer.parseInt(counts.group(1)), full.out());
    assertEquals(amelMarts, query(amel, "select * from meta.audience_marts").size());
    assertEquals(List.of(List.of("false")), query(pointeNoire, "select free_blocks > used_blocks from pragma_database_size() where database_name = current_database()"));
    assertTrue(Integer.parseInt(counts.group(2)) > 100, full.out());
    assertEquals(dakarMarts, query(dakar, "select * from meta.audience_marts").size());
    assertEquals(dakarValues, query(dakar, "select count(*), sum(value) from marts.indicator_values"));
    // every file says the new build, kept marts or not
    List<List<String>> runId = query(copy, "select run_id from meta.build_info");
    assertNotEquals(query(warehouse, "select run_id from meta.build_info"), runId);
    assertEquals(runId, query(pointeNoire, "select run_id from meta.build_info"));
    assertEquals(runId, query(dakar, "select run_id from meta.build_info"));
  }

  @Test
  void usersAddReadsThePasswordFromStdinAndStoresOnlyASaltedHash() throws Exception {
    Path users = dir.resolve("users.txt");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));
      CliTest.Outcome added = palabre("users", "add", "fatou", "--audience", "samusocial-sn", "--users", users.toString());
      assertEquals(0, added.exit(), added.err());
      System.setIn(new ByteArrayInputStream("whatever-password\n".getBytes(StandardCharsets.UTF_8)));
      CliTest.Outcome unknown = palabre("users", "add", "x", "--audience", "not-a-member", "--users", users.toString());
      assertEquals(2, unknown.exit());
      assertTrue(unknown.err().contains("unknown audience 'not-a-member'"), unknown.err());
    } finally {
      System.setIn(stdin);
    }
    String text = Files.readString(users);
    assertFalse(text.contains("correct horse"), text);
    assertTrue(text.matches("(?s).*\nfatou:samusocial-sn:pbkdf2-sha256:210000:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}\n.*"), text);
    UserDirectory.User fatou = new UserDirectory(users).find("fatou").orElseThrow();
    assertTrue(UserDirectory.verify(fatou, "correct horse battery".toCharArray()));
    assertFalse(UserDirectory.verify(fatou, "correct horse battery ".toCharArray()));
    assertEquals("fatou\tsamusocial-sn\n", palabre("users", "list", "--users", users.toString()).out());
  }

  @Test
  void exportWritesAMartToCsvAndExcelWithFrenchAndEnglishHeaders() throws Exception {
    long rows = Long.parseLong(query(warehouse, "select count(*) from marts.indicator_values").get(0).get(0));
    Path csv = dir.resolve("exports/valeurs.csv");
    CliTest.Outcome fr = palabre("export", "indicator_values", "--format", "csv", "--headers", "fr", "--out", csv.toString(),
        "--warehouse", warehouse.toString());
    assertEquals(0, fr.exit(), fr.err());
    assertTrue(fr.out().contains("marts.indicator_values: " + rows + " rows written"), fr.out());
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    // what French Excel opens in columns: ';' between fields, decimal comma; codes labelled in French
    assertTrue(lines.get(0).startsWith("\uFEFFCode de l'indicateur;Nom (anglais);Nom (français);Type de période;Période;"), lines.get(0));
    assertEquals(rows + 1, lines.size());
    String networkTotal = query(warehouse, "select cast(value as varchar) from marts.indicator_values where indicator_code = 'people_reached'"
        + " and period_type = 'year' and period = '2023' and member is null and country_iso2 is null and sex is null and age_group is null").get(0).get(0);
    assertTrue(networkTotal.contains("."), networkTotal);
    String decimalComma = ";" + networkTotal.replace('.', ',') + ";";
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("people_reached;") && l.contains(";année;2023;") && l.contains(decimalComma)),
        "the network total of 2023 with a decimal comma, " + decimalComma);
    assertFalse(lines.stream().anyMatch(l -> l.contains(";year;") || l.contains(";quarter;")), "period types are labelled");

    // the format follows the extension
    Path plain = dir.resolve("exports/values.csv");
    CliTest.Outcome byExtension = palabre("export", "indicator_values", "--headers", "en", "--out", plain.toString(), "--warehouse", warehouse.toString());
    assertEquals(0, byExtension.exit(), byExtension.err());
    String en = Files.readString(plain, StandardCharsets.UTF_8);
    assertTrue(en.startsWith("\uFEFFIndicator code,Name (English),"), en.substring(0, 80));
    assertTrue(en.contains(",year,2023,"), "period types in English");
    Path byName = dir.resolve("exports/values-by-extension.xlsx");
    assertEquals(0, palabre("export", "indicator_values", "--out", byName.toString(), "--warehouse", warehouse.toString()).exit());
    byte[] magic = Files.readAllBytes(byName);
    assertTrue(magic[0] == 'P' && magic[1] == 'K', "an .xlsx is a zip");
    CliTest.Outcome unknownExtension = palabre("export", "indicator_values", "--out", dir.resolve("exports/values.txt").toString(),
        "--warehouse", warehouse.toString());
    assertEquals(1, unknownExtension.exit());
    assertTrue(unknownExtension.err().contains("--format csv|xlsx"), unknownExtension.err());

    // one member's export: what its audience reads
    Path dakar = dir.resolve("exports/dakar.csv");
    CliTest.Outcome member = palabre("export", "observations", "--member", "samusocial-sn", "--headers", "codes", "--out", dakar.toString(),
        "--warehouse", warehouse.toString());
    assertEquals(0, member.exit(), member.err());
    List<String> dakarLines = Files.readAllLines(dakar, StandardCharsets.UTF_8);
    assertEquals(Long.parseLong(query(warehouse, "select count(*) from marts.observations where member = 'samusocial-sn'").get(0).get(0)) + 1,
        dakarLines.size());
    assertTrue(dakarLines.stream().skip(1).allMatch(l -> l.contains("samusocial-sn")), dakarLines.toString());
    CliTest.Outcome networkOnly = palabre("export", "load_report", "--member", "samusocial-sn", "--out", dir.resolve("exports/lr.csv").toString(),
        "--warehouse", warehouse.toString());
    assertEquals(1, networkOnly.exit());
    assertTrue(networkOnly.err().contains("marts.load_report is the network's only"), networkOnly.err());

    Path xlsx = dir.resolve("exports/values.xlsx");
    CliTest.Outcome both = palabre("export", "marts.indicator_values", "--format", "xlsx", "--out", xlsx.toString(),
        "--warehouse", warehouse.toString());
    assertEquals(0, both.exit(), both.err());
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
      String strings = new String(zip.getInputStream(zip.getEntry("xl/sharedStrings.xml")).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(strings.contains("Indicator code / Code de l&apos;indicateur") || strings.contains("Indicator code / Code de l'indicateur"), strings);
      assertTrue(strings.contains("Period / P&#xe9;riode"), strings);
      Matcher row = Pattern.compile("<row ").matcher(sheet);
      long count = 0;
      while (row.find()) {
        count++;
      }
      assertEquals(rows + 1, count);
    }

    CliTest.Outcome unknown = palabre("export", "secrets", "--format", "csv", "--out", dir.resolve("x.csv").toString(),
        "--warehouse", warehouse.toString());
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("no mart 'secrets'"), unknown.err());
    assertFalse(Files.exists(dir.resolve("x.csv")));
  }

  @Test
  void everyColumnOfEveryMartHasEnglishAndFrenchLabels() throws Exception {
    var labels = org.palabre.serve.MartExport.labels();
    List<String> missing = new ArrayList<>();
    for (List<String> r : query(warehouse, "select distinct column_name from information_schema.columns where table_schema = 'marts'")) {
      String[] l = labels.get(r.get(0));
      if (l == null || l[0].isBlank() || l[1].isBlank()) {
        missing.add(r.get(0));
      }
    }
    assertEquals(List.of(), missing, "add them to schemas/marts/column_labels.csv");
  }

  @Test
  void theReportOpensInChromiumWithEveryChartDrawn() throws Exception {
    Path out = dir.resolve("report");
    CliTest.Outcome report = palabre("report", "--out", out.toString(), "--warehouse", warehouse.toString());
    assertEquals(0, report.exit(), report.err());
    String html = Files.readString(out.resolve("index.html"));
    // self-contained: nothing to fetch, no script
    assertFalse(html.matches("(?s).*(src=|<link|<script|url\\(|@import).*"), "the report must not load anything");
    List<String> withValues = query(warehouse, "select distinct indicator_code from marts.indicator_values order by 1").stream().map(r -> r.get(0)).toList();
    assertEquals(List.of("medical_consultations", "people_reached", "reporting_rate", "reporting_rate_on_time"), withValues);
    assertTrue(html.contains("<section id=\"load-report\">"), html);
    assertTrue(html.matches("(?s).*<td>samusocial</td><td class=\"num\">2</td><td class=\"num\">36</td><td class=\"num\">36</td><td class=\"num\">0</td>.*"), html);

    Path chromium = Path.of("/usr/bin/chromium");
    Assumptions.assumeTrue(Files.isExecutable(chromium),
        "SKIPPED: /usr/bin/chromium is absent: install Debian's chromium (.ci/run does) to open the report in a browser");
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    String url = out.resolve("index.html").toUri().toString();
    List<String> common = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,2000",
        "--enable-logging=stderr", "--v=0");
    List<String> dumpCommand = new ArrayList<>(common);
    dumpCommand.add("--dump-dom");
    dumpCommand.add(url);
    String[] dump = runProcess(dumpCommand);
    String dom = dump[0];
    assertConsoleClean(dump[1]);
    for (String code : withValues) {
      Matcher svg = Pattern.compile("<svg class=\"chart\"[^>]*data-indicator=\"" + code + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
      assertTrue(svg.find(), "no chart for " + code);
      Matcher path = Pattern.compile("<path class=\"series\" d=\"(M[0-9. L]+)\"").matcher(svg.group(1));
      assertTrue(path.find(), "no line drawn for " + code + ": " + svg.group(1));
      assertTrue(path.group(1).split("L").length >= 4, "a series of at least 4 quarters for " + code + ": " + path.group(1));
      assertTrue(svg.group(1).split("<circle class=\"point\"").length - 1 >= 4, code);
    }
    assertEquals(withValues.size(), dom.split("<svg class=\"chart\"").length - 1, "one chart per indicator with values");
    // the completeness grid, first in the report: one row per service and year shown, its months and its count as the mart says
    assertTrue(dom.indexOf("id=\"completeness-grid\"") > 0 && dom.indexOf("id=\"completeness-grid\"") < dom.indexOf("<svg class=\"chart\""));
    List<List<String>> unitYears = query(warehouse, "select unit, yr, sum(received), count(*), count(*) filter (where status = 'late'),"
        + " count(*) filter (where status = 'missing') from (select reporting_unit || ' (' || member || ')' as unit,"
        + " year(period_start) as yr, received, status from marts.reporting_rates where period_type = 'month'"
        + " qualify dense_rank() over (order by year(period_start) desc) <= 3) group by all order by all");
    assertEquals(6, unitYears.size(), "two services over three years: " + unitYears);
    Matcher grid = Pattern.compile("<table class=\"grid\">(.*?)</table>", Pattern.DOTALL).matcher(dom);
    assertTrue(grid.find(), "no grid in " + dom);
    List<String> gridRows = Pattern.compile("<tr>(<td>samusocial</td>.*?)</tr>").matcher(grid.group(1)).results().map(r -> r.group(1)).toList();
    assertEquals(unitYears.size(), gridRows.size(), grid.group(1));
    for (int i = 0; i < unitYears.size(); i++) {
      List<String> u = unitYears.get(i);
      String row = gridRows.get(i);
      assertTrue(row.startsWith("<td>samusocial</td><td>" + u.get(0) + "</td><td>" + u.get(1) + "</td>"), row);
      assertTrue(row.endsWith("<td class=\"num\">" + u.get(2) + " / " + u.get(3) + "</td>"), row);
      assertEquals(Long.parseLong(u.get(4)), row.split("class=\"cell late\"").length - 1L, row);
      assertEquals(Long.parseLong(u.get(5)), row.split("class=\"cell missing\"").length - 1L, row);
    }

    Path screenshot = Path.of(System.getProperty("palabre.repoRoot", "."), "target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);
    List<String> shotCommand = new ArrayList<>(common);
    shotCommand.add("--screenshot=" + screenshot);
    shotCommand.add(url);
    String[] shot = runProcess(shotCommand);
    assertConsoleClean(shot[1]);
    byte[] png = Files.readAllBytes(screenshot);
    assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot");
    System.out.println("Report screenshot: " + screenshot);
  }

  /** Chromium's console messages are logged as ":CONSOLE(line)]"; none may be an error or a refused load. */
  static void assertConsoleClean(String stderr) {
    List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught") || l.contains("Refused to")).toList();
    assertEquals(List.of(), console, "console messages of the report");
  }

  static String[] runProcess(List<String> command) throws Exception {
    Path stdout = Files.createTempFile(dir, "chromium-", ".out");
    Path stderr = Files.createTempFile(dir, "chromium-", ".err");
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 180 s: " + Files.readString(stderr));
    }
    assertEquals(0, p.exitValue(), Files.readString(stderr));
    return new String[] {Files.readString(stdout), Files.readString(stderr)};
  }

  /** Non-null values of a mart: the sum over its columns of count(column). */
  static long nonNullValues(Path file, String mart) throws Exception {
    List<String> counts = new ArrayList<>();
    for (List<String> c : query(file, "select column_name from information_schema.columns where table_schema = 'marts' and table_name = '"
        + mart + "' order by ordinal_position")) {
      counts.add("count(\"" + c.get(0) + "\")");
    }
    return Long.parseLong(query(file, "select " + String.join(" + ", counts) + " from marts." + mart).get(0).get(0));
  }

  @Test
  void avaticasOwnClientReadsEveryRowOfEveryMartWithGetObject() throws Exception {
    Path client = Path.of(System.getProperty("palabre.avaticaClientJar", "target/avatica-client/avatica-1.26.0.jar"));
    Assumptions.assumeTrue(Files.exists(client), "SKIPPED: Avatica's client jar is not at " + client + " (mvn copies it in process-test-resources)");
    Path source = Path.of(ServingCommandsTest.class.getResource("/clients/ReadEveryMart.java").toURI());
    Path users = dir.resolve("avatica-users.txt");
    new UserDirectory(users).put("analyst", "network", "analyst-password".toCharArray());
    try (JdbcEndpoint endpoint = JdbcEndpoint.start(new JdbcEndpoint.Options("127.0.0.1", 0, warehouse, users, null, null), System.err)) {
      String url = "jdbc:avatica:remote:url=http://127.0.0.1:" + endpoint.port() + ";serialization=JSON;authentication=BASIC";
      Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", client.toString(),
          source.toString(), url, "analyst", "analyst-password").redirectError(dir.resolve("avatica-client.err").toFile()).start();
      String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(java.waitFor(300, TimeUnit.SECONDS), out);
      assertEquals(0, java.exitValue(), out + Files.readString(dir.resolve("avatica-client.err")));
      Path network = AudienceWarehouses.file(warehouse, AudienceWarehouses.NETWORK);
      List<String> expected = new ArrayList<>();
      for (List<String> mart : query(network, "select table_name from information_schema.tables where table_schema = 'marts' order by 1")) {
        String name = mart.get(0);
        expected.add(name + "\t" + query(network, "select count(*) from marts." + name).get(0).get(0) + "\t" + nonNullValues(network, name));
      }
      expected.add("prepared-count\t" + query(network, "select count(*) from marts.indicator_values").get(0).get(0));
      assertEquals(expected.stream().sorted().toList(), out.lines().sorted().toList());
    }
  }

  @Test
  void publishLoadsTheWarehouseIntoPostgresForItsUsers() throws Exception {
    try (PostgresCluster pg = PostgresCluster.startOrSkip()) {
      Path users = dir.resolve("pg-users.txt");
      UserDirectory directory = new UserDirectory(users);
      directory.put("alice", "network", "alice-network-pw".toCharArray());
      directory.put("fatou", "samusocial-sn", "fatou-dakar-pw".toCharArray());
      String url = "postgresql://" + PostgresCluster.ADMIN + ":" + PostgresCluster.ADMIN_PASSWORD + "@127.0.0.1:" + pg.port() + "/" + PostgresCluster.DATABASE;
      CliTest.Outcome publish = palabre("publish", "--postgres", url, "--warehouse", warehouse.toString(), "--users", users.toString());
      assertEquals(0, publish.exit(), publish.err());
      assertTrue(publish.out().contains("Published to PostgreSQL postgresql://" + PostgresCluster.ADMIN + "@127.0.0.1:" + pg.port()), publish.out());
      assertFalse(publish.out().contains(PostgresCluster.ADMIN_PASSWORD) || publish.err().contains(PostgresCluster.ADMIN_PASSWORD), "password printed");
      List<String> marts = query(warehouse, "select table_name from information_schema.tables where table_schema = 'marts' order by 1").stream()
          .map(r -> r.get(0)).toList();
      String counts = String.join(" union all ", marts.stream().map(m -> "select '" + m + "', count(*) from marts." + m).toList()) + " order by 1";
      PostgresCluster.Outcome network = pg.psql("alice", "alice-network-pw", counts);
      assertEquals(0, network.exit(), network.err());
      assertEquals(String.join("\n", query(warehouse, counts).stream().map(r -> String.join("|", r)).toList()), network.out().strip());
      // fatou: her member's rows, the totals fed by enough members, no network-only mart
      boolean rule = !query(warehouse, "select 1 from information_schema.columns where table_schema = 'marts' and table_name = 'indicator_values'"
          + " and column_name = 'members_contributing'").isEmpty();
      String mine = "select (select count(*) from marts.observations), (select count(*) from marts.indicator_values)";
      PostgresCluster.Outcome member = pg.psql("fatou", "fatou-dakar-pw", mine);
      assertEquals(0, member.exit(), member.err());
      assertEquals(String.join("|", query(warehouse, "select (select count(*) from marts.observations where member = 'samusocial-sn'),"
          + " (select count(*) from marts.indicator_values where member = 'samusocial-sn'"
          + (rule ? " or (member is null and members_contributing >= 3)" : "") + ")").get(0)), member.out().strip());
      assertNotEquals(0, pg.psql("fatou", "fatou-dakar-pw", "select count(*) from marts.load_report").exit());
      CliTest.Outcome again = palabre("publish", "--postgres", url, "--warehouse", warehouse.toString(), "--users", users.toString());
      assertEquals(0, again.exit(), again.err());
      assertTrue(again.out().contains("already has build"), again.out());
      assertTrue(palabre("publish", "--help").out().contains("Usage: palabre publish"));
      CliTest.Outcome nowhere = palabre("publish", "--warehouse", warehouse.toString(), "--users", users.toString());
      assertEquals(2, nowhere.exit());
      assertTrue(nowhere.err().contains("--postgres"), nowhere.err());
    }
  }
}
