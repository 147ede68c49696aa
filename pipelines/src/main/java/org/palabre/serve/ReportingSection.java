package org.palabre.serve;

import static org.palabre.serve.IndicatorReport.esc;
import static org.palabre.serve.IndicatorReport.number;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The indicator report's "who has reported" section, as an M&E officer reads it each month: the
 * reporting rates of the last years against their targets (the network, then each member), the
 * completeness grid (each reporting unit of a monthly dataset x the months of its last years: on
 * time, late, missing, not due yet) and the outliers of the last twelve months of figures. It reads
 * marts.reporting_rate_totals, marts.reporting_rates, marts.outliers and the targets of
 * marts.indicator_values, and works on an audience file (a member sees its own units).
 */
final class ReportingSection {

  /** Years of the grid and of the rates table, the latest first. */
  static final int YEARS = 3;
  static final int OUTLIERS_LISTED = 20;

  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  private static final Map<String, String> STATUS = Map.of("on_time", "✓", "late", "L", "missing", "✗", "pending", "…");
  private static final Map<String, String> STATUS_NAMES =
      Map.of("on_time", "on time", "late", "late", "missing", "missing", "pending", "not due yet");

  /** One month of a reporting unit in the grid. */
  private record Cell(String status, String title) {}

  private ReportingSection() {}

  static void write(StringBuilder h, Connection db) throws SQLException {
    h.append("<section id=\"reporting\">\n<h2>Who has reported <span class=\"fr\">/ Qui a rapporté</span></h2>\n");
    if (!IndicatorReport.hasMart(db, "reporting_rates") || !IndicatorReport.hasMart(db, "reporting_rate_totals")) {
      h.append("<p class=\"meta\">This warehouse holds no reporting rates.</p>\n</section>\n");
      return;
    }
    h.append("<p class=\"definition\">A report is expected by the reporting calendar (<code>reference/expected_reports.csv</code>,"
        + " else the defaults), received when a delivery has at least one figure for it, on time when its first delivery"
        + " arrived by its due date.</p>\n");
    grid(h, db);
    rates(h, db);
    outliers(h, db);
    h.append("</section>\n");
  }

