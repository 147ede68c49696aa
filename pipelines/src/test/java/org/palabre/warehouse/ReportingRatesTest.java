package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;

/**
 * Reporting rates with a known calendar and known delivery dates, on real parts (direct runner,
 * Parquet, DuckDB), in two runs. Every count is worked out by hand in the comments.
 *
 * <p>A DHIS2 monthly data set (timelyDays 10) is assigned to CSCom A and CSCom B; the calendar
 * gives CSCom B 20 days over January-April 2023 and CSCom A keeps the default (the months its
 * data set has values for: January-April). The values carry their dates: lastUpdated, and the
 * completeDate of the March file, which wins over its lastUpdated. Samusocial Pointe-Noire is
 * expected monthly January-April 2023 by a member line and Casablanca quarterly by a unit line,
 * though it never reported; Samusocial's files arrive when Palabre first sees them (now: late).
 * In the second run, CSCom A's late February report is re-sent under a new name with an earlier
 * lastUpdated (it stays late), its April report comes, Pointe-Noire's January file is re-sent
 * corrected under its own name (it stays first seen in run 1) and its February report comes late.
 */
class ReportingRatesTest {

  @TempDir static Path dir;
  static Path input;
  static Path lake;
  static Path warehouse;
  static String firstRun;
  static List<List<String>> afterFirstRun;
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  static final String METADATA = """
      {"organisationUnits": [
        {"id": "IFVNBRzHgmk", "name": "Mali", "level": 1},
        {"id": "RegKayes001", "name": "Région de Kayes", "level": 2, "parent": {"id": "IFVNBRzHgmk"}},
        {"id": "DisKayes001", "name": "DS Kayes", "level": 3, "parent": {"id": "RegKayes001"}},
        {"id": "FacA0000001", "name": "CSCom A", "code": "ML_FAC_A", "level": 4, "parent": {"id": "DisKayes001"}},
        {"id": "FacB0000001", "name": "CSCom B", "level": 4, "parent": {"id": "DisKayes001"}}
       ],
       "dataElements": [{"id": "ebxUDyVAcpS", "name": "Sessions ASACO", "valueType": "INTEGER_ZERO_OR_POSITIVE"}],
       "dataSets": [{"id": "DsMonthly01", "code": "DS_TEST_MENSUEL", "name": "Rapport mensuel test", "periodType": "Monthly",
         "timelyDays": 10, "dataSetElements": [{"dataElement": {"id": "ebxUDyVAcpS"}}],
         "organisationUnits": [{"id": "FacA0000001"}, {"id": "FacB0000001"}]}]}
      """;

  static String value(String orgUnit, String period, int value, String lastUpdated) {
    return "{\"dataElement\": \"ebxUDyVAcpS\", \"period\": \"" + period + "\", \"orgUnit\": \"" + orgUnit + "\", \"value\": \"" + value
        + "\", \"lastUpdated\": \"" + lastUpdated + "\"}";
  }

  static void write(String name, String text) throws Exception {
    Path file = input.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String report(String month, int people) {
    return "Dispositif;Mois;Personnes rencontrées;Consultations médicales\nSamusocial Pointe-Noire;" + month + ";" + people + ";40\n";
  }

  static String run() throws Exception {
    IngestJob.Result ingest = new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")),
        new PrintStream(LOG, true)).run();
    new WarehouseBuild(lake, warehouse, new PrintStream(LOG, true)).run(ingest.runId());
    return ingest.runId();
  }

  static final String COLUMNS = "dataset, reporting_unit, period, expected, received, on_time, status, due_date,"
      + " cast(first_arrival_at as date), first_arrival_from, first_delivery_file, expected_by";

