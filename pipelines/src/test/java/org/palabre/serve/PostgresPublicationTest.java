package org.palabre.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;

/**
 * {@code palabre publish} into a real PostgreSQL 15 started for this class on 127.0.0.1, read
 * with the clients BI users have: pgjdbc, psql, and psqlODBC through unixODBC's isql. Checks the
 * counts against the warehouse, the natural types and labels, member isolation by row-level
 * security (own rows, totals fed by at least 3 members, no network-only mart), refused writes,
 * temporary objects and wrong passwords, and the atomic swap under an open reader.
 */
class PostgresPublicationTest {

  static final String ALICE = "alice-network-pw";
  static final String SAM = "sam-dakar-pw-1";
  static final String BOB = "bob-ouaga-pw-1";

  @TempDir static Path dir;
  static PostgresCluster pg;
  static Path warehouse;
  static Path users;

  @BeforeAll
  static void start() throws Exception {
    pg = PostgresCluster.startOrSkip();
    warehouse = dir.resolve("wh/palabre.duckdb");
    users = dir.resolve("wh/users.txt");
    UserDirectory directory = new UserDirectory(users);
    directory.put("alice", "network", ALICE.toCharArray());
    directory.put("sam", "samusocial-sn", SAM.toCharArray());
    directory.put("bob", "samusocial-bf", BOB.toCharArray());
    directory.put("ghost", "nowhere", "ghost-password".toCharArray());
    buildWarehouse("run-1", 100, "'Dakar'");
    publish(false);
  }

  @AfterAll
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  /** A warehouse as the build leaves it: ref, meta, and marts as views; published by an atomic rename. */
  static void buildWarehouse(String runId, int dakarPeople, String dakarSiteSql) throws Exception {
    Files.createDirectories(warehouse.getParent());
    Path building = warehouse.resolveSibling("building-" + runId + ".duckdb");
    Files.deleteIfExists(building);
    try (Connection db = DuckDb.open(building, false); Statement st = db.createStatement()) {
      st.execute("create schema ref");
      st.execute("create table ref.members as select * from (values ('samusocial-bf'), ('samusocial-pn'), ('samusocial-sn')) t(member_code)");
      st.execute("create table ref.settings as select * from (values ('small_cell_threshold', '5'), ('audience_min_members', '3')) t(setting, value)");
      st.execute("create schema meta");
      st.execute("create table meta.build_info as select '" + runId + "' as run_id, timestamp '2024-06-01 12:00:00' as built_at");
      st.execute("create schema core");
      st.execute("create table core.iv as select * from (values"
          + " ('people_reached', '2024', null, null, " + (dakarPeople + 500) + ".0, false, 3, false),"
          + " ('people_reached', '2024', null, 'BF', 200.0, false, 1, false),"
          + " ('people_reached', '2023', null, null, 700.0, false, 3, true),"
          + " ('people_reached', '2024', 'samusocial-sn', 'SN', " + dakarPeople + ".0, false, 1, false),"
          + " ('people_reached', '2024', 'samusocial-bf', 'BF', 200.0, false, 1, false),"
          + " ('people_reached', '2024', 'samusocial-pn', 'CG', 300.0, false, 1, false),"
          + " ('people_reached', '2023', 'samusocial-sn', 'SN', null, true, 1, false))"
          + " t(indicator_code, period, member, country_iso2, value, suppressed, members_contributing, suppressed_for_members)");
      st.execute("create schema marts");
      st.execute("create view marts.indicator_values as select indicator_code, period, member, country_iso2, cast(value as double) as value, suppressed,"
          + " cast(members_contributing as integer) as members_contributing, suppressed_for_members from core.iv");
      st.execute("create view marts.observations as select * from (values ('samusocial-sn', " + dakarSiteSql + ", 'dakar.csv', 2, 60.0::double, date '2024-04-01'),"
          + " ('samusocial-sn', " + dakarSiteSql + ", 'dakar.csv', 3, 40.0, date '2024-05-01'), ('samusocial-bf', 'Ouaga', 'ouaga.csv', 2, 200.0, date '2024-04-01'))"
          + " t(member, org_unit, source_file, source_line, value, period_start)");
      st.execute("create view marts.rejected_rows as select 'ouaga.csv' as source_file, 7 as source_line, 'SSBF;2024-05;secret' as raw");
      st.execute("create view marts.load_report as select 'run-x' as run_id, 'ouaga.csv' as source_file, 3::bigint as rows_read,"
          + " timestamp '2024-06-01 10:00:00' as run_at");
      st.execute("create view marts.indicator_catalogue as select 'people_reached' as indicator_code, 'People reached' as name_en,"
          + " 'Personnes rencontrées' as name_fr");
      st.execute("create view marts.odd_types as select 12345678901234567890::hugeint as big, '00000000-0000-0000-0000-000000000001'::uuid as id,"
          + " '\\xAA\\xBB'::blob as bytes, {'a': 1, 'b': 'x'} as struct, [1, 2] as list, timestamptz '2024-03-01 10:00:00+00' as happened_at,"
          + " 1.25::decimal(10, 2) as amount, true as flag, '' as empty_text, null::varchar as no_text, 'a \"quoted\", multi-line\ntext' as odd_text,"
          + " 'samusocial-sn' as member");
      st.execute("checkpoint");
    }
    Files.move(building, warehouse, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static PostgresPublication.Result publish(boolean force) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return PostgresPublication.publish(warehouse, users, pg.adminTarget(), force, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  static List<String> marts() throws Exception {
    List<String> marts = new ArrayList<>();
    for (List<String> r : duck("select table_name from information_schema.tables where table_schema = 'marts' order by 1")) {
      marts.add(r.get(0));
    }
    return marts;
  }

  static List<List<String>> duck(String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true)) {
      return JdbcEndpointTest.rows(db, sql);
    }
  }

  /** One row per mart: its name and its row count, in one query (each client login costs a SCRAM key derivation). */
  static String countsQuery(List<String> marts) {
    return String.join(" union all ", marts.stream().map(m -> "select '" + m + "', count(*) from marts." + m).toList()) + " order by 1";
  }

  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    return JdbcEndpointTest.rows(c, sql);
  }