  /** The yearly rates of the last years, network first, with their targets (marts.indicator_values). */
  private static void rates(StringBuilder h, Connection db) throws SQLException {
    String place = " and %1$s.country_iso2 is null and %1$s.adm1 is null and %1$s.adm2 is null and %1$s.org_unit is null"
        + " and %1$s.sex is null and %1$s.age_group is null and %1$s.pathology is null and %1$s.dimension_name is null";
    String target = IndicatorReport.hasMart(db, "indicator_values")
        ? "(select max(v.target) from marts.indicator_values as v where v.indicator_code = '%2$s' and v.period_type = 'year'"
            + " and v.period = t.period and v.member is not distinct from t.member" + place.formatted("v") + ")"
        : "null";
    String sql = "select t.period, coalesce(t.member, 'all members'), t.expected, t.received, t.on_time, t.late, t.missing,"
        + " t.pending, t.reporting_rate, " + target.formatted("v", "reporting_rate") + ", t.reporting_rate_on_time, "
        + target.formatted("v", "reporting_rate_on_time") + " from marts.reporting_rate_totals as t"
        + " where t.period_type = 'year' and t.country_iso2 is null and t.dataset is null and t.period in (select distinct period"
        + " from marts.reporting_rate_totals where period_type = 'year' order by period desc limit " + YEARS + ")"
        + " order by t.period desc, t.member nulls first";
    h.append("<h3>Reporting rates against their target, by year</h3>\n");
    List<String> rows = new ArrayList<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder r = new StringBuilder(rs.getString(2).equals("all members") ? "<tr class=\"total\">" : "<tr>");
        r.append("<td>").append(esc(rs.getString(1))).append("</td><td>").append(esc(rs.getString(2))).append("</td>");
        for (int c = 3; c <= 8; c++) {
          r.append("<td class=\"num\">").append(rs.getLong(c)).append("</td>");
        }
        rate(r, (Double) rs.getObject(9, Double.class), (Double) rs.getObject(10, Double.class));
        rate(r, (Double) rs.getObject(11, Double.class), (Double) rs.getObject(12, Double.class));
        rows.add(r.append("</tr>\n").toString());
      }
    }
    if (rows.isEmpty()) {
      h.append("<p class=\"empty\">No report is expected yet.</p>\n");
      return;
    }
    h.append("<table class=\"rates\"><thead><tr><th>Year</th><th>Member</th><th>Expected</th><th>Received</th><th>On time</th>"
        + "<th>Late</th><th>Missing</th><th>Not due yet</th><th>Reporting rate</th><th>Target</th><th>On time rate</th>"
        + "<th>Target</th></tr></thead><tbody>\n");
    rows.forEach(h::append);
    h.append("</tbody></table>\n<p class=\"meta\">Late reports count as received, not on time. By dataset, country and month:"
        + " <code>./palabre query \"select * from marts.reporting_rate_totals\"</code></p>\n");
  }

  /** A rate and its target; the rate marked when below its target. */
  private static void rate(StringBuilder r, Double rate, Double target) {
    boolean below = rate != null && target != null && rate < target;
    r.append(below ? "<td class=\"num below\">" : "<td class=\"num\">").append(rate == null ? "" : esc(number(rate)) + " %")
        .append("</td><td class=\"num\">").append(target == null ? "" : esc(number(target)) + " %").append("</td>");
  }

  /** The grid of monthly reports: one row per dataset, reporting unit and year (each dataset's last years). */
  private static void grid(StringBuilder h, Connection db) throws SQLException {
    String sql = "with monthly as (select dataset, reporting_unit, member, year(period_start) as yr, month(period_start) as mo,"
        + " period, status, due_date, first_arrival_at, first_arrival_from, first_delivery_file from marts.reporting_rates"
        + " where period_type = 'month' and dataset <> 'missions'),"
        + " years as (select dataset, yr from (select distinct dataset, yr from monthly)"
        + " qualify row_number() over (partition by dataset order by yr desc) <= " + YEARS + ")"
        + " select m.* from monthly as m inner join years as y on y.dataset = m.dataset and y.yr = m.yr"
        + " order by m.dataset, m.reporting_unit, m.member, m.yr, m.mo";
    Map<String, Cell[]> rows = new LinkedHashMap<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String key = rs.getString(1) + "\u0000" + rs.getString(2) + " (" + rs.getString(3) + ")\u0000" + rs.getInt(4);
        Cell[] months = rows.computeIfAbsent(key, k -> new Cell[12]);
        String status = rs.getString(7);
        StringBuilder title = new StringBuilder(rs.getString(2) + " " + rs.getString(6) + ": " + STATUS_NAMES.get(status)
            + ", due " + rs.getDate(8));
        if (rs.getTimestamp(9) != null) {
          title.append(", arrived ").append(rs.getTimestamp(9).toLocalDateTime().toLocalDate()).append(" (")
              .append(rs.getString(10).equals("first_seen") ? "first seen by Palabre" : "DHIS2 " + rs.getString(10))
              .append(", ").append(rs.getString(11)).append(')');
        }
        months[rs.getInt(5) - 1] = new Cell(status, title.toString());
      }
    }
    h.append("<h3 id=\"completeness-grid\">Completeness grid: monthly reports by reporting unit</h3>\n");
    if (rows.isEmpty()) {
      h.append("<p class=\"empty\">No monthly report is expected yet.</p>\n");
      return;
    }
    h.append("<p class=\"legend meta\"><span class=\"cell on_time\">✓ on time</span><span class=\"cell late\">L late</span>"
        + "<span class=\"cell missing\">✗ missing</span><span class=\"cell pending\">… not due yet</span>"
        + " blank: not expected. Each dataset's last ").append(YEARS).append(" years.</p>\n");
    h.append("<table class=\"grid\"><thead><tr><th>Dataset</th><th>Reporting unit (member)</th><th>Year</th>");
    for (String m : MONTHS) {
      h.append("<th>").append(m).append("</th>");
    }
    h.append("<th>Received</th></tr></thead><tbody>\n");
    for (Map.Entry<String, Cell[]> row : rows.entrySet()) {
      String[] key = row.getKey().split("\u0000");
      h.append("<tr><td>").append(esc(key[0])).append("</td><td>").append(esc(key[1])).append("</td><td>").append(esc(key[2]))
          .append("</td>");
      int expected = 0;
      int received = 0;
      for (Cell c : row.getValue()) {
        if (c == null) {
          h.append("<td class=\"cell\"></td>");
          continue;
        }
        expected++;
        received += c.status().equals("on_time") || c.status().equals("late") ? 1 : 0;
        h.append("<td class=\"cell ").append(c.status()).append("\" title=\"").append(esc(c.title())).append("\">")
            .append(STATUS.get(c.status())).append("</td>");
      }
      h.append("<td class=\"num\">").append(received).append(" / ").append(expected).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"meta\">Every report, with its due date, first arrival and file:"
        + " <code>./palabre query \"select * from marts.reporting_rates where status &lt;&gt; 'on_time'\"</code></p>\n");
  }

  /** The outliers of the twelve months up to the latest figure, one row per figure. */
  private static void outliers(StringBuilder h, Connection db) throws SQLException {
    h.append("<h3 id=\"outliers\">Outliers of the last twelve months <span class=\"fr\">/ Valeurs aberrantes</span></h3>\n");
    if (!IndicatorReport.hasMart(db, "outliers")) {
      h.append("<p class=\"meta\">This warehouse holds no outliers.</p>\n");
      return;
    }
    String latest = IndicatorReport.hasMart(db, "observations")
        ? "(select max(period_end) from marts.observations where period_type in ('month', 'quarter', 'year'))"
        : "(select max(period_end) from marts.outliers)";
    String since = "(" + latest + " - interval 12 month + interval 1 day)";
    String sql = "select source_file, source_line, reporting_unit, metric_code, nullif(concat_ws(' ', sex, age_group), ''),"
        + " period, max(value), string_agg(method || case when method = 'min_max' then '' else ' ' || outlier_score end, ', '"
        + " order by method), min(expected_low), max(expected_high), max(period_end) as period_end, cast(" + since + " as date)"
        + " from marts.outliers where period_end >= " + since
        + " group by source_file, source_sheet, source_line, source_column, reporting_unit, metric_code, sex, age_group, period"
        + " order by period_end desc, source_file, source_line limit " + OUTLIERS_LISTED;
    List<String> rows = new ArrayList<>();
    String from = null;
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        from = String.valueOf(rs.getObject(12));
        rows.add("<tr><td>" + esc(rs.getString(1)) + ":" + rs.getLong(2) + "</td><td>" + esc(rs.getString(3)) + "</td><td>"
            + esc(rs.getString(4)) + (rs.getString(5) == null ? "" : " (" + esc(rs.getString(5)) + ")") + "</td><td>"
            + esc(rs.getString(6)) + "</td><td class=\"num\">" + esc(number(rs.getDouble(7))) + "</td><td class=\"num\">"
            + esc(number((Double) rs.getObject(9, Double.class))) + " – " + esc(number((Double) rs.getObject(10, Double.class)))
            + "</td><td>" + esc(rs.getString(8)) + "</td></tr>\n");
      }
    }
    long all;
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
        "select count(distinct source_file || ':' || source_line || ':' || source_column) from marts.outliers")) {
      rs.next();
      all = rs.getLong(1);
    }
    if (rows.isEmpty()) {
      h.append("<p class=\"meta\">No figure of the last twelve months is far from its series' usual values")
          .append(all == 0 ? "." : String.format(Locale.ROOT, " (%,d earlier: <code>marts.outliers</code>).", all)).append("</p>\n");
      return;
    }
    h.append("<table class=\"outliers\"><thead><tr><th>File:line</th><th>Reporting unit</th><th>Metric</th><th>Period</th>"
        + "<th>Value</th><th>Usual range</th><th>Method (score)</th></tr></thead><tbody>\n");
    rows.forEach(h::append);
    h.append("</tbody></table>\n<p class=\"meta\">Warnings, never rejects: these figures count. Since ").append(esc(from))
        .append(String.format(Locale.ROOT, "; %,d figures flagged in all: ", all))
        .append("<code>./palabre query \"select * from marts.outliers\"</code></p>\n");
  }
}
