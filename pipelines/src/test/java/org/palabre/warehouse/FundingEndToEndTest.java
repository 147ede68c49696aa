package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;

/**
 * IATI funding files to the funding marts and indicators, on real parts (direct runner, Parquet,
 * DuckDB). Figures computed by hand below; the rate table is found by its header under reference/.
 */
class FundingEndToEndTest {

  @TempDir Path dir;
  Path input;
  Path lake;
  Path warehouse;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  static final String RATES = """
      rate_date,currency,units_per_eur
      2020-01-01,CAD,1.5
      2020-01-01,USD,1.1
      2020-01-01,XOF,655.957
      """;

  /*
   * A: AFD publishes, Samusocial Sénégal implements (member samusocial-sn). EUR.
   *    budgets 2023 100,000 (original); 2024 120,000 original replaced by 150,000 revised
   *    disbursements 2023-03-01 60,000 from FR-3; 2024-02-01 90,000 (no provider-org: the reporting org)
   *    expenditure 2023-12-31 XOF 13,119,140 = 20,000 EUR
   * B: Global Affairs Canada publishes, Université de Montréal implements (mali-sante). CAD at 1.5.
   *    budget 2023-04-01..2024-03-31 (366 days) CAD 549,000 = 366,000 EUR: 275 days in 2023 = 275,000, 91 in 2024 = 91,000
   *    disbursement 2023-06-30 CAD 300,000 = 200,000 EUR; expenditure 2024-03-31 CAD 90,000 = 60,000 EUR
   * C: MdM France publishes (reporting org is the member; no implementing org). EUR.
   *    budget 2023 50,000; incoming funds 2023: FA 30,000 + FA USD 11,000 (10,000 EUR) + "Fondation B" 10,000;
   *    incoming commitment (11) 1,000,000 from Fondation B: not funds; expenditure in MGA: no rate, rejected
   */
  static final String FUNDING = """
      <?xml version="1.0" encoding="UTF-8"?>
      <iati-activities version="2.03">
        <iati-activity default-currency="EUR">
          <iati-identifier>FR-3-A</iati-identifier>
          <reporting-org ref="FR-3" type="10"><narrative>Agence française de développement</narrative></reporting-org>
          <participating-org ref="FR-3" role="1"><narrative>Agence française de développement</narrative></participating-org>
          <participating-org role="4"><narrative>Samusocial Sénégal</narrative></participating-org>
          <budget type="1"><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/><value value-date="2023-01-01">100000</value></budget>
          <budget type="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value value-date="2024-01-01">120000</value></budget>
          <budget type="2"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value value-date="2024-06-01">150000</value></budget>
          <transaction><transaction-type code="3"/><transaction-date iso-date="2023-03-01"/><value>60000</value><provider-org ref="FR-3"/></transaction>
          <transaction><transaction-type code="4"/><transaction-date iso-date="2023-12-31"/><value currency="XOF">13119140</value></transaction>
          <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/><value>90000</value></transaction>
        </iati-activity>
        <iati-activity default-currency="CAD">
          <iati-identifier>CA-3-B</iati-identifier>
          <reporting-org ref="CA-3" type="10"><narrative>Global Affairs Canada</narrative></reporting-org>
          <participating-org ref="CA-3" role="1"><narrative>Global Affairs Canada</narrative></participating-org>
          <participating-org role="4"><narrative>Université de Montréal</narrative></participating-org>
          <budget><period-start iso-date="2023-04-01"/><period-end iso-date="2024-03-31"/><value value-date="2023-04-01">549000</value></budget>
          <transaction><transaction-type code="3"/><transaction-date iso-date="2023-06-30"/><value>300000</value><provider-org ref="CA-3"/></transaction>
          <transaction><transaction-type code="4"/><transaction-date iso-date="2024-03-31"/><value>90000</value></transaction>
        </iati-activity>
        <iati-activity default-currency="EUR">
          <iati-identifier>FR-MDM-C</iati-identifier>
          <reporting-org ref="FR-MDM" type="21"><narrative>Médecins du Monde France</narrative></reporting-org>
          <participating-org ref="FA" role="1"><narrative>Fondation A</narrative></participating-org>
          <budget><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/><value value-date="2023-01-01">50000</value></budget>
          <transaction><transaction-type code="1"/><transaction-date iso-date="2023-02-01"/><value>30000</value><provider-org ref="FA"><narrative>Fondation A</narrative></provider-org></transaction>
          <transaction><transaction-type code="1"/><transaction-date iso-date="2023-05-01"/><value currency="USD">11000</value><provider-org ref="FA"/></transaction>
          <transaction><transaction-type code="1"/><transaction-date iso-date="2023-06-01"/><value>10000</value><provider-org><narrative>Fondation B</narrative></provider-org></transaction>
          <transaction><transaction-type code="11"/><transaction-date iso-date="2023-06-01"/><value>1000000</value><provider-org><narrative>Fondation B</narrative></provider-org></transaction>
          <transaction><transaction-type code="4"/><transaction-date iso-date="2023-11-15"/><value currency="MGA">48500000</value></transaction>
        </iati-activity>
      </iati-activities>
      """;