  @Test
  void everyMartIsLoadedWithNaturalTypesAndFrenchAndEnglishLabels() throws Exception {
    try (Connection admin = pg.connect(PostgresCluster.ADMIN, PostgresCluster.ADMIN_PASSWORD)) {
      Map<String, String> types = new LinkedHashMap<>();
      for (List<String> r : rows(admin, "select column_name, data_type from information_schema.columns where table_schema = 'marts'"
          + " and table_name = 'odd_types' order by ordinal_position")) {
        types.put(r.get(0), r.get(1));
      }
      assertEquals(Map.ofEntries(Map.entry("big", "numeric"), Map.entry("id", "uuid"), Map.entry("bytes", "bytea"), Map.entry("struct", "jsonb"),
          Map.entry("list", "jsonb"), Map.entry("happened_at", "timestamp with time zone"), Map.entry("amount", "numeric"), Map.entry("flag", "boolean"),
          Map.entry("empty_text", "text"), Map.entry("no_text", "text"), Map.entry("odd_text", "text"), Map.entry("member", "text")), types);
      assertEquals(List.of(List.of("12345678901234567890", "00000000-0000-0000-0000-000000000001", "\\xaabb", "{\"a\": 1, \"b\": \"x\"}", "[1, 2]",
          "2024-03-01 10:00:00", "1.25", "t", "", "true", "a \"quoted\", multi-line\ntext")),
          rows(admin, "select big, id, bytes, struct, list, to_char(happened_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), amount, flag,"
              + " empty_text, (no_text is null)::text, odd_text from marts.odd_types"));
      assertEquals(List.of(List.of("double precision", "integer", "timestamp with time zone")), rows(admin,
          "select (select data_type from information_schema.columns where table_schema = 'marts' and table_name = 'indicator_values' and column_name = 'value'),"
              + " (select data_type from information_schema.columns where table_schema = 'marts' and table_name = 'indicator_values' and column_name = 'members_contributing'),"
              + " (select data_type from information_schema.columns where table_schema = 'marts' and table_name = 'load_report' and column_name = 'run_at')"));
      assertEquals(List.of(List.of("2024-06-01 10:00:00+00")), rows(admin, "select (run_at at time zone 'UTC')::text || '+00' from marts.load_report"));
      assertEquals(List.of(List.of("Indicator values / Valeurs des indicateurs. One row per indicator x period x place x disaggregation;"
          + " null place or disaggregation = all", "Period / Période", "Value / Valeur")), rows(admin,
          "select obj_description('marts.indicator_values'::regclass), col_description('marts.indicator_values'::regclass, 2),"
              + " col_description('marts.indicator_values'::regclass, 5)"));
      assertEquals(List.of(List.of("run-1")), rows(admin, "select run_id from palabre.build_info"));
    }
  }

