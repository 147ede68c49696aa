package org.palabre.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;

/**
 * The report and the data dictionary on a warehouse made by hand for what they must show: a
 * target of a single year as a marker, a line broken where years are missing, latest values with
 * their breakdown and the network total, "not reported" for a value nothing feeds, the latest
 * run's load report only; and both on an audience file, which holds only marts.
 */
class IndicatorReportTest {

  @TempDir Path dir;

  static void marts(Statement st, boolean withLoadReport) throws Exception {
    st.execute("create schema meta");
    st.execute("create table meta.build_info as select 'run-2' as run_id, timestamp '2024-06-01 12:00:00' as built_at");
    st.execute("create schema marts");
    st.execute("create table marts.indicator_catalogue as select 'surgical_missions' as indicator_code, 'Surgical missions' as name_en,"
        + " 'Missions chirurgicales' as name_fr, 'A' as priority, 'missions' as unit, 'count of missions' as formula, 'sum' as aggregation,"
        + " 'status' as disaggregations, 'Missions carried out' as definition_en, 'Missions réalisées' as definition_fr");
    st.execute("create table marts.indicator_values as select indicator_code, 'year' as period_type, period,"
        + " make_date(cast(period as integer), 1, 1) as period_start, make_date(cast(period as integer), 12, 31) as period_end,"
        + " member, null::varchar as country_iso2, null::varchar as adm1, null::varchar as adm2, null::varchar as org_unit,"
        + " null::varchar as sex, null::varchar as age_group, null::varchar as pathology, dimension_name, dimension_value,"
        + " cast(value as double) as value, null::double as numerator, null::double as denominator, cast(target as double) as target,"
        + " false as suppressed, case when value is null then 'not_reported' else 'reported' end as value_status from (values"
        + " ('surgical_missions', '2016', null, null, null, 8, null),"
        + " ('surgical_missions', '2017', null, null, null, 9, null),"
        + " ('surgical_missions', '2022', null, null, null, 12, 10),"
        + " ('surgical_missions', '2022', 'mdm-fr', 'status', 'active', 5, null),"
        + " ('surgical_missions', '2022', 'mdm-fr', 'status', 'closed', 2, null),"
        + " ('surgical_missions', '2022', 'mdm-fr', null, null, 7, null),"
        + " ('surgical_missions', '2022', 'mdm-nl', null, null, null, null))"
        + " t(indicator_code, period, member, dimension_name, dimension_value, value, target)");
    if (withLoadReport) {
      st.execute("create table marts.load_report as select * from (values"
          + " ('run-1', timestamp '2024-05-01 10:00:00', 'missions', 'a.json', 10, 10, 0),"
          + " ('run-1', timestamp '2024-05-01 10:00:00', 'missions', 'b.json', 10, 9, 1),"
          + " ('run-2', timestamp '2024-06-01 10:00:00', 'missions', 'c.json', 5, 5, 0))"
          + " t(run_id, run_at, source_family, source_file, rows_read, rows_loaded, rows_rejected)");
    }
  }

  @Test
  void theReportShowsSingleYearTargetsGapsBreakdownsAndTheLatestRunOnly() throws Exception {
    Path warehouse = dir.resolve("palabre.duckdb");
    try (Connection db = DuckDb.open(warehouse, false); Statement st = db.createStatement()) {
      marts(st, true);
    }
    String html;
    try (Connection db = DuckDb.open(warehouse, true)) {
      html = Files.readString(IndicatorReport.write(db, dir.resolve("report")));
    }
    Matcher svg = Pattern.compile("<svg class=\"chart\"[^>]*data-indicator=\"surgical_missions\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(html);
    assertTrue(svg.find(), html);
    String chart = svg.group(1);
    assertTrue(chart.contains("<path class=\"target-point\""), "the single year's target is a marker: " + chart);
    assertTrue(chart.contains("<title>2022 target: 10</title>"), chart);
    Matcher series = Pattern.compile("<path class=\"series\" d=\"([^\"]+)\"").matcher(chart);
    assertTrue(series.find(), chart);
    assertEquals(2, series.group(1).split("M").length - 1, "2016-2017, then 2022 alone: the line breaks at the missing years: " + series.group(1));
    assertTrue(series.group(1).contains(" L"), series.group(1));

    assertTrue(html.contains("<th>Breakdown</th>"), html);
    assertTrue(html.contains("<tr class=\"total\"><td>all members</td><td>all countries</td><td>all</td><td class=\"num\">12</td>"), html);
    assertTrue(html.contains("<td>mdm-fr</td><td>all countries</td><td>status: active</td><td class=\"num\">5</td>"), html);
    assertTrue(html.contains("<td>mdm-fr</td><td>all countries</td><td>status: closed</td><td class=\"num\">2</td>"), html);
    assertTrue(html.contains("<td>mdm-nl</td><td>all countries</td><td>all</td><td class=\"num\">not reported</td>"), html);
    assertFalse(html.contains(">0 %<") || html.contains(">0.00<"), html);

    assertTrue(html.contains("Latest run run-2"), html);
    assertTrue(html.matches("(?s).*<td>missions</td><td class=\"num\">1</td><td class=\"num\">5</td><td class=\"num\">5</td><td class=\"num\">0</td>.*"),
        "only the latest run's files: " + html.substring(html.indexOf("load-report")));
  }

  @Test
  void theReportAndTheDictionaryWorkOnAnAudienceFile() throws Exception {
    Path audience = dir.resolve("audiences/mdm-fr.duckdb");
    Files.createDirectories(audience.getParent());
    try (Connection db = DuckDb.open(audience, false); Statement st = db.createStatement()) {
      marts(st, false);
    }
    String html;
    try (Connection db = DuckDb.open(audience, true)) {
      html = Files.readString(IndicatorReport.write(db, dir.resolve("member-report")));
    }
    assertTrue(html.contains("The load report is the network's"), html);
    String docs = Files.readString(DataDictionary.write(audience, dir.resolve("member-docs")));
    assertTrue(docs.contains("<code>marts.indicator_values</code> Indicator values <i>/ Valeurs des indicateurs</i>"), docs);
    assertTrue(docs.contains("<td><code>period_type</code></td><td>VARCHAR</td><td>Period type</td><td>Type de période</td>"), docs);
    assertFalse(docs.contains("<code>marts.load_report</code>"), "a member's dictionary lists the marts it reads");
  }
}
