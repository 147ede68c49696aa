package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A shipped model on tables a test writes by hand: its table made from its own body, its data tests
 * run, and query rows read as {@code a | b | c} lines for assertions.
 */
final class ShippedModels {

  private ShippedModels() {}

  /** Creates the shipped model's table (or view) from its body, and asserts that each of its data tests finds no failing row. */
  static void build(Statement st, String qualifiedName) throws Exception {
    SqlModel model = WarehouseBuild.orderedModels().stream().filter(m -> m.qualifiedName().equals(qualifiedName))
        .findFirst().orElseThrow();
    st.execute("create " + (model.isView() ? "view " : "table ") + qualifiedName + " as " + model.body());
    for (SqlModel.Test test : model.tests()) {
      assertEquals(List.of(), rows(st, test.sql()), qualifiedName + ": " + test.description());
    }
  }

  /** The rows of a query, each as its cells joined by {@code " | "} ({@code null} spelt out). */
  static List<String> rows(Statement st, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          cells.add(String.valueOf(rs.getString(c)));
        }
        rows.add(String.join(" | ", cells));
      }
    }
    return rows;
  }
}
