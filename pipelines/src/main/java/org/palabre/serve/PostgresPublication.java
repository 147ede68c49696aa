package org.palabre.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.palabre.codes.SchemaFiles;
import org.palabre.db.DuckDb;
import org.palabre.serve.AudienceWarehouses.Reach;
import org.palabre.warehouse.SqlModel;
import org.palabre.warehouse.WarehouseBuild;
import org.postgresql.PGConnection;

/**
 * Publishes the marts of the warehouse into a PostgreSQL database, for the BI tools that speak
 * PostgreSQL or ODBC (Excel, Power BI, Metabase, Superset, Grafana, psql).
 *
 * <p>Every mart is loaded with {@code COPY ... FROM STDIN} (DuckDB writes it as CSV, pgjdbc sends
 * it) into a new schema, with natural PostgreSQL types ({@link PostgresColumn}) and comments
 * carrying the English and French labels of {@code schemas/marts/}. In the same transaction the
 * grants and row-level-security policies are set and the new schema is renamed {@code marts} while
 * the previous one is renamed aside: readers see the old marts or the new ones, never a half load,
 * and a failed load changes nothing. The previous marts are dropped afterwards, once the queries
 * still reading them are done (or at the next publication when they take too long).
 *
 * <p>Who reads what is {@link AudienceWarehouses#reach}, the rule of the audience files: the
 * network group reads everything; a member's group reads the shared marts whole and, through a
 * policy, the rows of the marts with a {@code member} column that are its own, plus in
 * {@code indicator_values} the totals over members fed by at least {@code audience_min_members}
 * members ({@code schemas/settings.csv}, 3 by default); network-only marts are granted to the
 * network group alone. The login roles are {@link PostgresRoles}.
 *
 * <p>A build already published is not loaded again (unless forced); the roles are synchronised
 * with the users file every time.
 */
public final class PostgresPublication {

  /** What a publication did. */
  public record Result(String runId, boolean loaded, int marts, long rows, int readers, List<String> notes, double seconds) {}

  static final String LOADING = "marts_loading";
  static final String RETIRED_PREFIX = "marts_retired_";
  /** Serialises publications into one database (pg_advisory_lock key, "palabre" in ASCII). */
  private static final long LOCK_KEY = 0x70616c61627265L;
  /** How long the drop of the previous marts waits for the queries still reading them. */
  static final String RETIRE_LOCK_TIMEOUT = "2s";

  /** One mart of the warehouse as it will be published. */
  record Mart(String name, List<PostgresColumn> columns, Reach reach) {
    boolean has(String column) {
      return columns.stream().anyMatch(c -> c.name().equals(column));
    }
  }

  /** What the warehouse holds: its build, its members, its audience threshold and its marts. */
  record Snapshot(String runId, String builtAt, int audienceMinMembers, List<String> members, List<Mart> marts) {}

  private PostgresPublication() {}

