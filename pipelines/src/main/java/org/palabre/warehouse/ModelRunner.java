package org.palabre.warehouse;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.palabre.db.DuckDb;
import org.palabre.lake.Lake;
import org.palabre.warehouse.BuildPlan.Action;
import org.palabre.warehouse.WarehouseBuild.BuildFailure;

/**
 * Runs the steps of a {@link BuildPlan} in the database being built: keeps, rebuilds or updates
 * each model, then runs its data tests.
 *
 * <p>An update by delivery deletes the model's rows of the plan's deliveries, and inserts what its
 * own body gives when each input its {@code -- incremental:} line names is read through {@code
 * palabre_delta}: a view of that input's rows of those deliveries only (for a lake table, of those
 * deliveries' Parquet parts). The body is the one a full build runs, so both give the same rows.
 * An update by code does the same with the rows of some codes of a delivery: deleted, read from
 * each input that has the code column through a small table of the (delivery, code) pairs, and
 * inserted for those pairs only. A view updated this way is left as it is (it reads its inputs'
 * new rows); only its tests by delivery run, on the rows of the change.
 */
final class ModelRunner {

  /** The schema of the inputs of an update, dropped before the warehouse is published. */
  static final String DELTA = "palabre_delta";

  private static final int MAX_REPEATS = 100;

  private final Statement st;
  private final Lake lake;
  private final PrintStream out;
  private final Map<String, Lake.DeliveryMarker> published;
  private int tests;

  ModelRunner(Statement st, Lake lake, PrintStream out) {
    this.st = st;
    this.lake = lake;
    this.out = out;
    this.published = lake.deliveries();
  }

  /** Runs the models in dependency order as the plan decides; returns the number of data tests run. */
  int run(BuildPlan plan, List<SqlModel> models) throws BuildFailure, SQLException {
    int i = 0;
    for (SqlModel model : models) {
      i++;
      BuildPlan.Step step = plan.decide(model);
      if (step.action() == Action.KEEP) {
        continue;
      }
      long t0 = System.nanoTime();
      st.execute("create schema if not exists " + model.layer());
      String what = "";
      if (step.action() == Action.UPDATE && model.isView()) {
        // nothing to write: the view reads its inputs' new rows; its tests by delivery run on the rows of the change
        codeTable(model, step.change());
        what = " (a view: the rows of " + describe(step.change()) + " changed through it)";
      } else if (step.action() == Action.UPDATE) {
        Updated updated = update(model, step.change());
        if (updated.sameRows()) {
          plan.updatedToTheSameRows(model);
        }
        what = String.format(" (%s: -%,d +%,d rows%s)", describe(step.change()), updated.deleted(), updated.inserted(),
            updated.sameRows() && updated.deleted() > 0 ? ", the same rows" : "");
      } else if (plan.wantsChangedDeliveries(model) && isTable(model)) {
        BuildPlan.Change changed = rebuildAndCompare(model, plan.deliveryColumnOf(model), plan.codeColumnOf(model));
        if (changed != null) {
          plan.rebuilt(model, changed);
        }
        what = changed == null ? " (rebuilt: rows without a delivery changed)"
            : " (rebuilt: the rows of " + describe(changed) + " changed)";
      } else if (!plan.full() && !model.isView() && isTable(model)) {
        // early cut-off: a table rebuilt to the same rows changes nothing for the models after it
        if (rebuildAndCompare(model, null, null).isEmpty()) {
          plan.rebuilt(model, BuildPlan.Change.NONE);
          what = " (rebuilt: no row changed)";
        }
      } else {
        rebuild(model);
      }
      for (SqlModel.Test test : model.tests()) {
        tests++;
        checkTest(model, step.action() == Action.UPDATE && test.byDelivery() ? onUpdatedRows(model, test, step.change()) : test);
      }
      out.printf("  [%d/%d] %-45s %s%s %.2fs%n", i, models.size(), model.qualifiedName(),
          model.tests().isEmpty() ? "" : model.tests().size() + " tests ok", what, (System.nanoTime() - t0) / 1e9);
    }
    if (!plan.full()) {
      out.printf("  %s (a model is kept as published when none of its inputs changed)%n", plan.summary());
    }
    st.execute("drop schema if exists " + DELTA + " cascade");
    return tests;
  }

