package org.palabre.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.palabre.db.DuckDb;

/**
 * What a reader of one published file could work out, searched the way an attacker would: the
 * files' own rows, the reader's own figures (a member knows its own data), then, until nothing new
 * comes, every additive group (a total and its parts by sex, age group, pathology, dimension, org
 * unit, district, region, country, member, months in their quarter, quarters in their year) with
 * exactly one figure still unknown gives it by subtraction, and a known figure of another indicator
 * that counts the same thing gives it too (two series are the same count when they are equal at
 * every period, place and disaggregation where both have a figure, as psychosocial_support_rate's
 * denominators and patients_operated are), and so does the same unit's figure at another level of
 * the same indicator (a district reported as an org unit: its org-unit row and its district's row,
 * which the reader tells by their names, when they are equal).
 *
 * <p>The truth is the warehouse's {@code indicators.indicator_value} (the figures before any
 * suppression); the file is an audience file (or the warehouse itself). The search uses none of the
 * disclosure-control tables: it reads the published rows, the true figures and the catalogue's
 * {@code suppress_small_cells} only, so it judges the mechanism from outside.
 */
final class RecoverySearch {

  /** A figure the reader should not know and could work out. */
  record Leak(String kind, String indicator, String key, double figure) {
    @Override
    public String toString() {
      return kind + ": " + indicator + " " + key + " = " + figure;
    }
  }

  private static final String DIMS = "period_type, period, member, country_iso2, adm1, adm2, org_unit, sex, age_group, pathology,"
      + " dimension_name, dimension_value";

  private RecoverySearch() {}

