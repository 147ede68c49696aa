package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palabre.db.DuckDb;

/**
 * The key test of the figure tables (sql/macros/labels.sql, figure_keys_given_twice): a key given
 * twice is found however its sheet and column are null, and nothing is found where each key is
 * given once, hash or not.
 */
class FigureKeyTestMacroTest {

  private static List<String> givenTwice(Statement st, String table) throws Exception {
    List<String> found = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("select * from figure_keys_given_twice('" + table + "') order by all")) {
      while (rs.next()) {
        found.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4) + "|" + rs.getLong(5));
      }
    }
    return found;
  }

  @Test
  void findsTheKeysGivenTwiceAndOnlyThose() throws Exception {
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      WarehouseBuild.defineMacros(st);
      st.execute("create schema staging");
      st.execute("create table staging.figures as select * from (values"
          + " ('d1', null, 1, 2), ('d1', null, 1, 3), ('d1', null, 1, 2),"
          + " ('d2', 'Avril', 4, null), ('d2', 'Avril', 4, null), ('d2', 'Mai', 4, null), ('d2', null, 4, null),"
          + " ('d3', 'Avril', 5, 1), ('d3', 'Avril', 5, 1), ('d3', 'Avril', 5, 1))"
          + " as v(delivery_sha256, source_sheet, source_line, source_column)");
      assertEquals(List.of("d1|null|1|2|2", "d2|Avril|4|null|2", "d3|Avril|5|1|3"), givenTwice(st, "staging.figures"));

      st.execute("create table staging.unique_figures as select 'd' || (i % 7) as delivery_sha256,"
          + " case when i % 3 = 0 then null else 'S' || (i % 5) end as source_sheet, i as source_line, i % 11 as source_column"
          + " from range(100000) as t(i)");
      assertEquals(List.of(), givenTwice(st, "staging.unique_figures"));
    }
  }
}