  private void rebuild(SqlModel model) throws BuildFailure {
    try {
      // a model that became a view (or a table) since the published build: the other kind is dropped first
      String kind = model.isView() ? "view" : "table";
      String existing = kindOf(st, model.layer(), model.name());
      if (existing != null && !existing.equals(kind)) {
        st.execute("drop " + existing + " " + model.qualifiedName());
      }
      st.execute("create or replace " + (model.isView() ? "view " : "table ") + model.qualifiedName() + " as\n" + model.body());
    } catch (SQLException e) {
      throw failed(model, e);
    }
    if (model.repeatUntilStable() != null) {
      repeatUntilStable(model);
    }
  }

  /**
   * "table", "view" or null: what {@code schema.name} is in the database (DuckDB refuses to drop or
   * replace a table as a view, even with {@code if exists}, and the other way round).
   */
  static String kindOf(Statement st, String schema, String name) throws SQLException {
    String where = " where schema_name = " + DuckDb.literal(schema) + " and %s = " + DuckDb.literal(name) + " and not internal";
    try (ResultSet rs = st.executeQuery("select 'table' from duckdb_tables()" + String.format(where, "table_name")
        + " union all select 'view' from duckdb_views()" + String.format(where, "view_name"))) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** True when the model's table is in the database (a view, or nothing, is not: it is made again). */
  private boolean isTable(SqlModel model) throws SQLException {
    return "table".equals(kindOf(st, model.layer(), model.name()));
  }


  /**
   * Rebuilds a table and compares it with what it was. With {@code column} (the delivery column a
   * later model reads it by), returns the rows that changed: for each delivery (and each value of
   * {@code part} within it, when a later model reads it by code and the table has that column),
   * the number of its rows and the sum of their hashes before and after (one scan of each table;
   * rows compared as multisets); null when rows without a delivery changed (the table then changed
   * as a whole for the models after it). Without, the whole table is one group: an empty change
   * when no row changed. When the columns changed, every group of either table changed.
   */
  private BuildPlan.Change rebuildAndCompare(SqlModel model, String column, String part) throws BuildFailure, SQLException {
    String old = model.qualifiedName() + "__before_this_build";
    st.execute("drop table if exists " + old);
    st.execute("alter table " + model.qualifiedName() + " rename to " + model.name() + "__before_this_build");
    rebuild(model);
    List<String> before = columns(model.layer(), model.name() + "__before_this_build");
    List<String> after = columns(model.layer(), model.name());
    boolean byCode = column != null && part != null && before.contains('"' + part + '"') && after.contains('"' + part + '"');
    String group = column == null ? "'the whole table' as d, null as p"
        : column + " as d, " + (byCode ? "cast(" + part + " as varchar)" : "null") + " as p";
    String rows = before.equals(after) ? digestOf(after) : "0 as n, 0 as h";
    Set<String> deliveries = new java.util.TreeSet<>();
    Map<String, Set<String>> codes = new java.util.TreeMap<>();
    boolean whole = false;
    try (ResultSet rs = st.executeQuery("select coalesce(a.d, b.d), coalesce(a.p, b.p) from (select " + group + ", " + rows
        + " from " + old + " group by all) as a full join (select " + group + ", " + rows + " from " + model.qualifiedName()
        + " group by all) as b on a.d is not distinct from b.d and a.p is not distinct from b.p"
        + " where a.n is distinct from b.n or a.h is distinct from b.h or not " + before.equals(after))) {
      while (rs.next()) {
        String d = rs.getString(1);
        String p = rs.getString(2);
        if (d == null) {
          whole = true;
        } else if (!byCode || p == null) {
          deliveries.add(d);
        } else {
          codes.computeIfAbsent(d, k -> new java.util.TreeSet<>()).add(p);
        }
      }
    }
    st.execute("drop table " + old);
    if (whole) {
      return null;
    }
    if (column == null && !before.equals(after)) {
      // other columns: the models after it read something else, even from an empty table
      return BuildPlan.Change.of(Set.of("the columns"));
    }
    return BuildPlan.Change.of(deliveries, part, codes);
  }

  /** The number of rows ({@code n}) and the sum of their hashes ({@code h}): rows compared as multisets. */
  private static String digestOf(List<String> columns) {
    return "count(*) as n, coalesce(sum(hash(" + String.join(", ", columns) + ")), 0) as h";
  }

  /** "3 deliveries", or "3 deliveries (2 of them for 5 measure values only)". */
  private static String describe(BuildPlan.Change change) {
    String s = String.format("%d deliveries", change.touched().size());
    if (!change.codes().isEmpty()) {
      s += String.format(" (%d of them for %d %s values only)", change.codes().size(),
          change.codes().values().stream().mapToInt(Set::size).sum(), change.part());
    }
    return s;
  }

  private List<String> columns(String schema, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("select column_name from duckdb_columns() where schema_name = " + DuckDb.literal(schema)
        + " and table_name = " + DuckDb.literal(table) + " order by column_index")) {
      while (rs.next()) {
        columns.add('"' + rs.getString(1) + '"');
      }
    }
    return columns;
  }