  /**
   * Publishes the warehouse into the target database, and the users of {@code usersFile} (may be
   * absent: no login roles then) as its readers.
   */
  public static Result publish(Path warehouse, Path usersFile, PostgresTarget target, boolean force, PrintStream out)
      throws SQLException, IOException {
    long t0 = System.nanoTime();
    Snapshot snapshot = snapshot(warehouse);
    List<UserDirectory.User> users = usersFile != null && Files.exists(usersFile) ? new UserDirectory(usersFile).list() : List.of();
    List<String> notes = new ArrayList<>();
    if (usersFile != null && !Files.exists(usersFile)) {
      notes.add("no users file at " + usersFile + ": no login role (add users with palabre users add, then publish again)");
    }
    boolean loaded = false;
    long rows = 0;
    PostgresRoles.Sync sync;
    try (Connection pg = target.connect()) {
      execute(pg, "set time zone 'UTC'");
      execute(pg, "select pg_advisory_lock(" + LOCK_KEY + ")");
      try {
        PostgresRoles.ensureGroups(pg, snapshot.members());
        execute(pg, "create table if not exists palabre.build_info (run_id text not null, built_at text, published_at timestamptz not null,"
            + " audience_min_members integer not null)");
        execute(pg, "grant select on palabre.build_info to " + PostgresRoles.q(PostgresRoles.NETWORK) + ", " + PostgresRoles.q(PostgresRoles.MEMBERS));
        pg.commit();
        if (force || !snapshot.runId().equals(publishedRunId(pg))) {
          out.printf("Publishing %d marts of build %s into %s ...%n", snapshot.marts().size(), snapshot.runId(), target);
          rows = load(pg, warehouse, snapshot, notes);
          pg.commit();
          loaded = true;
        }
        dropRetired(pg, notes);
        sync = PostgresRoles.syncUsers(pg, users, Set.copyOf(snapshot.members()));
        pg.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        pg.rollback();
        throw e;
      } finally {
        try {
          execute(pg, "select pg_advisory_unlock(" + LOCK_KEY + ")");
          pg.commit();
        } catch (SQLException closing) {
          // the lock goes with the session, which closes now
        }
      }
    }
    notes.addAll(sync.notes());
    int readers = sync.created().size() + sync.updated().size();
    if (!sync.dropped().isEmpty()) {
      notes.add("roles of users no longer in the users file dropped: " + String.join(", ", sync.dropped()));
    }
    return new Result(snapshot.runId(), loaded, snapshot.marts().size(), rows, readers, notes, (System.nanoTime() - t0) / 1e9);
  }

  /** What a publication says it did: one line, then its notes. */
  public static void print(Result result, PostgresTarget target, PrintStream out) {
    if (result.loaded()) {
      out.printf("Published to PostgreSQL %s: %d marts, %,d rows in schema marts (build %s), %d reader roles, %.1f s%n", target,
          result.marts(), result.rows(), result.runId(), result.readers(), result.seconds());
    } else {
      out.printf("PostgreSQL %s already has build %s: marts unchanged; %d reader roles synchronised with the users file%n", target,
          result.runId(), result.readers());
    }
    for (String note : result.notes()) {
      out.println("  note: " + note);
    }
    out.println();
  }

  /** The run id of the build published in the database, or null. */
  static String publishedRunId(Connection pg) throws SQLException {
    try (Statement st = pg.createStatement();
        ResultSet rs = st.executeQuery("select b.run_id from palabre.build_info b where exists (select 1 from pg_namespace where nspname = 'marts')")) {
      String runId = rs.next() ? rs.getString(1) : null;
      pg.commit();
      return runId;
    }
  }