  @Test
  void aNetworkUserCountsThroughPsqlWhatTheWarehouseHolds() throws Exception {
    String counts = countsQuery(marts());
    PostgresCluster.Outcome psql = pg.psql("alice", ALICE, counts);
    assertEquals(0, psql.exit(), psql.err());
    assertEquals(String.join("\n", duck(counts).stream().map(r -> String.join("|", r)).toList()), psql.out().strip());
    PostgresCluster.Outcome sum = pg.psql("alice", ALICE, "select sum(value) from marts.indicator_values where member is not null");
    assertEquals(duck("select cast(sum(value) as bigint) from marts.indicator_values where member is not null").get(0).get(0), sum.out().strip());
    assertEquals("on", pg.psql("alice", ALICE, "show default_transaction_read_only").out().strip());
  }

  @Test
  void aMemberSeesItsOwnRowsAndTotalsFedByEnoughMembersAndNoNetworkOnlyMart() throws Exception {
    try (Connection sam = pg.connect("sam", SAM)) {
      assertEquals(List.of(List.of("2023", "samusocial-sn", "null"), List.of("2024", "samusocial-sn", "100"), List.of("2024", "null", "600")),
          rows(sam, "select period, coalesce(member, 'null'), coalesce(value::text, 'null') from marts.indicator_values order by period, member nulls last"));
      assertEquals(List.of(), rows(sam, "select * from marts.indicator_values where member = 'samusocial-bf' or country_iso2 = 'BF'"));
      assertEquals(List.of(List.of("2", "100")), rows(sam, "select count(*), sum(value) from marts.observations"));
      assertEquals(List.of(List.of("1")), rows(sam, "select count(*) from marts.indicator_catalogue"));
      assertEquals(List.of(List.of("1")), rows(sam, "select count(*) from marts.odd_types"));
      for (String networkOnly : List.of("rejected_rows", "load_report")) {
        SQLException denied = assertThrows(SQLException.class, () -> rows(sam, "select * from marts." + networkOnly));
        assertEquals("42501", denied.getSQLState(), denied.getMessage());
      }
      // the policies cannot be talked around: no role switch, no row-security bypass
      assertThrows(SQLException.class, () -> rows(sam, "set role palabre_network"));
      assertThrows(SQLException.class, () -> rows(sam, "set role \"palabre_member_samusocial-bf\""));
      assertThrows(SQLException.class, () -> rows(sam, "set row_security = off; select count(*) from marts.observations"));
    }
    try (Connection bob = pg.connect("bob", BOB)) {
      assertEquals(List.of(List.of("ouaga.csv")), rows(bob, "select distinct source_file from marts.observations"));
      assertEquals(List.of(), rows(bob, "select * from marts.odd_types"));
      assertEquals(List.of(List.of("samusocial-bf", "BF"), List.of("null", "null")),
          rows(bob, "select coalesce(member, 'null'), coalesce(country_iso2, 'null') from marts.indicator_values order by member nulls last"));
    }
    try (Connection alice = pg.connect("alice", ALICE)) {
      assertEquals(List.of(List.of("SSBF;2024-05;secret")), rows(alice, "select raw from marts.rejected_rows"));
      assertEquals(duck("select count(*) from marts.indicator_values"), rows(alice, "select count(*) from marts.indicator_values"));
    }
  }

  @Test
  void writesTemporaryObjectsWrongPasswordsAndUnknownUsersAreRefused() throws Exception {
    for (String[] user : List.of(new String[] {"alice", ALICE}, new String[] {"sam", SAM})) {
      try (Connection c = pg.connect(user[0], user[1]); Statement st = c.createStatement()) {
        for (String sql : List.of(
            "insert into marts.observations (member) values ('samusocial-sn')",
            "update marts.indicator_values set value = 0",
            "delete from marts.observations",
            "truncate marts.observations",
            "drop table marts.observations",
            "create table marts.stolen (x int)",
            "create table public.stolen (x int)",
            "create temporary table scratch (x int)",
            "create schema mine",
            "alter table marts.observations disable row level security",
            "begin read write; insert into marts.observations (member) values ('x'); commit",
            "set default_transaction_read_only = off; create temporary table scratch2 as select 1",
            "copy marts.observations from program 'true'",
            "select pg_read_file('/etc/passwd')")) {
          SQLException refused = assertThrows(SQLException.class, () -> st.execute(sql), user[0] + ": " + sql);
          assertFalse(refused.getMessage().isBlank());
          if (!c.getAutoCommit()) {
            c.rollback();
          }
          st.execute("rollback");
        }
      }
    }
    try (Connection admin = pg.connect(PostgresCluster.ADMIN, PostgresCluster.ADMIN_PASSWORD)) {
      assertEquals(duck("select count(*) from marts.observations"), rows(admin, "select count(*) from marts.observations"));
      assertEquals(List.of(List.of("0")), rows(admin, "select count(*) from pg_tables where tablename like 'stolen%' or tablename like 'scratch%'"));
      assertEquals(List.of(List.of("0")), rows(admin, "select count(*) from pg_roles where rolname = 'ghost'"));
    }
    SQLException wrong = assertThrows(SQLException.class, () -> pg.connect("sam", "not-the-password-42").close());
    assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
    PostgresCluster.Outcome psqlWrong = pg.psql("alice", "not-the-password-42", "select 1");
    assertNotEquals(0, psqlWrong.exit());
    assertTrue(psqlWrong.err().contains("password authentication failed for user \"alice\""), psqlWrong.err());
    assertNotEquals(0, pg.psql("ghost", "ghost-password", "select 1").exit());
    assertNotEquals(0, pg.psql("mallory", ALICE, "select 1").exit());
  }

