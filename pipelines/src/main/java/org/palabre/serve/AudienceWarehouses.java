package org.palabre.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.palabre.db.DuckDb;

/**
 * One read-only DuckDB file per audience, made from the published warehouse right after it is
 * published: {@code audiences/network.duckdb} holds every mart, {@code audiences/<member>.duckdb}
 * what that member may read. DuckDB has no GRANT, so the endpoint routes each user to its
 * audience's file instead of filtering queries.
 *
 * <p>What a member's file holds (generic, so that new marts need no code):
 * <ul>
 *   <li>a mart with a {@code member} column: the member's own rows; in marts where a null member
 *       means "all members" ({@link #NULL_MEMBER_MEANS_ALL}: indicator_values), the totals over
 *       members too, but with their figures only where at least {@code audience_min_members}
 *       members feed them ({@code schemas/settings.csv}, default 3; the row's
 *       {@code members_contributing}) and the warehouse does not hide them from members
 *       ({@code suppressed_for_members}: complementary suppression, so that a member cannot
 *       recompute such a total from the others and its own figures). Otherwise the row is there
 *       with its figures null, {@code suppressed = true} and {@code value_status = 'suppressed'};</li>
 *   <li>a mart without a {@code member} column: copied only when it holds no member data
 *       ({@link #SHARED_REFERENCE}, the indicator catalogue); any other (load report, rejected
 *       rows with their raw lines, run log, validation results, funding) is network-only. A new
 *       mart is thus private until someone decides otherwise.</li>
 * </ul>
 * Every file also gets {@code meta.build_info} and {@code meta.audience}. Columns of types the
 * Avatica endpoint cannot carry (HUGEINT, UUID, BLOB, STRUCT, LIST, MAP, TIMESTAMPTZ, ...) are cast
 * to ones it can. Each file is built beside its place and renamed over it in one atomic step.
 */
public final class AudienceWarehouses {

  public static final String NETWORK = "network";
  /** Marts where a null member is the total over all members, published to every member. */
  static final Set<String> NULL_MEMBER_MEANS_ALL = Set.of("indicator_values");
  /** Marts without a member column that hold no member data: copied as they are. */
  static final Set<String> SHARED_REFERENCE = Set.of("indicator_catalogue");
  /** The figures of a total over members, null in a member's audience where the total is hidden from members. */
  static final List<String> FIGURE_COLUMNS = List.of("numerator", "denominator", "value", "achievement_rate", "target_gap");
  /** The setting of {@code schemas/settings.csv}: fewest members feeding a total that a member's audience sees. */
  public static final String MIN_MEMBERS_SETTING = "audience_min_members";

  /** Who may read a mart: the one rule of the audience files and of PostgreSQL's grants and row-level security. */
  public enum Reach {
    /** Every audience reads it whole: it holds no member data ({@link #SHARED_REFERENCE}). */
    SHARED,
    /** A member reads its own rows ({@code member} = its code). */
    MEMBER_ROWS,
    /** A member reads its own rows and the totals over members (null member, {@link #NULL_MEMBER_MEANS_ALL}). */
    MEMBER_ROWS_AND_TOTALS,
    /** Only the network reads it. */
    NETWORK_ONLY
  }

  /** Marts with a member column that stay network-only all the same: the crosswalk's work list. */
  static final Set<String> NETWORK_ONLY_MARTS = Set.of("unmapped_figures");

  private AudienceWarehouses() {}

  /** Who may read the mart, from its name and columns. */
  public static Reach reach(String mart, Set<String> columns) {
    if (NETWORK_ONLY_MARTS.contains(mart)) {
      return Reach.NETWORK_ONLY;
    }
    if (columns.contains("member")) {
      return NULL_MEMBER_MEANS_ALL.contains(mart) ? Reach.MEMBER_ROWS_AND_TOTALS : Reach.MEMBER_ROWS;
    }
    return SHARED_REFERENCE.contains(mart) ? Reach.SHARED : Reach.NETWORK_ONLY;
  }

