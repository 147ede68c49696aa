package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * core.dim_period on DHIS2's periods: a week (or two) belongs to the month, quarter and year of its
 * middle day, its Thursday for a Monday week (DHIS2's rule, ISO 8601's: 2024W5, 29 January to 4
 * February, is February's; 2020W53 is 2020's); a longer period to those
 * that wholly contain it only. The shipped model and its data tests, on staging tables holding only
 * the dates it reads.
 */
class DimPeriodTest {

  @Test
  void weeksCountInTheMonthOfTheirThursdayAndLongerPeriodsOnlyWhereTheyFitWhole() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      st.execute("create schema staging");
      st.execute("create schema core");
      st.execute("create table staging.stg_lake__figure_periods (period_type varchar, period varchar, period_start date, period_end date)");
      st.execute("""
          insert into staging.stg_lake__figure_periods values
            ('week', '2020W53', '2020-12-28', '2021-01-03'),
            ('week', '2026W1', '2025-12-29', '2026-01-04'),
            ('week', '2024W5', '2024-01-29', '2024-02-04'),
            ('biweek', '2024BiW1', '2024-01-01', '2024-01-14'),
            ('bimonth', '202401B', '2024-01-01', '2024-02-29'),
            ('financial_year', '2023July', '2023-07-01', '2024-06-30'),
            ('month', '2024-02', '2024-02-01', '2024-02-29')
          """);
      st.execute("create table staging.stg_lake__runs (started_at timestamp)");
      for (String table : List.of("stg_reference__expected_reports (from_date date, to_date date)",
          "stg_mdm__missions (start_date date, end_date date, transfer_actual_date date)", "stg_mdm__alerts (date_raised date)",
          "stg_mdm__partnerships (start_date date, end_date date)", "stg_mdm__partner_survey_answers (submission_date date)",
          "stg_reference__advocacy_actions (action_date date)", "stg_iati__budgets (period_start date, period_end date)",
          "stg_iati__transactions (transaction_date date)")) {
        st.execute("create table staging." + table);
      }
      ShippedModels.build(st, "core.dim_period");
      assertEquals(List.of(
              "2020W53 | 2020-12 | 2020Q4 | 2020",
              "2023July | null | null | null",
              "2024-02 | 2024-02 | 2024Q1 | 2024",
              "202401B | null | 2024Q1 | 2024",
              "2024BiW1 | 2024-01 | 2024Q1 | 2024",
              "2024W5 | 2024-02 | 2024Q1 | 2024",
              "2026W1 | 2026-01 | 2026Q1 | 2026"),
          ShippedModels.rows(st, "select period, month, quarter, year from core.dim_period"
              + " where period in ('2020W53', '2026W1', '2024W5', '2024BiW1', '202401B', '2023July', '2024-02') order by period"));
      // the calendar: every month, quarter and year of the years the dates span (2020 to 2026)
      assertEquals(List.of("month | 84", "quarter | 28", "year | 7"),
          ShippedModels.rows(st, "select period_type, count(*) from core.dim_period where period_type in ('month', 'quarter', 'year')"
              + " group by 1 order by 1"));
    }
  }
}