  @BeforeEach
  void deliveries() throws Exception {
    input = dir.resolve("input");
    lake = dir.resolve("lake");
    warehouse = dir.resolve("wh/palabre.duckdb");
    Files.createDirectories(input.resolve("iati"));
    Files.createDirectories(input.resolve("reference"));
    Files.writeString(input.resolve("iati/funding.xml"), FUNDING, StandardCharsets.UTF_8);
    // any name: the header says it is a rate table; another reference CSV is not one
    Files.writeString(input.resolve("reference/taux_de_change.csv"), RATES, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("reference/advocacy_actions.csv"), "date,theme\n2023-01-01,health\n", StandardCharsets.UTF_8);
  }

  IngestJob.Result ingest() throws Exception {
    return new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), new PrintStream(log, true)).run();
  }

  void build() throws Exception {
    new WarehouseBuild(lake, warehouse, new PrintStream(log, true)).run(RunFiles.newRunId());
  }

  List<List<String>> query(String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EndToEndTest.rows(rs);
    }
  }

  /** indicator|member|org_unit|period -> numerator / denominator = value value_status, rounded to 4 decimals. */
  Map<String, String> indicators() throws Exception {
    Map<String, String> values = new TreeMap<>();
    for (List<String> r : query("select indicator_code, coalesce(member, '*'), coalesce(org_unit, '*'), period,"
        + " round(numerator, 2), round(denominator, 2), round(value, 4), value_status from marts.indicator_values"
        + " where indicator_code in ('budget_execution_rate', 'largest_donor_share')")) {
      values.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3), r.get(4) + " / " + r.get(5) + " = " + r.get(6) + " " + r.get(7));
    }
    return values;
  }

  @Test
  void fundingFilesBecomeBudgetExecutionAndDonorDependency() throws Exception {
    ingest();
    build();
    // rows: 3 activities + 5 budgets + 10 transactions; only the MGA expenditure is rejected
    assertEquals(List.of(List.of("iati/funding.xml", "18", "17", "1", "loaded")),
        query("select source_file, rows_read, rows_loaded, rows_rejected, status from marts.load_report where source_family = 'iati'"));
    List<List<String>> rejected = query("select source_line, reason from marts.rejected_rows where source_family = 'iati'");
    assertEquals(1, rejected.size());
    assertEquals("33", rejected.get(0).get(0));
    assertTrue(rejected.get(0).get(1).contains("48500000 MGA of 2023-11-15 not converted to EUR")
        && rejected.get(0).get(1).contains("Add a MGA rate dated on or before 2023-11-15 to the rate table in reference/"),
        rejected.get(0).get(1));

    assertEquals(List.of(
            List.of("CA-3-B", "Global Affairs Canada", "2023-04-01", "549000.0", "CAD", "366000.0", "true"),
            List.of("FR-3-A", "Agence française de développement", "2023-01-01", "100000.0", "EUR", "100000.0", "true"),
            List.of("FR-3-A", "Agence française de développement", "2024-01-01", "120000.0", "EUR", "120000.0", "false"),
            List.of("FR-3-A", "Agence française de développement", "2024-01-01", "150000.0", "EUR", "150000.0", "true"),
            List.of("FR-MDM-C", "Médecins du Monde France", "2023-01-01", "50000.0", "EUR", "50000.0", "true")),
        query("select iati_identifier, reporting_org, period_start, value, currency, value_eur, counts_in_budget"
            + " from marts.funding_budgets order by 1, 3, 4"));
    assertEquals(List.of("FR-3-A", "Agence française de développement", "4", "2023-12-31", "1.311914E7", "XOF", "2023-12-31", "20000.0"),
        query("select iati_identifier, reporting_org, transaction_type, transaction_date, value, currency, value_date, value_eur"
            + " from marts.funding_transactions where currency = 'XOF'").get(0));
    assertEquals(List.of(List.of("mali-sante", "CA-3-B"), List.of("mdm-fr", "FR-MDM-C"), List.of("samusocial-sn", "FR-3-A")),
        query("select distinct member, iati_identifier from marts.funding_transactions order by 1"));

    Map<String, String> v = indicators();
    // budget execution: spending / budget, calendar years, budgets pro rata of days. Spending is the
    // expenditure (4) where the activity-year reports any, else the disbursements (3), never both:
    // FR-3-A 2023 reports both (60,000 disbursed by AFD, 20,000 spent by Samusocial Sénégal) and counts 20,000
    assertEquals("20000.0 / 100000.0 = 20.0 reported", v.get("budget_execution_rate|samusocial-sn|FR-3-A|2023"));
    assertEquals("90000.0 / 150000.0 = 60.0 reported", v.get("budget_execution_rate|samusocial-sn|FR-3-A|2024"), "revised budget; disbursements only");
    assertEquals("200000.0 / 275000.0 = 72.7273 reported", v.get("budget_execution_rate|mali-sante|CA-3-B|2023"));
    assertEquals("60000.0 / 91000.0 = 65.9341 reported", v.get("budget_execution_rate|mali-sante|CA-3-B|2024"));
    // FR-MDM-C 2023: its only expenditure was rejected (no MGA rate): nothing reported is no value, not 0 %
    assertEquals("null / 50000.0 = null not_reported", v.get("budget_execution_rate|mdm-fr|FR-MDM-C|2023"));
    assertEquals("null / 50000.0 = null not_reported", v.get("budget_execution_rate|mdm-fr|*|2023"));
    // the network: the spending reported over every budget of the year
    assertEquals("220000.0 / 425000.0 = 51.7647 reported", v.get("budget_execution_rate|*|*|2023"));
    assertEquals("150000.0 / 241000.0 = 62.2407 reported", v.get("budget_execution_rate|*|*|2024"));
    // largest donor: incoming funds (1) of the member, else donors' disbursements (3) to it; commitments left out
    assertEquals("40000.0 / 50000.0 = 80.0 reported", v.get("largest_donor_share|mdm-fr|*|2023"));
    assertEquals("60000.0 / 60000.0 = 100.0 reported", v.get("largest_donor_share|samusocial-sn|*|2023"));
    assertEquals("200000.0 / 200000.0 = 100.0 reported", v.get("largest_donor_share|mali-sante|*|2023"));
    assertEquals("300000.0 / 310000.0 = 96.7742 reported", v.get("largest_donor_share|*|*|2023"));
    assertEquals("90000.0 / 90000.0 = 100.0 reported", v.get("largest_donor_share|*|*|2024"));
    assertEquals(null, v.get("largest_donor_share|mali-sante|*|2024"), "no funds came in for mali-sante in 2024");
  }

  @Test
  void aNewRateMakesTheIatiFileBeReadAgainAndTheRejectedValueLoads() throws Exception {
    ingest();
    Files.writeString(input.resolve("reference/taux_de_change.csv"), "2023-11-01,MGA,4800\n", StandardOpenOption.APPEND);
    IngestJob.Result second = ingest();
    build();
    assertEquals(2, second.newFiles(), "the corrected rate table itself, and the IATI file read again");
    String status = second.report().stream().filter(r -> r.sourceFamily().equals("iati")).findFirst().orElseThrow().status();
    assertTrue(status.startsWith("loaded, replaces the version of run")
        && status.endsWith("(same file; the mappings, the readers or its context changed)"), status);
    assertEquals(List.of(), query("select * from marts.rejected_rows where source_family = 'iati'"));
    assertEquals(List.of(List.of("MGA", "48500000", "10104.17", "2023-11-01")),
        query("select currency, value_text, value_eur, rate_date from marts.funding_transactions where currency = 'MGA'"));
    assertEquals(List.of(List.of("1")), query("select count(*) from marts.load_report where source_family = 'iati' and status like 'loaded, replaces%'"));
    // the expenditure now counts: FR-MDM-C 2023 goes from not reported to reported
    assertEquals("10104.17 / 50000.0 = 20.2083 reported", indicators().get("budget_execution_rate|mdm-fr|FR-MDM-C|2023"));
  }
}