  /**
   * What an update did: the rows it deleted and inserted, and whether those are the same rows
   * (their number and the sum of their hashes: the models after it then see no change, as after a
   * table rebuilt to the same rows).
   */
  record Updated(long deleted, long inserted, boolean sameRows) {}

  /** Deletes the model's rows of the change and inserts them again from the same rows of its inputs. */
  private Updated update(SqlModel model, BuildPlan.Change change) throws BuildFailure, SQLException {
    String column = model.incremental().column();
    st.execute("create schema if not exists " + DELTA);
    String codes = codeTable(model, change);
    String body = model.body();
    for (String input : model.incremental().from()) {
      String delta = DELTA + "." + input.replace('.', '_');
      st.execute("drop view if exists " + delta);
      st.execute("drop table if exists " + delta);
      if (input.startsWith("lake.")) {
        st.execute(lakeDelta(input, delta, change.touched()));
      } else {
        String[] name = input.split("\\.", 2);
        boolean hasPart = codes != null && columns(name[0], name[1]).contains('"' + change.part() + '"');
        st.execute("create view " + delta + " as " + rowsOf(input, column, change, hasPart ? codes : null));
      }
      body = Pattern.compile("(?<![\\w.])" + Pattern.quote(input) + "\\b").matcher(body).replaceAll(Matcher.quoteReplacement(delta));
    }
    List<String> columns = columns(model.layer(), model.name());
    String digest = "select n || ':' || h from (select " + digestOf(columns) + " from ("
        + rowsOf(model.qualifiedName(), column, change, codes) + "))";
    try {
      String before = scalar(digest);
      long deleted = 0;
      if (!change.deliveries().isEmpty()) {
        deleted += st.executeUpdate("delete from " + model.qualifiedName() + " where " + column + " in " + list(change.deliveries()));
      }
      if (codes != null) {
        deleted += st.executeUpdate("delete from " + model.qualifiedName() + " as t using " + codes + " as k where t." + column
            + " in " + list(change.codes().keySet()) + " and " + samePair(column, change.part()));
      }
      // by code, only the rows of the change's pairs are inserted, as only those were deleted: an input without
      // the code column (or a lake table) is read for whole deliveries
      String rows = codes == null ? "select * from (\n" + body + "\n)" : rowsOf("(\n" + body + "\n)", column, change, codes);
      long inserted = st.executeUpdate("insert into " + model.qualifiedName() + " by name " + rows);
      // rows of another number differ anyway: no second digest
      return new Updated(deleted, inserted, deleted == inserted && before.equals(scalar(digest)));
    } catch (SQLException e) {
      throw failed(model, e);
    }
  }