  @Test
  void psqlOdbcThroughUnixOdbcGivesTheSameCountsAsPsql() throws Exception {
    Assumptions.assumeTrue(PostgresCluster.odbcAvailable(),
        "SKIPPED: unixODBC's isql or psqlODBC is missing: install Debian's unixodbc and odbc-postgresql (.ci/run does)");
    for (String[] user : List.of(new String[] {"alice", ALICE}, new String[] {"sam", SAM})) {
      String sql = countsQuery(List.of("indicator_values", "observations", "indicator_catalogue", "odd_types"));
      PostgresCluster.Outcome psql = pg.psql(user[0], user[1], sql);
      PostgresCluster.Outcome odbc = pg.isql(user[0], user[1], sql);
      assertEquals(0, odbc.exit(), odbc.out() + odbc.err());
      assertEquals(psql.out().strip(), odbc.out().strip().replaceAll("(?m)^SQLRowCount returns.*\n?", "").strip(), user[0] + ": " + odbc.out());
    }
    PostgresCluster.Outcome denied = pg.isql("sam", SAM, "select count(*) from marts.rejected_rows");
    assertTrue(denied.out().contains("permission denied") || denied.err().contains("permission denied"), denied.out() + denied.err());
    PostgresCluster.Outcome wrong = pg.isql("sam", "not-the-password-42", "select 1");
    assertNotEquals(0, wrong.exit());
    assertTrue((wrong.out() + wrong.err()).contains("password authentication failed"), wrong.out() + wrong.err());
  }

  @Test
  void aNewBuildIsSwappedInWhileAReaderFinishesOnTheOldOne() throws Exception {
    try {
      swapUnderAReader();
    } finally {
      buildWarehouse("run-1", 100, "'Dakar'");
      publish(false);
    }
  }

  void swapUnderAReader() throws Exception {
    try (Connection reader = pg.connect("alice", ALICE)) {
      reader.setAutoCommit(false);
      try (Statement st = reader.createStatement()) {
        st.setFetchSize(1);
        ResultSet open = st.executeQuery("select org_unit from marts.observations where member = 'samusocial-sn' order by source_line");
        assertTrue(open.next());
        assertEquals("Dakar", open.getString(1));
        buildWarehouse("run-2", 150, "'Dakar-Plateau'");
        PostgresPublication.Result second = publish(false);
        assertTrue(second.loaded());
        assertTrue(second.notes().stream().anyMatch(n -> n.contains("still read by a long query")), second.notes().toString());
        assertTrue(open.next());
        assertEquals("Dakar", open.getString(1), "a query started before the swap finishes on the old marts");
        open.close();
        reader.commit();
      }
      assertEquals(List.of(List.of("Dakar-Plateau")), rows(reader, "select distinct org_unit from marts.observations where member = 'samusocial-sn'"));
      reader.commit();
    }
    try (Connection sam = pg.connect("sam", SAM)) {
      assertEquals(List.of(List.of("650")), rows(sam, "select value from marts.indicator_values where member is null"));
    }
    // the same build again: nothing loaded; the previous marts are dropped now that no one reads them
    PostgresPublication.Result again = publish(false);
    assertFalse(again.loaded());
    try (Connection admin = pg.connect(PostgresCluster.ADMIN, PostgresCluster.ADMIN_PASSWORD)) {
      assertEquals(List.of(List.of("0")), rows(admin, "select count(*) from pg_namespace where nspname like 'marts_%'"));
      assertEquals(List.of(List.of("run-2")), rows(admin, "select run_id from palabre.build_info"));
    }
  }