  @BeforeAll
  static void twoRuns() throws Exception {
    input = dir.resolve("input");
    lake = dir.resolve("lake");
    warehouse = dir.resolve("wh/palabre.duckdb");
    write("dhis2/metadata.json", METADATA);
    // A: January by 10 February (8th: on time), February by 10 March (25th: late); B: January by 20 February (11th: on time)
    write("dhis2/jan_feb.json", "{\"dataValues\": [" + String.join(", ", value("FacA0000001", "202301", 3, "2023-02-08T09:00:00.000"),
        value("FacA0000001", "202302", 2, "2023-03-25T09:00:00.000"), value("FacB0000001", "202301", 1, "2023-02-11T10:00:00.000"))
        + "]}");
    // March: completed on 9 April (A's due date the 10th, B's the 20th: both on time), whatever lastUpdated says
    write("dhis2/march.json", "{\"dataSet\": \"DsMonthly01\", \"completeDate\": \"2023-04-09\", \"dataValues\": ["
        + String.join(", ", value("FacA0000001", "202303", 4, "2023-04-20T09:00:00.000"),
            value("FacB0000001", "202303", 5, "2023-04-20T09:00:00.000")) + "]}");
    write("reference/expected_reports.csv", """
        # the test's reporting calendar
        member,reporting_unit,dataset,frequency,from,to,days_allowed
        ,CSCom B,DS_TEST_MENSUEL,month,2023-01,2023-04,20
        samusocial-pn,,samusocial,month,2023-01,2023-04,
        ,Samusocial Casablanca,samusocial,quarter,2023Q1,2023Q2,30
        """);
    write("samusocial/pn_2023-01.csv", report("2023-01", 250));
    write("samusocial/pn_2023-03.csv", report("2023-03", 260));
    firstRun = run();
    afterFirstRun = query("select " + COLUMNS + " from marts.reporting_rates order by all");

    // A's February re-sent under a new name, dated as if on time, and its April (5 May: on time, due the 10th)
    write("dhis2/feb_corrected.json", "{\"dataValues\": [" + String.join(", ", value("FacA0000001", "202302", 6, "2023-03-01T09:00:00.000"),
        value("FacA0000001", "202304", 7, "2023-05-05T09:00:00.000")) + "]}");
    write("samusocial/pn_2023-01.csv", report("2023-01", 255));
    write("samusocial/pn_2023-02.csv", report("2023-02", 240));
    run();
  }

