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
      if (step.action() == Action.UPDATE) {
        what = update(model, step.deliveries());
      } else if (plan.wantsChangedDeliveries(model) && exists(model)) {
        Set<String> changed = rebuildAndCompare(model, plan.deliveryColumnOf(model));
        if (changed != null) {
          plan.rebuilt(model, changed);
        }
        what = changed == null ? " (rebuilt: rows without a delivery changed)"
            : String.format(" (rebuilt: the rows of %d deliveries changed)", changed.size());
      } else if (!plan.full() && !model.isView() && exists(model)) {
        // early cut-off: a table rebuilt to the same rows changes nothing for the models after it
        if (rebuildAndCompare(model, null).isEmpty()) {
          plan.rebuilt(model, Set.of());
          what = " (rebuilt: no row changed)";
        }
      } else {
        rebuild(model);
      }
      for (SqlModel.Test test : model.tests()) {
        tests++;
        checkTest(model, step.action() == Action.UPDATE && test.byDelivery() ? onUpdatedRows(model, test, step.deliveries()) : test);
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
      st.execute("create or replace " + (model.isView() ? "view " : "table ") + model.qualifiedName() + " as\n" + model.body());
    } catch (SQLException e) {
      throw failed(model, e);
    }
    if (model.repeatUntilStable() != null) {
      repeatUntilStable(model);
    }
  }

  private boolean exists(SqlModel model) throws SQLException {
    try (ResultSet rs = st.executeQuery("select count(*) from duckdb_tables() where schema_name = " + DuckDb.literal(model.layer())
        + " and table_name = " + DuckDb.literal(model.name()))) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /**
   * Rebuilds a table and compares it with what it was. With {@code column} (the delivery column a
   * later model reads it by), returns the deliveries whose rows changed: for each delivery, the
   * number of its rows and the sum of their hashes before and after (one scan of each table; rows
   * compared as multisets); null when rows without a delivery changed (the table then changed as
   * a whole for the models after it). Without, the whole table is one group: an empty set when no
   * row changed. When the columns changed, every group of either table changed.
   */
  private Set<String> rebuildAndCompare(SqlModel model, String column) throws BuildFailure, SQLException {
    String old = model.qualifiedName() + "__before_this_build";
    st.execute("drop table if exists " + old);
    st.execute("alter table " + model.qualifiedName() + " rename to " + model.name() + "__before_this_build");
    rebuild(model);
    String group = column == null ? "'the whole table'" : column;
    List<String> before = columns(model.layer(), model.name() + "__before_this_build");
    List<String> after = columns(model.layer(), model.name());
    String rows = before.equals(after) ? "count(*) as n, sum(hash(" + String.join(", ", after) + ")) as h" : "0 as n, 0 as h";
    Set<String> changed = new java.util.TreeSet<>();
    try (ResultSet rs = st.executeQuery("select coalesce(a.d, b.d) from (select " + group + " as d, " + rows + " from " + old
        + " group by 1) as a full join (select " + group + " as d, " + rows + " from " + model.qualifiedName() + " group by 1) as b"
        + " on a.d is not distinct from b.d where a.n is distinct from b.n or a.h is distinct from b.h or not "
        + before.equals(after))) {
      while (rs.next()) {
        if (rs.getString(1) == null) {
          changed = null;
          break;
        }
        changed.add(rs.getString(1));
      }
    }
    st.execute("drop table " + old);
    if (column == null && !before.equals(after)) {
      // other columns: the models after it read something else, even from an empty table
      changed = Set.of("the columns");
    }
    return changed;
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

  /** Deletes the model's rows of {@code deliveries} and inserts them again from those deliveries' input rows. */
  private String update(SqlModel model, Set<String> deliveries) throws BuildFailure, SQLException {
    String column = model.incremental().column();
    String list = deliveries.stream().map(DuckDb::literal).collect(Collectors.joining(", ", "(", ")"));
    st.execute("create schema if not exists " + DELTA);
    String body = model.body();
    for (String input : model.incremental().from()) {
      String delta = DELTA + "." + input.replace('.', '_');
      st.execute("drop view if exists " + delta);
      st.execute("drop table if exists " + delta);
      if (input.startsWith("lake.")) {
        st.execute(lakeDelta(input, delta, deliveries));
      } else {
        st.execute("create view " + delta + " as select * from " + input + " where " + column + " in " + list);
      }
      body = Pattern.compile("(?<![\\w.])" + Pattern.quote(input) + "\\b").matcher(body).replaceAll(Matcher.quoteReplacement(delta));
    }
    try {
      int deleted = st.executeUpdate("delete from " + model.qualifiedName() + " where " + column + " in " + list);
      int inserted = st.executeUpdate("insert into " + model.qualifiedName() + " by name select * from (\n" + body + "\n)");
      return String.format(" (%d deliveries: -%,d +%,d rows)", deliveries.size(), deleted, inserted);
    } catch (SQLException e) {
      throw failed(model, e);
    }
  }

  /** A lake table's rows of the deliveries still published among {@code deliveries}. */
  private String lakeDelta(String input, String delta, Set<String> deliveries) {
    Map<String, Lake.DeliveryMarker> some = new java.util.LinkedHashMap<>(published);
    some.keySet().retainAll(deliveries);
    List<Path> files = lake.files(input.substring("lake.".length()), some);
    return files.isEmpty() ? "create table " + delta + " as select * from " + input + " where false"
        : "create view " + delta + " as select * from read_parquet(" + DuckDb.pathList(files) + ", union_by_name = true)";
  }

  /** The test over the model's rows of {@code deliveries} (the rows an update made). */
  private SqlModel.Test onUpdatedRows(SqlModel model, SqlModel.Test test, Set<String> deliveries) throws SQLException {
    String updated = DELTA + "." + model.layer() + "_" + model.name() + "_updated";
    st.execute("create or replace view " + updated + " as select * from " + model.qualifiedName() + " where "
        + model.incremental().column() + " in " + deliveries.stream().map(DuckDb::literal).collect(Collectors.joining(", ", "(", ")")));
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
