package org.palabre.reports;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.db.DuckDb;

/**
 * Where a published figure came from ({@code palabre explain}), read from the marts: for
 * indicators computed from harmonised figures (metric sums and ratios) the input files, runs and
 * lines whose figures make the value ({@code marts.indicator_lineage}), and the check that they add
 * up to it; for the others, the deliveries of the source families that feed the indicator
 * ({@code marts.indicator_sources}).
 */
public final class Lineage {

  /**
   * A published cell: an indicator, a period as published (2024, 2024Q1, 2024-03), and its place
   * and breakdown (null: all members, countries..., the total of sex and age group).
   */
  public record Cell(String indicator, String period, String member, String country, String adm1, String adm2, String orgUnit,
      String sex, String ageGroup) {}

  private final String indicator;
  private final String period;
  private final String member;
  private final String country;
  private final String adm1;
  private final String adm2;
  private final String orgUnit;
  private final String sex;
  private final String ageGroup;

  public Lineage(Cell cell) {
    this.indicator = cell.indicator();
    this.period = cell.period();
    this.member = cell.member();
    this.country = cell.country();
    this.adm1 = cell.adm1();
    this.adm2 = cell.adm2();
    this.orgUnit = cell.orgUnit();
    this.sex = cell.sex();
    this.ageGroup = cell.ageGroup();
  }

  /**
   * Prints the cell's definition, value and lineage on {@code out}.
   *
   * @return 0, or 2 after saying on {@code err} what is missing (no such indicator, no such value)
   */
  public int print(Path warehouse, PrintStream out, PrintStream err) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true)) {
      Map<String, String> definition = row(db, "select r.indicator_code, r.name_en, r.name_fr, c.formula, r.unit, r.definition_en,"
          + " r.numerator_metric, r.denominator_metric, r.formula_type, r.source_families"
          + " from ref.indicator_catalogue r join marts.indicator_catalogue c on c.indicator_code = r.indicator_code"
          + " where r.indicator_code = ?", indicator);
      if (definition == null) {
        err.println("palabre: no indicator '" + indicator + "'; see ./palabre query \"select indicator_code from marts.indicator_catalogue\"");
        return 2;
      }
      out.printf("%s — %s / %s%n%s%nformula: %s (%s)%n%n", indicator, definition.get("name_en"), definition.get("name_fr"),
          definition.get("definition_en"), definition.get("formula"), definition.get("unit"));
      List<Object> params = new ArrayList<>(List.of(indicator, period));
      String cell = "select period_type, period_start, period_end, numerator, denominator, value, suppressed, target"
          + " from marts.indicator_values where indicator_code = ? and period = ?" + placeFilter("", params)
          + " and pathology is null and dimension_name is null";
      Map<String, String> value = row(db, cell, params.toArray());
      if (value == null) {
        err.println("palabre: no published value of " + indicator + " for period " + period + " and this place;"
            + " check the period (2024, 2024Q1, 2024-03) and the place options");
        return 2;
      }
      out.printf("value: %s (numerator %s, denominator %s)%s%s%n%n", value.get("value"), value.get("numerator"),
          value.get("denominator"), "true".equals(value.get("suppressed")) ? " — suppressed in the marts (small cell)" : "",
          value.get("target") == null ? "" : ", target " + value.get("target"));
      String type = definition.get("formula_type");
      if (type.equals("metric_sum") || type.equals("metric_ratio")) {
        explainFigures(db, out, definition, value);
      } else {
        out.println("Deliveries that feed this indicator (" + definition.get("source_families") + "):");
        try (PreparedStatement st = db.prepareStatement("select source_family, source_file, run_id, rows_loaded"
            + " from marts.indicator_sources where indicator_code = ? order by source_file")) {
          st.setString(1, indicator);
          try (ResultSet rs = st.executeQuery()) {
            ResultFormat.table.print(rs, out);
          }
        }
      }
    }
    return 0;
  }

  /** The files, runs and lines whose figures make the cell ({@code marts.indicator_lineage}), and the check that they add up. */
  private void explainFigures(Connection db, PrintStream out, Map<String, String> definition, Map<String, String> value)
      throws Exception {
    List<Object> params = new ArrayList<>(List.of(indicator, value.get("period_type"), period));
    String figures = "select source_family, source_file, run_id, metric_code, figures, first_line, last_line, total"
        + " from marts.indicator_lineage where indicator_code = ? and period_type = ? and period = ?" + placeFilter("", params)
        + " order by metric_code, source_file, run_id";
    out.println("Input files, runs and lines behind the value:");
    double numerator = 0;
    try (PreparedStatement st = db.prepareStatement(figures)) {
      for (int i = 0; i < params.size(); i++) {
        st.setObject(i + 1, params.get(i));
      }
      List<String[]> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6) + "-" + rs.getString(7), rs.getString(8)});
          if (rs.getString(4).equals(definition.get("numerator_metric"))) {
            numerator += rs.getDouble(8);
          }
        }
      }
      ResultFormat.printTable(out, List.of("family", "file", "run", "metric", "figures", "lines", "total"), rows);
    }
    String published = value.get("numerator");
    if (published != null) {
      boolean adds = Math.abs(numerator - Double.parseDouble(published)) < 1e-6;
      out.printf("%nThe files' %s add up to %s: %s%n", definition.get("numerator_metric"), numerator,
          adds ? "the published numerator" : "NOT the published numerator " + published + " (please report this)");
    } else {
      out.printf("%nThe files' %s add up to %s (the published figure is suppressed).%n", definition.get("numerator_metric"), numerator);
    }
  }

  private String placeFilter(String prefix, List<Object> params) {
    StringBuilder sql = new StringBuilder();
    String[][] filters = {{"member", member}, {"country_iso2", country}, {"adm1", adm1}, {"adm2", adm2}, {"org_unit", orgUnit},
        {"sex", sex}, {"age_group", ageGroup}};
    for (String[] f : filters) {
      if (f[1] == null) {
        sql.append(" and ").append(prefix).append(f[0]).append(" is null");
      } else {
        sql.append(" and ").append(prefix).append(f[0]).append(" = ?");
        params.add(f[1]);
      }
    }
    return sql.toString();
  }

  private static Map<String, String> row(Connection db, String sql, Object... params) throws Exception {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          row.put(rs.getMetaData().getColumnLabel(c), rs.getString(c));
        }
        return row;
      }
    }
  }
}