  static List<List<String>> query(String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  static List<String> row(String... cells) {
    return java.util.Arrays.asList(cells);
  }

  @Test
  void everyReportIsExpectedReceivedAndOnTimeAsItsCalendarAndItsDatesSay() throws Exception {
    String dhis2 = "default: the data set's period type at its assigned org units";
    assertEquals(List.of(
            row("DS_TEST_MENSUEL", "CSCom A", "2023-01", "1", "1", "1", "on_time", "2023-02-10", "2023-02-08", "lastUpdated", "dhis2/jan_feb.json", dhis2),
            row("DS_TEST_MENSUEL", "CSCom A", "2023-02", "1", "1", "0", "late", "2023-03-10", "2023-03-25", "lastUpdated", "dhis2/jan_feb.json", dhis2),
            row("DS_TEST_MENSUEL", "CSCom A", "2023-03", "1", "1", "1", "on_time", "2023-04-10", "2023-04-09", "completeDate", "dhis2/march.json", dhis2),
            row("DS_TEST_MENSUEL", "CSCom A", "2023-04", "1", "1", "1", "on_time", "2023-05-10", "2023-05-05", "lastUpdated", "dhis2/feb_corrected.json", dhis2),
            row("DS_TEST_MENSUEL", "CSCom B", "2023-01", "1", "1", "1", "on_time", "2023-02-20", "2023-02-11", "lastUpdated", "dhis2/jan_feb.json", "calendar"),
            row("DS_TEST_MENSUEL", "CSCom B", "2023-02", "1", "0", "0", "missing", "2023-03-20", null, null, null, "calendar"),
            row("DS_TEST_MENSUEL", "CSCom B", "2023-03", "1", "1", "1", "on_time", "2023-04-20", "2023-04-09", "completeDate", "dhis2/march.json", "calendar"),
            row("DS_TEST_MENSUEL", "CSCom B", "2023-04", "1", "0", "0", "missing", "2023-05-20", null, null, null, "calendar"),
            row("samusocial", "Casablanca", "2023Q1", "1", "0", "0", "missing", "2023-04-30", null, null, null, "calendar"),
            row("samusocial", "Casablanca", "2023Q2", "1", "0", "0", "missing", "2023-07-30", null, null, null, "calendar")),
        query("select " + COLUMNS + " from marts.reporting_rates where dataset <> 'samusocial' or reporting_unit <> 'Pointe-Noire'"
            + " order by all"));
    // Pointe-Noire's files arrive when Palabre first sees them (today, long after their due dates); January's re-send keeps run 1
    assertEquals(List.of(
            row("2023-01", "1", "1", "0", "late", "2023-02-15", "first_seen", "samusocial/pn_2023-01.csv", firstRun),
            row("2023-02", "1", "1", "0", "late", "2023-03-15", "first_seen", "samusocial/pn_2023-02.csv", null),
            row("2023-03", "1", "1", "0", "late", "2023-04-15", "first_seen", "samusocial/pn_2023-03.csv", firstRun),
            row("2023-04", "1", "0", "0", "missing", "2023-05-15", null, null, null)),
        query("select period, expected, received, on_time, status, due_date, first_arrival_from, first_delivery_file,"
            + " case when first_seen_run = '" + firstRun + "' then first_seen_run end from marts.reporting_rates"
            + " where reporting_unit = 'Pointe-Noire' order by period"));
    assertEquals(List.of(row("1", "1")), query("select count(distinct first_seen_run) filter (where period = '2023-02'),"
        + " count(*) filter (where period = '2023-02' and first_seen_run <> '" + firstRun + "') from marts.reporting_rates"
        + " where reporting_unit = 'Pointe-Noire'"));
  }

  @Test
  void aLateReportReSentLaterStaysLate() throws Exception {
    List<String> februaryBefore = afterFirstRun.stream().filter(r -> r.get(1).equals("CSCom A") && r.get(2).equals("2023-02")).findFirst()
        .orElseThrow();
    assertEquals(List.of("1", "1", "0", "late", "2023-03-10", "2023-03-25", "lastUpdated", "dhis2/jan_feb.json"),
        februaryBefore.subList(3, 11));
    // the re-send counts (its value replaces the first), but the report's arrival is its first delivery's
    assertEquals(List.of(row("6.0")), query("select value from marts.observations where source_file = 'dhis2/feb_corrected.json'"
        + " and period = '2023-02'"));
    assertEquals(List.of(row("late", "dhis2/jan_feb.json")),
        query("select status, first_delivery_file from marts.reporting_rates where reporting_unit = 'CSCom A' and period = '2023-02'"));
    // after the first run, April was not expected yet: the data set had no value after March
    assertEquals(0, afterFirstRun.stream().filter(r -> r.get(1).equals("CSCom A") && r.get(2).equals("2023-04")).count());
    assertNotEquals(afterFirstRun, query("select " + COLUMNS + " from marts.reporting_rates order by all"));
  }

  @Test
  void theTotalsAndTheIndicatorsAddTheReportsUp() throws Exception {
    // 2023: A 4 expected / 4 received / 3 on time; B 4 / 2 / 2; Pointe-Noire 4 / 3 / 0; Casablanca 2 quarterly / 0 / 0
    assertEquals(List.of(
            row("year", "2023", null, "14", "9", "5", "4", "5", "0"),
            row("year", "2023", "DS_TEST_MENSUEL", "8", "6", "5", "1", "2", "0"),
            row("year", "2023", "samusocial", "6", "3", "0", "3", "3", "0")),
        query("select period_type, period, dataset, expected, received, on_time, late, missing, pending from marts.reporting_rate_totals"
            + " where member is null and country_iso2 is null and period_type = 'year' order by dataset nulls first"));
    // the first quarter: A and B 3 months each, Pointe-Noire 3, Casablanca 1 (quarterly); received: A 3, B 2, Pointe-Noire 3;
    // on time: A's January and March, B's January and March
    assertEquals(List.of(row("10", "8", "4")), query("select expected, received, on_time from marts.reporting_rate_totals"
        + " where member is null and country_iso2 is null and dataset is null and period = '2023Q1'"));
    assertEquals(List.of(row("reporting_rate", "9.0", "14.0", "64.28571428571429"), row("reporting_rate_on_time", "5.0", "14.0",
            "35.714285714285715")),
        query("select indicator_code, numerator, denominator, value from marts.indicator_values where indicator_code like 'reporting%'"
            + " and period = '2023' and member is null and country_iso2 is null and dimension_name is null order by 1"));
    // by member: mali-sante's two CSComs, samusocial-pn, samusocial-casablanca
    assertEquals(List.of(row("mali-sante", "8", "6", "5"), row("samusocial-casablanca", "2", "0", "0"), row("samusocial-pn", "4", "3", "0")),
        query("select member, expected, received, on_time from marts.reporting_rate_totals where period = '2023' and member is not null"
            + " and country_iso2 is null and dataset is null order by member"));
  }
}