  /**
   * The leaks of one file: hidden rows worked out whole, small counts of people worked out, and,
   * for a member's file, figures of another member's rows worked out.
   *
   * @param file an audience file (the network's, or a member's)
   * @param member the member whose file it is, or null for the network's
   */
  static List<Leak> search(Path warehouse, Path file, String member) throws SQLException {
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("attach " + DuckDb.literal(warehouse.toString()) + " as wh (read_only)");
      st.execute("attach " + DuckDb.literal(file.toString()) + " as aud (read_only)");
      String published = "aud.marts.indicator_values";
      String me = member == null ? "null" : DuckDb.literal(member);
      prepare(st, published, me);
      int passes = 0;
      while (peel(st) > 0) {
        if (++passes > 200) {
          throw new IllegalStateException("the search did not settle");
        }
      }
      return leaks(st, member != null);
    }
  }

  private static void prepare(Statement st, String published, String me) throws SQLException {
    String sameCell = String.join(" and ", java.util.Arrays.stream(("indicator_code, " + DIMS).split(",\\s*"))
        .map(c -> "p." + c + " is not distinct from t." + c).toList());
    // every true cell, and how the file shows it
    st.execute("create temp table cells as select row_number() over () as cell_id, t.indicator_code, " + prefixed("t", DIMS)
        + ", t.period_start, t.numerator, t.denominator, p.indicator_code is not null as in_file, coalesce(not p.suppressed, false) as visible"
        + " from wh.indicators.indicator_value as t left join " + published + " as p on " + sameCell);
    // the members (and unknown) whose own rows exist at each period, place and disaggregation
    st.execute("create temp table contributors as select indicator_code, " + without("member") + ", list(distinct member) as members"
        + " from cells where member is not null group by all");
    // every figure: a row's numerator, and its denominator when it has one
    st.execute("create temp table counts as select row_number() over () as count_id, c.cell_id, c.indicator_code, f.part, f.figure,"
        + " " + prefixed("c", DIMS) + ", c.period_start, c.in_file, c.visible, false as known,"
        + " false as known_at_start"
        + " from cells as c, lateral (select 'numerator' as part, c.numerator as figure union all select 'denominator', c.denominator) as f"
        + " where f.figure is not null");
    // what the reader knows before searching: what the file shows, and its own figures
    st.execute("update counts set known = true where visible or (member is not distinct from " + me + " and " + me + " is not null)");
    st.execute("update counts set known = true where member is null and " + me + " is not null and exists (select 1 from contributors as k"
        + " where k.indicator_code = counts.indicator_code and " + sameWithout("k", "counts", "member") + " and k.members = [" + me + "])");
    st.execute("update counts set known_at_start = known");
    // additive groups: a figure and the total without one of its breakdowns, for the same indicator and part
    StringBuilder links = new StringBuilder();
    String[][] relations = {
        {"sex", "sex"}, {"age_group", "age_group"}, {"pathology", "pathology"}, {"dimension", "dimension_name"}, {"org_unit", "org_unit"},
        {"adm2", "adm2"}, {"adm1", "adm1"}, {"country_iso2", "country_iso2"}, {"member", "member"}};
    for (String[] r : relations) {
      links.append(links.isEmpty() ? "" : " union all ").append("select count_id, '").append(r[0])
          .append("' || coalesce(':' || dimension_name, '') as relation, ").append(keyWithout(r[1]))
          .append(" as total_key from counts where ").append(r[1]).append(" is not null");
    }
    links.append(" union all select count_id, 'month_in_quarter', ").append(keyWithPeriod("'quarter'",
        "year(period_start) || 'Q' || quarter(period_start)")).append(" from counts where period_type = 'month'");
    links.append(" union all select count_id, 'quarter_in_year', ").append(keyWithPeriod("'year'",
        "cast(year(period_start) as varchar)")).append(" from counts where period_type = 'quarter'");
    st.execute("create temp table keyed as select count_id, " + keyWithout(null) + " as count_key,"
        + " " + keyWithout(null).replace("indicator_code, part, ", "") + " as place_key from counts");
    // series that count the same thing: equal wherever both have a figure (three places at least)
    st.execute("create temp table same_count as select a.indicator_code as a_indicator, a.part as a_part, b.indicator_code as b_indicator,"
        + " b.part as b_part from counts as a join keyed as ka on ka.count_id = a.count_id join keyed as kb on kb.place_key = ka.place_key"
        + " join counts as b on b.count_id = kb.count_id where a.indicator_code <> b.indicator_code group by all"
        + " having count(*) >= 3 and bool_and(abs(a.figure - b.figure) < 1e-9)");
    // one unit at two levels: the org unit's row and its district's (or region's) row, when they are equal
    st.execute("create temp table same_unit as select o.count_id as a_id, a.count_id as b_id from counts as o join counts as a"
        + " on a.indicator_code = o.indicator_code and a.part = o.part and a.org_unit is null"
        + " and (a.adm2 = o.org_unit or (a.adm1 = o.org_unit and a.adm2 is null)) and " + sameWithout("o", "a", "adm1", "adm2", "org_unit")
        + " where o.org_unit is not null and o.adm1 is null and abs(a.figure - o.figure) < 1e-9");
    st.execute("create temp table groups as with links as (" + links + "),"
        + " parts as (select k.count_id as total_id, l.relation, l.count_id from links as l join keyed as k on k.count_key = l.total_key),"
        + " grouped as (select total_id, relation, count_id, 1 as role from parts union all select distinct total_id, relation, total_id, 0 from parts),"
        + " additive as (select g.total_id, g.relation from grouped as g join counts as c on c.count_id = g.count_id group by all"
        + "   having abs(coalesce(sum(c.figure) filter (where g.role = 1), 0) - max(c.figure) filter (where g.role = 0)) < 1e-6)"
        + " select dense_rank() over (order by g.total_id, g.relation) as group_id, g.count_id from grouped as g"
        + " join additive as a on a.total_id = g.total_id and a.relation = g.relation");
  }

  /** One pass of the search; returns how many figures it worked out. */
  private static int peel(Statement st) throws SQLException {
    return st.executeUpdate("update counts set known = true where not known and count_id in ("
        // subtraction: the one unknown figure of an additive group
        + " select g.count_id from groups as g join counts as c on c.count_id = g.count_id"
        + " where not c.known and g.group_id in (select g2.group_id from groups as g2 join counts as c2 on c2.count_id = g2.count_id"
        + "   group by g2.group_id having count(*) filter (where not c2.known) = 1)"
        // another indicator counting the same thing: its known figure at the same period, place and disaggregation
        + " union select h.count_id from counts as h join keyed as kh on kh.count_id = h.count_id"
        + "   join same_count as s on s.a_indicator = h.indicator_code and s.a_part = h.part"
        + "   join keyed as kk on kk.place_key = kh.place_key join counts as k on k.count_id = kk.count_id"
        + "   and k.indicator_code = s.b_indicator and k.part = s.b_part and k.known"
        + " where not h.known"
        // the same unit at another level
        + " union select u.a_id from same_unit as u join counts as k on k.count_id = u.b_id where k.known"
        + " union select u.b_id from same_unit as u join counts as k on k.count_id = u.a_id where k.known)");
  }

  private static List<Leak> leaks(Statement st, boolean memberFile) throws SQLException {
    List<Leak> leaks = new ArrayList<>();
    String key = "concat_ws(' ', period, coalesce(member, '*'), coalesce(country_iso2, '*'), coalesce(adm1, '*'), coalesce(adm2, '*'),"
        + " coalesce(org_unit, '*'), coalesce(sex, '*'), coalesce(age_group, '*'), coalesce(pathology, '*'),"
        + " coalesce(dimension_name || '=' || dimension_value, '*'))";
    String sql = "with worked_out as (select cell_id, bool_and(known) as all_known, bool_and(known_at_start) as known_before,"
        + "   max(figure) filter (where part = 'numerator') as numerator, any_value(in_file) as in_file, any_value(visible) as visible"
        + "   from counts group by cell_id),"
        + " threshold as (select cast(value as double) as t from wh.ref.settings where setting = 'small_cell_threshold')"
        // a hidden row of the file worked out whole
        + " select 'hidden row worked out', c.indicator_code, " + key + ", w.numerator from worked_out as w"
        + "   join cells as c on c.cell_id = w.cell_id where w.in_file and not w.visible and w.all_known and not w.known_before"
        // a small count of people worked out
        + " union all select 'small count of people worked out (' || k.part || ')', k.indicator_code, " + key
        + ", k.figure from counts as k cross join threshold as t"
        + "   join wh.ref.indicator_catalogue as r on r.indicator_code = k.indicator_code"
        + "   where r.suppress_small_cells and k.known and not k.known_at_start and k.figure > 0 and k.figure < t.t"
        + (memberFile
            // a row of another member, which a member's file never shows, worked out whole
            ? " union all select 'another member''s row worked out', c.indicator_code, " + key + ", w.numerator from worked_out as w"
                + "   join cells as c on c.cell_id = w.cell_id where not w.in_file and c.member is not null and c.member <> 'unknown'"
                + "   and w.all_known and not w.known_before"
            : "");
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        leaks.add(new Leak(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4)));
      }
    }
    return leaks;
  }

  /** The identity of a figure: indicator, part and every dimension, with one of them left out (a total's key) or none. */
  private static String keyWithout(String left) {
    List<String> parts = new ArrayList<>(List.of("indicator_code", "part"));
    for (String d : DIMS.split(",\\s*")) {
      boolean out = d.equals(left) || ("dimension_name".equals(left) && d.equals("dimension_value"));
      parts.add(out ? "'∅'" : "coalesce(" + d + ", '∅')");
    }
    return "concat_ws('|', " + String.join(", ", parts) + ")";
  }

  private static String keyWithPeriod(String type, String period) {
    return keyWithout(null).replace("coalesce(period_type, '∅')", type).replace("coalesce(period, '∅')", period);
  }

  private static String prefixed(String alias, String columns) {
    return String.join(", ", java.util.Arrays.stream(columns.split(",\\s*")).map(c -> alias + "." + c).toList());
  }

  private static String without(String column) {
    return String.join(", ", java.util.Arrays.stream(DIMS.split(",\\s*")).filter(c -> !c.equals(column)).toList());
  }

  /** The dimensions of {@code a} and {@code b} are the same, but for {@code columns}. */
  private static String sameWithout(String a, String b, String... columns) {
    List<String> left = List.of(columns);
    return String.join(" and ", java.util.Arrays.stream(DIMS.split(",\\s*")).filter(c -> !left.contains(c))
        .map(c -> a + "." + c + " is not distinct from " + b + "." + c).toList());
  }
}
