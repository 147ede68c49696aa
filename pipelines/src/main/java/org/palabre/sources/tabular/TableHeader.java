package org.palabre.sources.tabular;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.palabre.sources.tables.TableRow;

/** How the header was understood, and what that means for every row (worked out once per file). */
record TableHeader(String tableKind, List<ColumnRole> roles, List<String> names, TableRow row,
    Map<String, Integer> firstColumnOf) {

  static TableHeader of(String tableKind, List<ColumnRole> roles, List<String> names, TableRow row) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i).kind() == ColumnRole.Kind.DIMENSION) {
        first.putIfAbsent(roles.get(i).dimension(), i);
      }
    }
    return new TableHeader(tableKind, List.copyOf(roles), names, row, Map.copyOf(first));
  }

  /** "column 3 (Personnes rencontrées)": a column as the rejects and the load report name it. */
  static String column(int index, TableHeader header) {
    String name = index < header.names().size() ? header.names().get(index).strip() : "";
    return "column " + (index + 1) + (name.isEmpty() ? "" : " (" + name + ")");
  }
}
