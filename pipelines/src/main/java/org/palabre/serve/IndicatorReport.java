package org.palabre.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The indicator report: one self-contained HTML page (no script, no font, no image from anywhere:
 * it opens offline and its Content-Security-Policy forbids any fetch) with, for each indicator of
 * the catalogue, its definition, a time-series chart of the network total against its target
 * (inline SVG drawn here: the line breaks where a period has no value, a target of a single year
 * is a marker), the latest values of the network, by member and country, with their breakdown
 * ("not reported" where nothing was reported), and the load report of the latest run. It opens
 * with who has reported ({@link ReportingSection}: reporting rates against their targets, the
 * completeness grid, the latest outliers).
 *
 * <p>It reads the warehouse or any audience file: an audience without the load report (a
 * member's) gets a line saying it is the network's.
 */
public final class IndicatorReport {

  /** One point of a series: a period (its first and last day), its value and its target (either may be null). */
  record Point(String period, long day, long lastDay, Double value, Double target) {
    /** True when this period starts the day after the previous one ends: no period is missing between them. */
    boolean follows(Point previous) {
      return previous != null && day == previous.lastDay() + 1;
    }
  }

  /** What the report says about one indicator. */
  record Indicator(String code, String nameEn, String nameFr, String priority, String unit, String formula,
      String definitionEn, String definitionFr, String periodType, List<Point> series, List<String[]> latest, String latestPeriod) {}

  static final int WIDTH = 760;
  static final int HEIGHT = 280;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 50;

  private IndicatorReport() {}

  /** Writes {@code index.html} into the folder and returns its path. */
  public static Path write(Connection db, Path folder) throws SQLException, IOException {
    String html = render(db);
    Files.createDirectories(folder);
    Path file = folder.resolve("index.html");
    Path tmp = Files.createTempFile(folder, ".index-", ".html.part");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  static String render(Connection db) throws SQLException {
    List<Indicator> indicators = indicators(db);
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Palabre — network indicators</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<header><h1>Network indicators <span class=\"fr\">/ Indicateurs du réseau</span></h1>\n");
    h.append("<p class=\"meta\">").append(buildInfo(db)).append("</p>\n");
    h.append("<nav><ul><li><a href=\"#reporting\">Who has reported</a></li>");
    for (Indicator i : indicators) {
      h.append("<li><a href=\"#").append(esc(i.code())).append("\">").append(esc(i.nameEn())).append("</a></li>");
    }
    h.append("<li><a href=\"#load-report\">Load report</a></li></ul></nav></header>\n<main>\n");
    // what an M&E officer asks first: who has reported, who is late, which figures look wrong
    ReportingSection.write(h, db);
    for (Indicator i : indicators) {
      section(h, i);
    }
    loadReport(h, db);
    h.append("</main>\n<footer>Made by <code>palabre report</code> from the warehouse's marts. A blank value is a small count"
        + " suppressed to protect people (fewer than the small-cell threshold).</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String buildInfo(Connection db) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select run_id, built_at from meta.build_info")) {
      return rs.next() ? "Warehouse built " + esc(String.valueOf(rs.getTimestamp(2)).replaceAll("\\.\\d+$", "")) + " (run "
          + esc(rs.getString(1)) + ")" : "";
    }
  }

  static List<Indicator> indicators(Connection db) throws SQLException {
    List<Indicator> list = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select indicator_code, name_en, name_fr, priority, unit, formula, definition_en, definition_fr"
            + " from marts.indicator_catalogue order by priority, indicator_code")) {
      while (rs.next()) {
        String code = rs.getString(1);
        String periodType = chartPeriodType(db, code);
        List<Point> series = periodType == null ? List.of() : series(db, code, periodType);
        String latestPeriod = null;
        List<String[]> latest = List.of();
        if (periodType != null) {
          latestPeriod = latestPeriod(db, code, periodType);
          latest = latest(db, code, periodType, latestPeriod);
        }
        list.add(new Indicator(code, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7), rs.getString(8), periodType, series, latest, latestPeriod));
      }
    }
    return list;
  }

  private static final String NETWORK_TOTAL = "member is null and country_iso2 is null and adm1 is null and adm2 is null"
      + " and org_unit is null and sex is null and age_group is null and pathology is null and dimension_name is null";

  /**
   * Years when the network has yearly targets (targets are yearly: the chart is then drawn
   * against them) and at least two years; else quarters when there are at least four, else years
   * when at least two, else months, else whatever there is.
   */
  static String chartPeriodType(Connection db, String code) throws SQLException {
    Map<String, Integer> points = new LinkedHashMap<>();
    boolean targets;
    try (PreparedStatement ps = db.prepareStatement("select count(*) from marts.indicator_values"
        + " where indicator_code = ? and period_type = 'year' and target is not null and " + NETWORK_TOTAL)) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        targets = rs.next() && rs.getLong(1) > 0;
      }
    }
    try (PreparedStatement ps = db.prepareStatement("select period_type, count(distinct period) from marts.indicator_values"
        + " where indicator_code = ? and " + NETWORK_TOTAL + " group by period_type")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          points.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    if (targets && points.getOrDefault("year", 0) >= 2) {
      return "year";
    }
    if (points.getOrDefault("quarter", 0) >= 4) {
      return "quarter";
    }
    if (points.getOrDefault("year", 0) >= 2) {
      return "year";
    }
    if (points.getOrDefault("month", 0) >= 2) {
      return "month";
    }
    return points.keySet().stream().sorted().findFirst().orElse(null);
  }

  static List<Point> series(Connection db, String code, String periodType) throws SQLException {
    List<Point> points = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement("select period, min(period_start), max(period_end), max(value), max(target)"
        + " from marts.indicator_values where indicator_code = ? and period_type = ? and " + NETWORK_TOTAL + " group by period order by period")) {
      ps.setString(1, code);
      ps.setString(2, periodType);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          points.add(new Point(rs.getString(1), rs.getDate(2).toLocalDate().toEpochDay(), rs.getDate(3).toLocalDate().toEpochDay(),
              number(rs.getObject(4)), number(rs.getObject(5))));
        }
      }
    }
    return points;
  }

  private static String latestPeriod(Connection db, String code, String periodType) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("select max(period) from marts.indicator_values where indicator_code = ? and period_type = ?")) {
      ps.setString(1, code);
      ps.setString(2, periodType);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * The latest period's values of the network and by member, country and member x country, each
   * with its breakdown (the dimension without a column of its own: status, category, theme...), so
   * that no two rows look alike; no finer place and no sex, age or pathology.
   */
  private static List<String[]> latest(Connection db, String code, String periodType, String period) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    String status = hasColumn(db, "indicator_values", "value_status") ? "value_status" : "null";
    try (PreparedStatement ps = db.prepareStatement("select coalesce(member, 'all members'), coalesce(country_iso2, 'all countries'),"
        + " case when dimension_name is null then 'all' else dimension_name || ': ' || coalesce(dimension_value, '') end,"
        + " value, numerator, denominator, target, suppressed, " + status + " from marts.indicator_values"
        + " where indicator_code = ? and period_type = ? and period = ? and adm1 is null and adm2 is null and org_unit is null"
        + " and sex is null and age_group is null and pathology is null"
        + " order by member nulls first, country_iso2 nulls first, dimension_name nulls first, dimension_value")) {
      ps.setString(1, code);
      ps.setString(2, periodType);
      ps.setString(3, period);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
              valueText(number(rs.getObject(4)), rs.getBoolean(8), rs.getString(9)),
              number(number(rs.getObject(5))), number(number(rs.getObject(6))), number(number(rs.getObject(7)))});
        }
      }
    }
    return rows;
  }

  /** A value as the report prints it: the number, else why there is none. */
  static String valueText(Double value, boolean suppressed, String status) {
    if (suppressed || "suppressed".equals(status)) {
      return "suppressed";
    }
    if (value != null) {
      return number(value);
    }
    return "no_denominator".equals(status) ? "no denominator" : "not reported";
  }

  private static Double number(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  static boolean hasColumn(Connection db, String table, String column) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("select 1 from information_schema.columns where table_schema = 'marts'"
        + " and table_name = ? and column_name = ?")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static boolean hasMart(Connection db, String mart) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("select 1 from information_schema.tables where table_schema = 'marts' and table_name = ?")) {
      ps.setString(1, mart);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void section(StringBuilder h, Indicator i) {
    h.append("<section class=\"indicator\" id=\"").append(esc(i.code())).append("\">\n");
    h.append("<h2>").append(esc(i.nameEn())).append(" <span class=\"fr\">/ ").append(esc(i.nameFr())).append("</span></h2>\n");
    h.append("<p class=\"meta\"><code>").append(esc(i.code())).append("</code> · priority ").append(esc(i.priority()))
        .append(" · unit ").append(esc(i.unit())).append(" · ").append(esc(i.formula())).append("</p>\n");
    h.append("<p class=\"definition\">").append(esc(i.definitionEn())).append("</p>\n");
    h.append("<p class=\"definition fr\" lang=\"fr\">").append(esc(i.definitionFr())).append("</p>\n");
    if (i.series().isEmpty()) {
      h.append("<p class=\"empty\">No values yet: no delivery feeds this indicator.</p>\n</section>\n");
      return;
    }
    h.append("<figure>\n").append(chart(i)).append("<figcaption>Network total by ").append(esc(i.periodType()))
        .append(i.series().stream().anyMatch(p -> p.target() != null)
            ? ", against its target (dashed line; a target of a single " + esc(i.periodType()) + " is a diamond)" : "; no target set yet")
        .append(". The line breaks where a period has no value.</figcaption>\n</figure>\n");
    h.append("<h3>Latest values (").append(esc(i.periodType())).append(' ').append(esc(i.latestPeriod()))
        .append("): network, members and countries</h3>\n");
    if (i.latest().isEmpty()) {
      h.append("<p class=\"empty\">No value for this period.</p>\n");
    } else {
      h.append("<table><thead><tr><th>Member</th><th>Country</th><th>Breakdown</th><th>Value</th><th>Numerator</th><th>Denominator</th>"
          + "<th>Target</th></tr></thead><tbody>\n");
      for (String[] row : i.latest()) {
        h.append(row[0].equals("all members") && row[1].equals("all countries") && row[2].equals("all") ? "<tr class=\"total\">" : "<tr>");
        for (int c = 0; c < row.length; c++) {
          h.append(c >= 3 ? "<td class=\"num\">" : "<td>").append(esc(row[c])).append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    h.append("</section>\n");
  }

  /** The time series as an inline SVG line chart: value (solid) and target (dashed), axis from zero. */
  static String chart(Indicator i) {
    List<Point> points = i.series();
    double max = 0;
    for (Point p : points) {
      max = Math.max(max, p.value() == null ? 0 : p.value());
      max = Math.max(max, p.target() == null ? 0 : p.target());
    }
    double top = niceCeiling(max);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    int n = points.size();
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
        .append(esc(i.nameEn())).append(" by ").append(esc(i.periodType())).append("\" data-indicator=\"").append(esc(i.code())).append("\">\n");
    for (int t = 0; t <= 4; t++) {
      double v = top * t / 4;
      double y = TOP + plotH - plotH * t / 4.0;
      s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y, WIDTH - RIGHT, y));
      s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, y + 4, esc(number(v))));
    }
    double lastLabel = Double.MAX_VALUE;
    for (int k = n - 1; k >= 0; k--) {
      // from the latest period back, a label wherever there is room for one
      double x = x(points, k, plotW);
      if (lastLabel - x >= 52) {
        s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x,
            HEIGHT - BOTTOM + 18, esc(points.get(k).period())));
        lastLabel = x;
      }
    }
    s.append(String.format(Locale.ROOT, "\n<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH));
    s.append(String.format(Locale.ROOT, "<text class=\"unit\" x=\"%d\" y=\"%d\">%s</text>\n", 4, TOP - 6, esc(i.unit())));
    String value = path(points, n, plotW, plotH, top, true);
    String target = path(points, n, plotW, plotH, top, false);
    if (!target.isEmpty()) {
      s.append("<path class=\"target\" d=\"").append(target).append("\"/>\n");
    }
    if (!value.isEmpty()) {
      s.append("<path class=\"series\" d=\"").append(value).append("\"/>\n");
    }
    for (int k = 0; k < n; k++) {
      Point p = points.get(k);
      boolean joined = (k > 0 && points.get(k - 1).target() != null && p.follows(points.get(k - 1)))
          || (k + 1 < n && points.get(k + 1).target() != null && points.get(k + 1).follows(p));
      if (p.target() != null && !joined) {
        // a target no line reaches (a single year's): a diamond
        double x = x(points, k, plotW);
        double y = y(p.target(), plotH, top);
        s.append(String.format(Locale.ROOT, "<path class=\"target-point\" d=\"M%.1f %.1f l6 6 l-6 6 l-6 -6 z\"><title>%s target: %s</title></path>",
            x, y - 6, esc(p.period()), esc(number(p.target()))));
      }
      if (p.value() != null) {
        s.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s: %s</title></circle>", x(points, k, plotW),
            y(p.value(), plotH, top), esc(p.period()), esc(number(p.value()))));
      }
    }
    s.append("\n</svg>\n");
    return s.toString();
  }

  /** An SVG path through the values (or targets); a missing value, or a missing period, breaks the line. */
  private static String path(List<Point> points, int n, int plotW, int plotH, double top, boolean values) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int k = 0; k < n; k++) {
      Double v = values ? points.get(k).value() : points.get(k).target();
      if (v == null) {
        pen = false;
        continue;
      }
      if (k > 0 && !points.get(k).follows(points.get(k - 1))) {
        pen = false;
      }
      d.append(pen ? " L" : (d.length() == 0 ? "M" : " M"))
          .append(String.format(Locale.ROOT, "%.1f %.1f", x(points, k, plotW), y(v, plotH, top)));
      pen = true;
    }
    if (values && n == 1 && d.length() > 0) {
      // one period: a short flat stroke, so that the series is visible
      d.append(String.format(Locale.ROOT, " h%d", 1));
    }
    return d.toString();
  }

  /** Periods are placed by their start date, so that a gap of years looks like one. */
  private static double x(List<Point> points, int k, int plotW) {
    int n = points.size();
    long first = points.get(0).day();
    long span = points.get(n - 1).day() - first;
    return n == 1 || span == 0 ? LEFT + plotW / 2.0 : LEFT + (double) plotW * (points.get(k).day() - first) / span;
  }

  private static double y(double v, int plotH, double top) {
    return TOP + plotH - plotH * (v / top);
  }

  static double niceCeiling(double max) {
    if (max <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= max) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** The load report of the latest run (each run's report says what that run loaded; summing runs would count files again). */
  private static void loadReport(StringBuilder h, Connection db) throws SQLException {
    h.append("<section id=\"load-report\">\n<h2>Load report <span class=\"fr\">/ Rapport de chargement</span></h2>\n");
    if (!hasMart(db, "load_report")) {
      h.append("<p class=\"meta\">The load report is the network's: this audience does not hold it.</p>\n</section>\n");
      return;
    }
    String latest = "select run_id from marts.load_report order by run_at desc, run_id desc limit 1";
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select run_id, max(run_at) from marts.load_report"
        + " where run_id = (" + latest + ") group by run_id")) {
      if (!rs.next()) {
        h.append("<p class=\"empty\">No run has loaded a file yet.</p>\n</section>\n");
        return;
      }
      h.append("<p class=\"meta\">Latest run ").append(esc(rs.getString(1))).append(", ")
          .append(esc(String.valueOf(rs.getTimestamp(2)).replaceAll("\\.\\d+$", ""))).append("</p>\n");
    }
    h.append("<table><thead><tr><th>Source family</th><th>Files</th><th>Rows read</th><th>Rows loaded</th><th>Rows rejected</th>"
        + "</tr></thead><tbody>\n");
    long[] total = new long[4];
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select source_family, count(distinct source_file), sum(rows_read), sum(rows_loaded),"
            + " sum(rows_rejected) from marts.load_report where run_id = (" + latest + ") group by source_family order by source_family")) {
      while (rs.next()) {
        h.append("<tr><td>").append(esc(rs.getString(1))).append("</td>");
        for (int c = 2; c <= 5; c++) {
          total[c - 2] += rs.getLong(c);
          h.append("<td class=\"num\">").append(rs.getLong(c)).append("</td>");
        }
        h.append("</tr>\n");
      }
    }
    h.append("<tr class=\"total\"><td>total</td>");
    for (long t : total) {
      h.append("<td class=\"num\">").append(t).append("</td>");
    }
    h.append("</tr>\n</tbody></table>\n<p class=\"meta\">Every input row is loaded or rejected with its file, line and reason:"
        + " <code>./palabre query \"select * from marts.rejected_rows\"</code></p>\n</section>\n");
  }

  static String number(Double v) {
    if (v == null) {
      return "";
    }
    if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) Math.rint(v));
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%,.2f", v);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 960px; padding: 0 24px; color: #222; }
      h1 { margin: 24px 0 4px; } h2 { margin: 0 0 4px; } h3 { font-size: 1em; margin: 16px 0 6px; }
      .fr { color: #666; font-weight: normal; } .meta { color: #666; font-size: .9em; }
      nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: .9em; }
      section { border-top: 1px solid #ddd; padding: 20px 0; }
      .definition { margin: 4px 0; } .empty { color: #a33; }
      figure { margin: 12px 0; } figcaption { color: #666; font-size: .85em; }
      svg.chart { max-width: 100%; height: auto; background: #fff; }
      svg .grid { stroke: #e5e5e5; stroke-width: 1; } svg .axis { stroke: #999; stroke-width: 1; }
      svg .tick, svg .unit { font-size: 11px; fill: #555; }
      svg .series { fill: none; stroke: #1f6fb2; stroke-width: 2.5; stroke-linejoin: round; stroke-linecap: round; }
      svg .target { fill: none; stroke: #d9822b; stroke-width: 2; stroke-dasharray: 6 4; }
      svg .point { fill: #1f6fb2; } svg .target-point { fill: #d9822b; }
      table { border-collapse: collapse; font-size: .9em; } th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.total td { font-weight: bold; }
      footer { color: #888; font-size: .8em; padding: 24px 0; border-top: 1px solid #ddd; }
      table.grid { font-size: .8em; } table.grid td.cell { width: 22px; padding: 2px 0; text-align: center; border: 1px solid #fff; }
      td.cell.on_time { background: #cfe8cf; color: #1e6b1e; } td.cell.late { background: #fbe3b8; color: #8a5300; }
      td.cell.missing { background: #f6c6c3; color: #9b1c14; } td.cell.pending { background: #e8e8e8; color: #666; }
      .legend span { display: inline-block; padding: 0 6px; margin-right: 6px; }
      td.below { color: #9b1c14; }
      """;
}