  private String scalar(String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** A table of the change's (delivery, code) pairs, or null when it has none. */
  private String codeTable(SqlModel model, BuildPlan.Change change) throws SQLException {
    if (change.codes().isEmpty()) {
      return null;
    }
    String table = codeTableName(model);
    st.execute("create schema if not exists " + DELTA);
    st.execute("create or replace table " + table + " (delivery varchar, code varchar)");
    StringBuilder values = new StringBuilder();
    change.codes().forEach((d, codesOfD) -> codesOfD.forEach(c -> values.append(values.length() == 0 ? "" : ", ")
        .append('(').append(DuckDb.literal(d)).append(", ").append(DuckDb.literal(c)).append(')')));
    st.execute("insert into " + table + " values " + values);
    return table;
  }

  private static String codeTableName(SqlModel model) {
    return DELTA + "." + model.layer() + "_" + model.name() + "__codes";
  }

  /** A row {@code t} of a (delivery, code) pair of the pairs' table {@code k}. */
  private static String samePair(String column, String part) {
    return "k.delivery = t." + column + " and k.code = cast(t." + part + " as varchar)";
  }

  /**
   * The rows of {@code table} the change touches: of its whole deliveries, and of its codes within
   * the others ({@code codes}: the pairs' table; null when the table has no code column, then of
   * every delivery touched).
   */
  private static String rowsOf(String table, String column, BuildPlan.Change change, String codes) {
    if (codes == null) {
      return "select * from " + table + " where " + column + " in " + list(change.touched());
    }
    String byCode = "select t.* from " + table + " as t semi join " + codes + " as k on " + samePair(column, change.part())
        + " where t." + column + " in " + list(change.codes().keySet());
    return change.deliveries().isEmpty() ? byCode
        : "select * from " + table + " where " + column + " in " + list(change.deliveries()) + "\nunion all\n" + byCode;
  }

  private static String list(Set<String> values) {
    return values.stream().map(DuckDb::literal).collect(Collectors.joining(", ", "(", ")"));
  }

  /** A lake table's rows of the deliveries still published among {@code deliveries}. */
  private String lakeDelta(String input, String delta, Set<String> deliveries) {
    Map<String, Lake.DeliveryMarker> some = new java.util.LinkedHashMap<>(published);
    some.keySet().retainAll(deliveries);
    List<Path> files = lake.files(input.substring("lake.".length()), some);
    return files.isEmpty() ? "create table " + delta + " as select * from " + input + " where false"
        : "create view " + delta + " as select * from read_parquet(" + DuckDb.pathList(files) + ", union_by_name = true)";
  }

  /** The test over the model's rows of the change (the rows an update made). */
  private SqlModel.Test onUpdatedRows(SqlModel model, SqlModel.Test test, BuildPlan.Change change) throws SQLException {
    String updated = DELTA + "." + model.layer() + "_" + model.name() + "_updated";
    String codes = change.codes().isEmpty() ? null : codeTableName(model);
    st.execute("create or replace view " + updated + " as " + rowsOf(model.qualifiedName(), model.incremental().column(), change, codes));
    String sql = Pattern.compile("(?<![\\w.])" + Pattern.quote(model.qualifiedName()) + "\\b").matcher(test.sql())
        .replaceAll(Matcher.quoteReplacement(updated));
    return new SqlModel.Test(test.description(), sql, true);
  }

  private static BuildFailure failed(SqlModel model, SQLException e) {
    return new BuildFailure("model " + model.qualifiedName() + " (sql/" + model.layer() + "/" + model.name() + ".sql) failed: "
        + DuckDb.describe(e));
  }

  private void repeatUntilStable(SqlModel model) throws BuildFailure {
    try {
      for (int pass = 1; pass <= MAX_REPEATS; pass++) {
        if (st.executeUpdate(model.repeatUntilStable()) == 0) {
          return;
        }
      }
    } catch (SQLException e) {
      throw new BuildFailure("the repeated update of " + model.qualifiedName() + " failed: " + DuckDb.describe(e));
    }
    throw new BuildFailure("the repeated update of " + model.qualifiedName() + " still changed rows after " + MAX_REPEATS + " passes");
  }

  private void checkTest(SqlModel model, SqlModel.Test test) throws BuildFailure {
    try (ResultSet rs = st.executeQuery(test.sql())) {
      List<String> failing = new ArrayList<>();
      ResultSetMetaData meta = rs.getMetaData();
      int count = 0;
      while (rs.next()) {
        if (++count <= 5) {
          List<String> cells = new ArrayList<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            cells.add(meta.getColumnLabel(c) + "=" + rs.getString(c));
          }
          failing.add(String.join(", ", cells));
        }
      }
      if (count > 0) {
        throw new BuildFailure("test '" + test.description() + "' of " + model.qualifiedName() + " failed on " + count
            + " rows, e.g.:\n    " + String.join("\n    ", failing));
      }
    } catch (SQLException e) {
      throw new BuildFailure("test '" + test.description() + "' of " + model.qualifiedName() + " could not run: " + DuckDb.describe(e));
    }
  }
}