  @Test
  void aFailedLoadLeavesThePublishedMartsAsTheyWere() throws Exception {
    Path good = dir.resolve("good.duckdb");
    Files.copy(warehouse, good, StandardCopyOption.REPLACE_EXISTING);
    try {
      buildWarehouse("run-bad", 999, "'Dakar' || chr(0)"); // PostgreSQL text cannot hold a NUL character
      SQLException failed = assertThrows(SQLException.class, () -> publish(false));
      assertTrue(failed.getMessage().contains("marts.observations could not be loaded into PostgreSQL"), failed.getMessage());
      try (Connection alice = pg.connect("alice", ALICE)) {
        assertEquals(List.of(List.of("Dakar")), rows(alice, "select distinct org_unit from marts.observations where member = 'samusocial-sn'"));
        assertEquals(List.of(List.of("run-1")), rows(alice, "select run_id from palabre.build_info"));
      }
    } finally {
      Files.move(good, warehouse, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void usersAddedOrRemovedFromTheFileGetOrLoseTheirLoginAtTheNextPublication() throws Exception {
    UserDirectory directory = new UserDirectory(users);
    directory.put("nadia", "samusocial-pn", "nadia-pointe-noire".toCharArray());
    directory.remove("bob");
    try {
      PostgresPublication.Result result = publish(false);
      assertFalse(result.loaded(), "the build was already published: only the roles change");
      assertTrue(result.notes().stream().anyMatch(n -> n.contains("dropped: bob")), result.notes().toString());
      assertTrue(result.notes().stream().anyMatch(n -> n.contains("user ghost") && n.contains("no PostgreSQL role")), result.notes().toString());
      PostgresCluster.Outcome nadia = pg.psql("nadia", "nadia-pointe-noire", "select coalesce(member, 'all') || ' ' || value"
          + " from marts.indicator_values order by member nulls last");
      assertEquals(0, nadia.exit(), nadia.err());
      assertEquals("samusocial-pn 300\nall 600", nadia.out().strip());
      assertNotEquals(0, pg.psql("bob", BOB, "select 1").exit());
      // a role Palabre did not make is never taken over
      try (Connection admin = pg.connect(PostgresCluster.ADMIN, PostgresCluster.ADMIN_PASSWORD); Statement st = admin.createStatement()) {
        st.execute("create role carol login password 'carols-own'");
      }
      directory.put("carol", "network", "palabre-carol-pw".toCharArray());
      PostgresPublication.Result taken = publish(false);
      assertTrue(taken.notes().stream().anyMatch(n -> n.contains("user carol") && n.contains("did not make")), taken.notes().toString());
      assertEquals(0, pg.psql("carol", "carols-own", "select 1").exit());
      assertNotEquals(0, pg.psql("carol", "palabre-carol-pw", "select count(*) from marts.rejected_rows").exit());
    } finally {
      directory.remove("nadia");
      directory.remove("carol");
      directory.put("bob", "samusocial-bf", BOB.toCharArray());
      publish(false);
    }
  }

  @Test
  void runAndBuildPublishByThemselvesWhenTheUrlIsSetAndSayWhatFailed() throws Exception {
    String url = "postgresql://" + PostgresCluster.ADMIN + "@127.0.0.1:" + pg.port() + "/" + PostgresCluster.DATABASE;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Publications.afterBuild(warehouse, Map.of(PostgresTarget.URL_VARIABLE, url, "PGPASSWORD", PostgresCluster.ADMIN_PASSWORD),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("PostgreSQL postgresql://" + PostgresCluster.ADMIN + "@127.0.0.1:" + pg.port() + "/palabre already has build run-1"),
        printed);
    assertFalse(printed.contains(PostgresCluster.ADMIN_PASSWORD), printed);
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    Publications.afterBuild(warehouse, Map.of(), new PrintStream(quiet, true, StandardCharsets.UTF_8));
    assertFalse(quiet.toString(StandardCharsets.UTF_8).contains("PostgreSQL"), "no URL, no publication");
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Publications.afterBuild(warehouse,
        Map.of(PostgresTarget.URL_VARIABLE, url, "PGPASSWORD", "not-the-admin-password"), new PrintStream(new ByteArrayOutputStream())));
    assertTrue(refused.getMessage().startsWith("the warehouse is built and published, but its publication into PostgreSQL"), refused.getMessage());
    assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
    assertFalse(refused.getMessage().contains("not-the-admin-password"), refused.getMessage());
  }
}
