package org.palabre.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.palabre.db.DuckDb;

/**
 * Compares two warehouse files relation for relation and row for row (as multisets: a table has
 * no row order), every schema but {@code meta} (which says when and how each was built).
 *
 * <p>Floating-point columns are compared to 12 significant digits: DuckDB's parallel aggregates
 * add doubles in an order that depends on its threads, so two full builds of one lake can differ
 * in the last bits of a mean or a standard deviation (130.75766787585857 and ...854). Counts and
 * money are summed exactly and compared exactly; lists of doubles are compared element by element
 * the same way.
 */
final class WarehouseComparison {

  private WarehouseComparison() {}

  /** Relation -> what differs (rows only in the first, only in the second); empty when they are equal. */
  static Map<String, String> differences(Path first, Path second) throws SQLException {
    Map<String, String> differences = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      st.execute("attach " + DuckDb.literal(first.toString()) + " as a (read_only)");
      st.execute("attach " + DuckDb.literal(second.toString()) + " as b (read_only)");
      List<String> inA = relations(st, "a");
      List<String> inB = relations(st, "b");
      for (String r : inA) {
        if (!inB.contains(r)) {
          differences.put(r, "only in " + first.getFileName());
        }
      }
      for (String r : inB) {
        if (!inA.contains(r)) {
          differences.put(r, "only in " + second.getFileName());
        }
      }
      for (String r : inA) {
        if (!inB.contains(r)) {
          continue;
        }
        String columns = comparable(st, r);
        String onlyA = "select " + columns + " from a." + r + " except all select " + columns + " from b." + r;
        String onlyB = "select " + columns + " from b." + r + " except all select " + columns + " from a." + r;
        try (ResultSet rs = st.executeQuery("select (select count(*) from (" + onlyA + ")), (select count(*) from (" + onlyB + ")),"
            + " (select count(*) from a." + r + "), (select any_value(x::varchar) from (" + onlyA + ") as x)")) {
          rs.next();
          if (rs.getLong(1) + rs.getLong(2) > 0) {
            differences.put(r, rs.getLong(1) + " rows only in " + first.getFileName() + ", " + rs.getLong(2) + " only in "
                + second.getFileName() + " (of " + rs.getLong(3) + "), e.g. " + rs.getString(4));
          }
        }
      }
    }
    return differences;
  }

  /** Number of relations compared: a comparison of nothing proves nothing. */
  static int relationCount(Path warehouse) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      st.execute("attach " + DuckDb.literal(warehouse.toString()) + " as a (read_only)");
      return relations(st, "a").size();
    }
  }

  private static List<String> relations(Statement st, String database) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("select schema_name || '.' || table_name from duckdb_tables() where database_name = '" + database
        + "' and schema_name <> 'meta' union select schema_name || '.' || view_name from duckdb_views() where database_name = '"
        + database + "' and not internal and schema_name <> 'meta' order by 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String comparable(Statement st, String relation) throws SQLException {
    String[] parts = relation.split("\\.");
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("select column_name, data_type from duckdb_columns() where database_name = 'a' and schema_name = '"
        + parts[0] + "' and table_name = '" + parts[1] + "' order by column_index")) {
      while (rs.next()) {
        String c = '"' + rs.getString(1) + '"';
        String type = rs.getString(2);
        columns.add(switch (type) {
          case "DOUBLE", "FLOAT" -> "printf('%.12g', " + c + ") as " + c;
          case "DOUBLE[]", "FLOAT[]" -> "list_transform(" + c + ", v -> printf('%.12g', v)) as " + c;
          default -> c;
        });
      }
    }
    return String.join(", ", columns);
  }
}