  /** The folder of the audience files of a warehouse. */
  public static Path folder(Path warehouse) {
    return warehouse.toAbsolutePath().resolveSibling("audiences");
  }

  public static Path file(Path warehouse, String audience) {
    return folder(warehouse).resolve(audience + ".duckdb");
  }

  /**
   * Publishes the audience files of the warehouse, unless each is already made from this
   * warehouse's build. Called by {@code run} and {@code build} after the warehouse is published.
   *
   * <p>The files are attached to in-memory DuckDB instances, one per worker, rather than each opened
   * as its own instance: starting a DuckDB instance costs about 30 ms (measured at 1M rows: 0.86 s to
   * ask 27 audience files which build they come from, one instance each; 0.06 s attached to one).
   */
  public static void publish(Path warehouse, PrintStream out) throws IOException, SQLException {
    Path folder = folder(warehouse);
    Files.createDirectories(folder);
    String runId;
    int minMembers;
    List<String> audiences = new ArrayList<>();
    audiences.add(NETWORK);
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("attach " + DuckDb.literal(warehouse.toAbsolutePath().toString()) + " as published (read_only)");
      try (ResultSet rs = st.executeQuery("select run_id from published.meta.build_info")) {
        rs.next();
        runId = rs.getString(1);
      }
      minMembers = minMembers(st, "published.");
      try (ResultSet rs = st.executeQuery("select member_code from published.ref.members order by member_code")) {
        while (rs.next()) {
          if (!UserDirectory.validAudience(rs.getString(1)) || rs.getString(1).equals(NETWORK)) {
            throw new IllegalStateException("member code '" + rs.getString(1) + "' of schemas/codes/members.csv cannot name an audience file");
          }
          audiences.add(rs.getString(1));
        }
      }
      removeAbandoned(folder);
      List<String> stale = new ArrayList<>();
      Map<String, Map<String, String>> previous = new HashMap<>();
      for (String audience : audiences) {
        Previous p = previous(db, file(warehouse, audience));
        if (p == null || !runId.equals(p.runId())) {
          stale.add(audience);
          if (p != null && p.recipes() != null) {
            previous.put(audience, p.recipes());
          }
        }
      }
      // the network's file first, from the warehouse's views; then each member's from the network's
      // tables, which hold every mart already computed (the views are not evaluated 27 times), a few
      // files at a time: each is small, and one DuckDB statement over a small table keeps one core busy
      Rewritten rewritten = new Rewritten();
      if (stale.contains(NETWORK)) {
        Map<String, Map<String, String>> marts = marts(db);
        build(db, marts, NETWORK, file(warehouse, NETWORK), runId, minMembers, networkRecipes(db, marts), previous.get(NETWORK),
            rewritten);
      }
      st.execute("detach published");
      List<String> members = stale.stream().filter(a -> !a.equals(NETWORK)).toList();
      if (!members.isEmpty()) {
        st.execute("attach " + DuckDb.literal(file(warehouse, NETWORK).toString()) + " as published (read_only)");
        Map<String, Map<String, String>> recipes = memberRecipes(db, marts(db), members, minMembers);
        st.execute("detach published");
        buildMembers(warehouse, members, runId, minMembers, recipes, previous, rewritten);
      }
      if (!stale.isEmpty()) {
        out.printf("Audience files published: %d of %d in %s (network + one per member, for palabre serve)%s%n%n", stale.size(),
            audiences.size(), folder, rewritten.kept.get() == 0 ? ""
                : String.format("; %d marts written again, %d kept from the files before (their rows had not changed)",
                    rewritten.written.get(), rewritten.kept.get()));
      }
    }
  }

  /** How many marts the files published got written again, and how many they kept as they were. */
  private static final class Rewritten {
    final java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger kept = new java.util.concurrent.atomic.AtomicInteger();
  }

  /**
   * The members' files, a few at a time: each worker has its own DuckDB instance, which attaches the
   * network's file once and writes its members' files one after the other (two writers in one
   * instance would block each other's checkpoint).
   */
  private static void buildMembers(Path warehouse, List<String> members, String runId, int minMembers,
      Map<String, Map<String, String>> recipes, Map<String, Map<String, String>> previous, Rewritten rewritten)
      throws IOException, SQLException {
    int workers = Math.max(1, Math.min(members.size(), Runtime.getRuntime().availableProcessors()));
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        done.add(pool.submit(() -> {
          try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
            // small statements over small tables: one thread each, the workers share the cores
            st.execute("set threads = 1");
            st.execute("attach " + DuckDb.literal(file(warehouse, NETWORK).toString()) + " as published (read_only)");
            Map<String, Map<String, String>> marts = marts(db);
            for (int i = next.getAndIncrement(); i < members.size(); i = next.getAndIncrement()) {
              String member = members.get(i);
              build(db, marts, member, file(warehouse, member), runId, minMembers, recipes.get(member), previous.get(member),
                  rewritten);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while writing the audience files", e);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof SQLException sql) {
            throw sql;
          }
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * What an audience file was made from: the build's run id, and the recipe of each mart it holds
   * (null for a file made before recipes were kept, or one with more free blocks than used: it is
   * then written whole).
   */
  record Previous(String runId, Map<String, String> recipes) {}

  /**
   * What the audience file was made from, or null (no file, or not one Palabre made). Its queries
   * run on statements of their own: a failed query closes DuckDB's JDBC statement.
   */
  private static Previous previous(Connection db, Path audienceFile) {
    if (!Files.exists(audienceFile)) {
      return null;
    }
    String alias = "\"candidate\"";
    try (Statement st = db.createStatement()) {
      st.execute("attach " + DuckDb.literal(audienceFile.toString()) + " as " + alias + " (read_only)");
    } catch (SQLException e) {
      return null;
    }
    try (Statement st = db.createStatement()) {
      String runId;
      try (ResultSet rs = st.executeQuery("select run_id from " + alias + ".meta.build_info")) {
        if (!rs.next()) {
          return null;
        }
        runId = rs.getString(1);
      }
      // (asked first rather than failing: a file of an earlier Palabre has no recipes)
      try (ResultSet rs = st.executeQuery("select count(*) from duckdb_tables() where database_name = 'candidate'"
          + " and schema_name = 'meta' and table_name = 'audience_marts'")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return new Previous(runId, null);
        }
      }
      // a file updated in place keeps the blocks of the marts it replaced free for the next ones: one
      // with more free blocks than used is written whole, so that no file grows past twice its rows
      try (ResultSet rs = st.executeQuery("select free_blocks > used_blocks from pragma_database_size()"
          + " where database_name = 'candidate'")) {
        if (rs.next() && rs.getBoolean(1)) {
          return new Previous(runId, null);
        }
      }
      Map<String, String> recipes = new HashMap<>();
      try (ResultSet rs = st.executeQuery("select mart, recipe from " + alias + ".meta.audience_marts")) {
        while (rs.next()) {
          recipes.put(rs.getString(1), rs.getString(2));
        }
      }
      return new Previous(runId, recipes);
    } catch (SQLException e) {
      return null;
    } finally {
      try (Statement st = db.createStatement()) {
        st.execute("detach " + alias);
      } catch (SQLException e) {
        // the next attach under this name fails, and the file is then made again
      }
    }
  }

  /** The warehouse's {@value #MIN_MEMBERS_SETTING}, the one its build used. */
  static int minMembers(Statement st) {
    return minMembers(st, "");
  }

  /** The same, of the warehouse attached as {@code catalog} (with its dot). */
  private static int minMembers(Statement st, String catalog) {
    try (ResultSet rs = st.executeQuery("select cast(value as integer) from " + catalog + "ref.settings where setting = "
        + DuckDb.literal(MIN_MEMBERS_SETTING))) {
      if (rs.next()) {
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the warehouse has no readable ref.settings (" + DuckDb.describe(e) + "): run palabre build", e);
    }
    throw new IllegalStateException("schemas/settings.csv has no " + MIN_MEMBERS_SETTING + " line: add one (default 3) and run palabre build");
  }

  /**
   * The query that gives an audience's rows of a mart from the database attached as {@code
   * published} (its {@code ?} parameters all the audience's code), or null when the mart is not in
   * the audience's file.
   */
  static String selectFor(String audience, String name, Map<String, String> columns, int minMembers) {
    Reach reach = reach(name, columns.keySet());
    if (audience.equals(NETWORK)) {
      return "select " + castList(columns) + " from published.marts." + name;
    }
    return switch (reach) {
      case NETWORK_ONLY -> null;
      case SHARED -> "select " + castList(columns) + " from published.marts." + name;
      case MEMBER_ROWS -> "select " + castList(columns) + " from published.marts." + name + " where member = ?";
      case MEMBER_ROWS_AND_TOTALS -> "select " + castList(columns, hidingTotalsFromMembers(columns, minMembers))
          + " from published.marts." + name + " where member = ? or member is null";
    };
  }

  /** The number of rows of a query and the sum of their hashes: equal rows (as multisets) give equal digests. */
  private static String digestOf(String query) {
    return "select count(*) || ':' || coalesce(sum(hash(x)), 0) from (" + query + ") as x";
  }

  /**
   * A mart's recipe in one audience's file: the query that writes it (for that audience) and the
   * digest of the rows it writes. A file keeps a mart whose recipe did not change since it was
   * written; the others are written again.
   */
  private static String recipe(String audience, String query, String rows) {
    try {
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
          .digest((query + "\n-- " + audience).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha) + " " + rows;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The network file's recipes: the digest of each mart, evaluated from the warehouse's views. */
  private static Map<String, String> networkRecipes(Connection db, Map<String, Map<String, String>> marts) throws SQLException {
    Map<String, String> recipes = new LinkedHashMap<>();
    try (Statement st = db.createStatement()) {
      for (var mart : marts.entrySet()) {
        String query = selectFor(NETWORK, mart.getKey(), mart.getValue(), 0);
        try (ResultSet rs = st.executeQuery(digestOf(query))) {
          rs.next();
          recipes.put(mart.getKey(), recipe(NETWORK, query, rs.getString(1)));
        }
      }
    }
    return recipes;
  }

  /**
   * Each member's recipes, from the network's file attached as {@code published}: one scan of each
   * mart gives every member's digest (its own rows; in a mart of totals over members, the totals
   * as members see them too, the same for all).
   */
  private static Map<String, Map<String, String>> memberRecipes(Connection db, Map<String, Map<String, String>> marts,
      List<String> members, int minMembers) throws SQLException {
    Map<String, Map<String, String>> recipes = new HashMap<>();
    members.forEach(m -> recipes.put(m, new LinkedHashMap<>()));
    try (Statement st = db.createStatement()) {
      for (var mart : marts.entrySet()) {
        String name = mart.getKey();
        Map<String, String> columns = mart.getValue();
        Reach reach = reach(name, columns.keySet());
        if (reach == Reach.NETWORK_ONLY) {
          continue;
        }
        Map<String, String> byMember = new HashMap<>();
        String all = null;
        if (reach == Reach.SHARED) {
          try (ResultSet rs = st.executeQuery(digestOf(selectFor(members.get(0), name, columns, minMembers)))) {
            rs.next();
            all = rs.getString(1);
          }
        } else {
          // the member's own rows as its file gets them (the same columns for every member), grouped by member
          String rows = reach == Reach.MEMBER_ROWS_AND_TOTALS ? castList(columns, hidingTotalsFromMembers(columns, minMembers))
              : castList(columns);
          try (ResultSet rs = st.executeQuery("select \"member\", count(*) || ':' || coalesce(sum(hash(x)), 0) from (select " + rows
              + " from published.marts." + name + ") as x group by \"member\"")) {
            while (rs.next()) {
              byMember.put(rs.getString(1) == null ? "" : "member " + rs.getString(1), rs.getString(2));
            }
          }
        }
        for (String member : members) {
          String digest = reach == Reach.SHARED ? all
              : byMember.getOrDefault("member " + member, "0:0")
                  + (reach == Reach.MEMBER_ROWS_AND_TOTALS ? " totals " + byMember.getOrDefault("", "0:0") : "");
          recipes.get(member).put(name, recipe(member, selectFor(member, name, columns, minMembers), digest));
        }
      }
    }
    return recipes;
  }

  /**
   * Writes one audience's file from the database attached as {@code published}: the published
   * warehouse for the network, the network's file (made from this same build) for a member. Both
   * hold every mart, with the same columns and rows ({@code marts}: theirs, by {@link #marts}, asked
   * once per attached source). The file is attached under the audience's name while it is written
   * beside its place, then renamed over it.
   *
   * <p>With the recipes of the file as it was ({@code before}), the file is copied and only the
   * marts whose recipe changed are written again (at 10M bench rows, a new monthly report changes
   * a few marts of each file: the funding, partnership and mission marts stay as they were); the
   * marts it no longer has are dropped.
   */
  private static void build(Connection db, Map<String, Map<String, String>> marts, String audience, Path target, String runId,
      int minMembers, Map<String, String> recipes, Map<String, String> before, Rewritten rewritten) throws IOException, SQLException {
    Path building = target.resolveSibling(target.getFileName() + ".building-" + runId);
    String as = quote("audience_" + audience);
    boolean fromBefore = before != null && Files.exists(target);
    try {
      try (Statement st = db.createStatement()) {
        Files.deleteIfExists(building);
        if (fromBefore) {
          Files.copy(target, building);
        }
        st.execute("attach " + DuckDb.literal(building.toString()) + " as " + as);
        try {
          st.execute("create schema if not exists " + as + ".marts");
          st.execute("create schema if not exists " + as + ".meta");
          if (fromBefore) {
            for (String gone : before.keySet()) {
              if (!recipes.containsKey(gone)) {
                st.execute("drop table if exists " + as + ".marts." + quote(gone));
              }
            }
          }
          for (var mart : marts.entrySet()) {
            String name = mart.getKey();
            String select = selectFor(audience, name, mart.getValue(), minMembers);
            if (select == null) {
              continue;
            }
            if (fromBefore && recipes.get(name).equals(before.get(name))) {
              rewritten.kept.incrementAndGet();
              continue;
            }
            rewritten.written.incrementAndGet();
            try (PreparedStatement copy = db.prepareStatement("create or replace table " + as + ".marts." + name + " as " + select)) {
              for (int p = 1; p <= copy.getParameterMetaData().getParameterCount(); p++) {
                copy.setString(p, audience);
              }
              copy.execute();
            }
          }
          st.execute("create or replace table " + as + ".meta.build_info as select * from published.meta.build_info");
          st.execute("create or replace table " + as + ".meta.audience as select " + DuckDb.literal(audience) + " as audience");
          st.execute("create or replace table " + as + ".meta.audience_marts (mart varchar, recipe varchar)");
          StringBuilder values = new StringBuilder();
          recipes.forEach((mart, recipe) -> values.append(values.length() == 0 ? "" : ", ").append('(').append(DuckDb.literal(mart))
              .append(", ").append(DuckDb.literal(recipe)).append(')'));
          if (values.length() > 0) {
            st.execute("insert into " + as + ".meta.audience_marts values " + values);
          }
          st.execute("checkpoint " + as);
        } finally {
          try (Statement detach = db.createStatement()) {
            detach.execute("detach " + as);
          }
        }
      }
      Files.move(building, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(building);
      Files.deleteIfExists(building.resolveSibling(building.getFileName() + ".wal"));
    }
  }

  /** Marts of the published warehouse, each with its columns and their types, in order. */
  private static Map<String, Map<String, String>> marts(Connection db) throws SQLException {
    Map<String, Map<String, String>> marts = new LinkedHashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select table_name, column_name, data_type from information_schema.columns"
            + " where table_catalog = 'published' and table_schema = 'marts' order by table_name, ordinal_position")) {
      while (rs.next()) {
        marts.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
      }
    }
    return marts;
  }

  /**
   * The columns a member's audience gets computed, in a mart where a null member means "all
   * members": a total over members fed by fewer than {@code minMembers} members, or hidden from
   * members by the warehouse, keeps its row but loses its figures (the member's own rows are as
   * published). Column name to expression.
   */
  /**
   * The totals over members (null member) that a member's audience sees: fed by at least
   * {@code minMembers} members and not hidden from members by complementary suppression. The
   * audience files publish the others without figures; PostgreSQL's policies do not show them.
   */
  public static String totalsMembersSee(int minMembers) {
    return "(member is null and members_contributing >= " + minMembers + " and not suppressed_for_members)";
  }

  static Map<String, String> hidingTotalsFromMembers(Map<String, String> columns, int minMembers) {
    for (String needed : List.of("members_contributing", "suppressed_for_members", "suppressed")) {
      if (!columns.containsKey(needed)) {
        throw new IllegalStateException("marts.indicator_values has no column " + needed + ": the warehouse is older than this Palabre; run palabre build");
      }
    }
    String hidden = "(member is null and not " + totalsMembersSee(minMembers) + ")";
    Map<String, String> hiding = new LinkedHashMap<>();
    for (String column : columns.keySet()) {
      if (FIGURE_COLUMNS.contains(column)) {
        hiding.put(column, "case when " + hidden + " then null else " + quote(column) + " end");
      } else if (column.equals("suppressed")) {
        hiding.put(column, "(suppressed or " + hidden + ")");
      } else if (column.equals("value_status")) {
        hiding.put(column, "case when " + hidden + " then 'suppressed' else value_status end");
      }
    }
    return hiding;
  }

  /** The select list, with each column cast to a type the Avatica endpoint carries. */
  static String castList(Map<String, String> columns) {
    return castList(columns, Map.of());
  }

  /** The select list, some columns computed by an expression (column name to expression) instead of read as they are. */
  static String castList(Map<String, String> columns, Map<String, String> expressions) {
    List<String> list = new ArrayList<>();
    columns.forEach((column, type) -> list.add(servable(expressions.getOrDefault(column, quote(column)), type) + " as " + quote(column)));
    return String.join(", ", list);
  }

  static String servable(String column, String type) {
    String t = type.toUpperCase();
    if (t.matches("BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|FLOAT|REAL|DOUBLE|DECIMAL\\(\\d+,\\s*\\d+\\)|VARCHAR|DATE|TIME|TIMESTAMP")) {
      return column;
    }
    if (t.equals("HUGEINT") || t.equals("UHUGEINT") || t.equals("UBIGINT")) {
      return "cast(" + column + " as decimal(38, 0))";
    }
    if (t.equals("UINTEGER")) {
      return "cast(" + column + " as bigint)";
    }
    if (t.equals("USMALLINT") || t.equals("UTINYINT")) {
      return "cast(" + column + " as integer)";
    }
    if (t.equals("TIMESTAMP WITH TIME ZONE")) {
      return "timezone('UTC', " + column + ")";
    }
    if (t.startsWith("TIMESTAMP_")) {
      return "cast(" + column + " as timestamp)";
    }
    if (t.equals("BLOB")) {
      return "hex(" + column + ")";
    }
    return "cast(" + column + " as varchar)";
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static void removeAbandoned(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.filter(p -> p.getFileName().toString().contains(".duckdb.building-")).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