  private static boolean published(Connection pg) throws SQLException {
    try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("select count(*) from palabre.build_info")) {
      return rs.next() && rs.getLong(1) > 0;
    }
  }

  static Snapshot snapshot(Path warehouse) throws SQLException {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      String runId;
      String builtAt;
      try (ResultSet rs = st.executeQuery("select run_id, cast(built_at as varchar) from meta.build_info")) {
        if (!rs.next()) {
          throw new IllegalStateException(warehouse + " has no build information (meta.build_info): publish a warehouse built by palabre build");
        }
        runId = rs.getString(1);
        builtAt = rs.getString(2);
      }
      int minMembers = AudienceWarehouses.minMembers(st);
      List<String> members = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("select member_code from ref.members order by member_code")) {
        while (rs.next()) {
          members.add(rs.getString(1));
        }
      }
      Map<String, List<PostgresColumn>> columns = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery("select table_name, column_name, data_type from information_schema.columns"
          + " where table_schema = 'marts' and table_catalog = current_database() order by table_name, ordinal_position")) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(PostgresColumn.of(rs.getString(2), rs.getString(3)));
        }
      }
      List<Mart> marts = new ArrayList<>();
      columns.forEach((name, cols) -> marts.add(new Mart(name, cols,
          AudienceWarehouses.reach(name, new TreeSet<>(cols.stream().map(PostgresColumn::name).toList())))));
      return new Snapshot(runId, builtAt, minMembers, members, marts);
    }
  }

  /** Loads every mart into a new schema and swaps it in as {@code marts}, in the connection's transaction; returns the rows. */
  private static long load(Connection pg, Path warehouse, Snapshot snapshot, List<String> notes) throws SQLException, IOException {
    Map<String, String[]> columnLabels = MartExport.labels();
    Map<String, String[]> martLabels = martLabels();
    Map<String, String> grains = grains();
    execute(pg, "drop schema if exists " + LOADING + " cascade");
    execute(pg, "create schema " + LOADING);
    long total = 0;
    Path scratch = Files.createTempDirectory("palabre-publish-");
    try (Connection db = DuckDb.open(warehouse, true); Statement duck = db.createStatement()) {
      duck.execute("set TimeZone = 'UTC'");
      for (Mart mart : snapshot.marts()) {
        String table = LOADING + "." + PostgresRoles.q(mart.name());
        List<String> definitions = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (PostgresColumn c : mart.columns()) {
          definitions.add(PostgresColumn.quote(c.name()) + " " + c.postgresType());
          exports.add(c.exportExpression());
          names.add(PostgresColumn.quote(c.name()));
        }
        execute(pg, "create table " + table + " (" + String.join(", ", definitions) + ")");
        Path csv = scratch.resolve(mart.name() + ".csv");
        duck.execute("copy (select " + String.join(", ", exports) + " from marts." + PostgresRoles.q(mart.name()) + ") to "
            + DuckDb.literal(csv.toString()) + " (format csv, header false)");
        long rows;
        try (InputStream in = Files.newInputStream(csv)) {
          rows = pg.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + String.join(", ", names) + ") from stdin with (format csv)", in);
        } catch (SQLException e) {
          throw new SQLException("marts." + mart.name() + " could not be loaded into PostgreSQL: " + e.getMessage(), e.getSQLState(), e);
        } finally {
          Files.deleteIfExists(csv);
        }
        total += rows;
        comment(pg, mart, table, columnLabels, martLabels, grains);
        secure(pg, mart, table, snapshot, notes);
        execute(pg, "analyze " + table);
      }
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(scratch);
    }
    String readers = PostgresRoles.q(PostgresRoles.NETWORK) + ", " + PostgresRoles.q(PostgresRoles.MEMBERS);
    execute(pg, "grant usage on schema " + LOADING + " to " + readers);
    execute(pg, "comment on schema " + LOADING + " is " + PostgresRoles.literal("Palabre marts, build " + snapshot.runId()
        + " (read-only; the same tables as the marts schema of the DuckDB warehouse)"));
    boolean hadMarts;
    try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("select 1 from pg_namespace where nspname = 'marts'")) {
      hadMarts = rs.next();
    }
    if (hadMarts && !published(pg)) {
      throw new IllegalStateException("the database " + pg.getCatalog() + " already has a schema marts that palabre publish did not make:"
          + " publish into a database of its own (or rename that schema)");
    }
    if (hadMarts) {
      execute(pg, "alter schema marts rename to " + RETIRED_PREFIX + System.currentTimeMillis());
    }
    execute(pg, "alter schema " + LOADING + " rename to marts");
    execute(pg, "delete from palabre.build_info");
    try (PreparedStatement ps = pg.prepareStatement("insert into palabre.build_info values (?, ?, now(), ?)")) {
      ps.setString(1, snapshot.runId());
      ps.setString(2, snapshot.builtAt());
      ps.setInt(3, snapshot.audienceMinMembers());
      ps.executeUpdate();
    }
    return total;
  }

  /** Grants and row-level security of one mart, after {@link AudienceWarehouses#reach}. */
  private static void secure(Connection pg, Mart mart, String table, Snapshot snapshot, List<String> notes) throws SQLException {
    String network = PostgresRoles.q(PostgresRoles.NETWORK);
    if (mart.reach() == Reach.NETWORK_ONLY) {
      execute(pg, "grant select on " + table + " to " + network);
      return;
    }
    execute(pg, "grant select on " + table + " to " + network + ", " + PostgresRoles.q(PostgresRoles.MEMBERS));
    if (mart.reach() == Reach.SHARED) {
      return;
    }
    execute(pg, "create index on " + table + " (member)");
    execute(pg, "alter table " + table + " enable row level security");
    execute(pg, "create policy network_reads_all on " + table + " for select to " + network + " using (true)");
    String totals = "";
    if (mart.reach() == Reach.MEMBER_ROWS_AND_TOTALS) {
      if (mart.has("members_contributing") && mart.has("suppressed_for_members")) {
        totals = " or " + AudienceWarehouses.totalsMembersSee(snapshot.audienceMinMembers());
      } else {
        notes.add("marts." + mart.name() + " has no members_contributing or suppressed_for_members column: members see their own rows"
            + " only, no totals (rebuild the warehouse with this Palabre)");
      }
    }
    for (String member : snapshot.members()) {
      execute(pg, "create policy " + PostgresRoles.q("member " + member) + " on " + table + " for select to "
          + PostgresRoles.q(PostgresRoles.memberGroup(member)) + " using (member = " + PostgresRoles.literal(member) + totals + ")");
    }
  }

  private static void comment(Connection pg, Mart mart, String table, Map<String, String[]> columnLabels, Map<String, String[]> martLabels,
      Map<String, String> grains) throws SQLException {
    String[] label = martLabels.get(mart.name());
    String text = (label == null ? mart.name() : label[0] + " / " + label[1])
        + (grains.containsKey(mart.name()) ? ". One row per " + grains.get(mart.name()).replaceFirst("^one row per ", "") : "");
    execute(pg, "comment on table " + table + " is " + PostgresRoles.literal(text));
    for (PostgresColumn c : mart.columns()) {
      String[] l = columnLabels.get(c.name());
      if (l != null) {
        execute(pg, "comment on column " + table + "." + PostgresColumn.quote(c.name()) + " is "
            + PostgresRoles.literal(MartExport.header(c.name(), MartExport.Headers.both, columnLabels)));
      }
    }
  }

  /** Drops the marts that earlier publications renamed aside, unless queries still read them. */
  private static void dropRetired(Connection pg, List<String> notes) throws SQLException {
    List<String> retired = new ArrayList<>();
    try (Statement st = pg.createStatement();
        ResultSet rs = st.executeQuery("select nspname from pg_namespace where nspname like '" + RETIRED_PREFIX + "%' order by 1")) {
      while (rs.next()) {
        retired.add(rs.getString(1));
      }
    }
    pg.commit();
    for (String schema : retired) {
      try {
        execute(pg, "set local lock_timeout = '" + RETIRE_LOCK_TIMEOUT + "'");
        execute(pg, "drop schema " + PostgresRoles.q(schema) + " cascade");
        pg.commit();
      } catch (SQLException e) {
        pg.rollback();
        if (!"55P03".equals(e.getSQLState())) {
          throw e;
        }
        notes.add("the previous marts (" + schema + ") are still read by a long query: they will be dropped at the next publication");
      }
    }
  }

  /** Mart -> {label_en, label_fr}, from schemas/marts/mart_labels.csv. */
  static Map<String, String[]> martLabels() {
    Map<String, String[]> labels = new LinkedHashMap<>();
    for (Map<String, String> row : SchemaFiles.readCsv("marts/mart_labels.csv")) {
      labels.put(row.get("mart"), new String[] {row.get("label_en"), row.get("label_fr")});
    }
    return labels;
  }

  /** Mart -> its grain, from the SQL models. */
  private static Map<String, String> grains() {
    Map<String, String> grains = new LinkedHashMap<>();
    try {
      for (SqlModel model : WarehouseBuild.orderedModels()) {
        if (model.layer().equals("marts") && model.grain() != null) {
          grains.put(model.name(), model.grain());
        }
      }
    } catch (WarehouseBuild.BuildFailure e) {
      // the comments then carry the labels only
    }
    return grains;
  }

  private static void execute(Connection pg, String sql) throws SQLException {
    try (Statement st = pg.createStatement()) {
      st.execute(sql);
    }
  }
}
