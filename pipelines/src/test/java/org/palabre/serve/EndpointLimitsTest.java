package org.palabre.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;

/**
 * The endpoint as a BI analyst's JDBC tool uses it, through Avatica's remote driver on a real
 * socket: nulls of every type, ad-hoc types, fetch sizes, the stable catalog name, the row and
 * time limits, cancelling, queries-only, one-line errors and setReadOnly.
 */
class EndpointLimitsTest {

  static final String PASSWORD = "analyst-password";
  /** Ten billion rows: a query that never ends by itself on this machine. */
  static final String ENDLESS = "select sum(a.i * b.j) from range(100000) a(i), range(100000) b(j)";

  @TempDir Path dir;
  Path warehouse;
  Path users;
  final List<JdbcEndpoint> endpoints = new ArrayList<>();

  @BeforeEach
  void publish() throws Exception {
    warehouse = dir.resolve("wh/palabre.duckdb");
    Path network = AudienceWarehouses.file(warehouse, AudienceWarehouses.NETWORK);
    writeAudienceFile(network, "run-1");
    users = dir.resolve("wh/users.txt");
    new UserDirectory(users).put("analyst", "network", PASSWORD.toCharArray());
  }

  /** An audience file as AudienceWarehouses writes it, with a mart of 25,000 rows and nulls of every servable type. */
  static void writeAudienceFile(Path file, String runId) throws Exception {
    Files.createDirectories(file.getParent());
    Path building = file.resolveSibling("building.duckdb");
    Files.deleteIfExists(building);
    try (Connection db = DuckDb.open(building, false); Statement st = db.createStatement()) {
      st.execute("create schema marts");
      st.execute("create schema meta");
      st.execute("create table meta.build_info as select '" + runId + "' as run_id");
      st.execute("create table marts.many as select i::bigint as id, case when i % 3 = 0 then null else i * 0.5 end::double as value from range(25000) t(i)");
      st.execute("create table marts.nulls as select null::boolean as b, null::tinyint as ti, null::smallint as si, null::integer as i,"
          + " null::bigint as bi, null::float as f, null::double as d, null::decimal(18, 3) as dec, null::varchar as v, null::date as da,"
          + " null::time as t, null::timestamp as ts");
      st.execute("checkpoint");
    }
    Files.move(building, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @AfterEach
  void stop() throws Exception {
    for (JdbcEndpoint e : endpoints) {
      e.close();
    }
  }

  JdbcEndpoint start(JdbcEndpoint.Limits limits) throws Exception {
    JdbcEndpoint e = JdbcEndpoint.start(new JdbcEndpoint.Options("127.0.0.1", 0, warehouse, users, null, null, limits),
        new PrintStream(new ByteArrayOutputStream(), true));
    endpoints.add(e);
    return e;
  }

  static Connection connect(JdbcEndpoint e, String... properties) throws SQLException {
    Properties props = new Properties();
    props.setProperty("avatica_user", "analyst");
    props.setProperty("avatica_password", PASSWORD);
    for (int i = 0; i + 1 < properties.length; i += 2) {
      props.setProperty(properties[i], properties[i + 1]);
    }
    return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + e.port() + ";serialization=JSON;authentication=BASIC", props);
  }

  @Test
  void nullsOfEveryTypeAndAdHocTypesComeThroughAvaticasClient() throws Exception {
    try (Connection c = connect(start(JdbcEndpoint.Limits.DEFAULT)); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("select * from marts.nulls")) {
        assertTrue(rs.next());
        for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
          assertNull(rs.getObject(col), rs.getMetaData().getColumnName(col));
          assertNull(rs.getString(col), rs.getMetaData().getColumnName(col));
        }
        assertEquals(0d, rs.getDouble("d"));
        assertTrue(rs.wasNull());
      }
      try (ResultSet rs = st.executeQuery("select now() as now, timestamptz '2024-03-01 10:00:00+00' as tz, '\\xAA\\xBB'::blob as bytes,"
          + " {'a': 1, 'b': 'x'} as struct, [1, 2] as list, map {'k': 1} as map, 12345678901234567890::hugeint as big,"
          + " '00000000-0000-0000-0000-000000000001'::uuid as id, interval 3 day as span, null::timestamptz as no_tz, null::blob as no_bytes")) {
        assertTrue(rs.next());
        assertTrue(rs.getObject("now") instanceof Timestamp);
        assertEquals(java.time.Instant.parse("2024-03-01T10:00:00Z"), ((Timestamp) rs.getObject("tz")).toInstant());
        assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB}, rs.getBytes("bytes"));
        assertEquals("{'a': 1, 'b': x}", rs.getObject("struct"));
        assertEquals("[1, 2]", rs.getObject("list"));
        assertEquals("{k=1}", rs.getString("map"));
        assertEquals(new BigDecimal("12345678901234567890"), rs.getBigDecimal("big"));
        assertEquals("00000000-0000-0000-0000-000000000001", rs.getObject("id"));
        assertEquals("3 days", rs.getString("span"));
        assertNull(rs.getObject("no_tz"));
        assertNull(rs.getObject("no_bytes"));
      }
      try (ResultSet rs = st.executeQuery("select count(*), count(value), sum(value) from marts.many")) {
        rs.next();
        long nonNull = 0;
        double sum = 0;
        try (Statement all = c.createStatement(); ResultSet every = all.executeQuery("select id, value from marts.many")) {
          while (every.next()) {
            Object v = every.getObject(2);
            if (v != null) {
              nonNull++;
              sum += (Double) v;
            }
          }
        }
        assertEquals(rs.getLong(2), nonNull);
        assertEquals(rs.getDouble(3), sum, 1e-6);
      }
    }
  }

  @Test
  void fetchSizeZeroMeansAllRowsAndAHugeFetchSizeIsServedInCappedFrames() throws Exception {
    JdbcEndpoint e = start(JdbcEndpoint.Limits.DEFAULT);
    try (Connection c = connect(e)) {
      try (PreparedStatement count = c.prepareStatement("select count(*) from marts.many where id >= ?")) {
        count.setFetchSize(0);
        count.setLong(1, 0);
        try (ResultSet rs = count.executeQuery()) {
          assertTrue(rs.next(), "a prepared count with fetch size 0 returns its row");
          assertEquals(25000, rs.getLong(1));
        }
      }
      for (int fetchSize : new int[] {0, 1000, Integer.MAX_VALUE}) {
        try (Statement st = c.createStatement()) {
          st.setFetchSize(fetchSize);
          long rows = 0;
          try (ResultSet rs = st.executeQuery("select id from marts.many")) {
            while (rs.next()) {
              rows++;
            }
          }
          assertEquals(25000, rows, "fetch size " + fetchSize);
        }
      }
    }
    // what the server answers to a fetch size of 0 and to a huge one: rows, in frames of at most MAX_FRAME_ROWS
    // (Avatica's server caps a first frame at 100 rows itself)
    ObjectMapper json = new ObjectMapper();
    assertEquals(200, post(e, "{\"request\":\"openConnection\",\"connectionId\":\"raw\",\"info\":{}}").status());
    int statement = json.readTree(post(e, "{\"request\":\"createStatement\",\"connectionId\":\"raw\"}").body()).get("statementId").asInt();
    JsonNode first = json.readTree(post(e, "{\"request\":\"prepareAndExecute\",\"connectionId\":\"raw\",\"statementId\":" + statement
        + ",\"sql\":\"select id from marts.many\",\"maxRowCount\":-1,\"maxRowsInFirstFrame\":0}").body());
    int read = first.at("/results/0/firstFrame/rows").size();
    assertTrue(read > 0 && !first.at("/results/0/firstFrame/done").asBoolean(), first.toString().substring(0, 300));
    JsonNode huge = json.readTree(post(e, "{\"request\":\"fetch\",\"connectionId\":\"raw\",\"statementId\":" + statement
        + ",\"offset\":" + read + ",\"fetchMaxRowCount\":2147483647}").body());
    assertEquals(ServingMeta.MAX_FRAME_ROWS, huge.at("/frame/rows").size());
    read += ServingMeta.MAX_FRAME_ROWS;
    JsonNode rest = json.readTree(post(e, "{\"request\":\"fetch\",\"connectionId\":\"raw\",\"statementId\":" + statement
        + ",\"offset\":" + read + ",\"fetchMaxRowCount\":0}").body());
    assertEquals(25000 - read, rest.at("/frame/rows").size());
    assertTrue(rest.at("/frame/done").asBoolean());
  }

  JdbcEndpointTest.Http post(JdbcEndpoint e, String body) throws Exception {
    java.net.HttpURLConnection http = (java.net.HttpURLConnection) new java.net.URL("http://127.0.0.1:" + e.port() + "/").openConnection();
    http.setRequestMethod("POST");
    http.setDoOutput(true);
    http.setRequestProperty("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("analyst:" + PASSWORD).getBytes()));
    http.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int status = http.getResponseCode();
    try (var in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
      return new JdbcEndpointTest.Http(status, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), null);
    }
  }

  @Test
  void theCatalogIsPalabreForEveryAudienceAndAcrossRebuilds() throws Exception {
    JdbcEndpoint e = start(JdbcEndpoint.Limits.DEFAULT);
    try (Connection c = connect(e)) {
      assertEquals("palabre", c.getCatalog());
      assertEquals(List.of(List.of("25000")), JdbcEndpointTest.rows(c, "select count(*) from palabre.marts.many"));
      writeAudienceFile(AudienceWarehouses.file(warehouse, AudienceWarehouses.NETWORK), "run-2");
      assertEquals(List.of(List.of("run-2")), JdbcEndpointTest.rows(c, "select run_id from palabre.meta.build_info"));
      assertEquals(List.of(List.of("palabre")), JdbcEndpointTest.rows(c, "select current_catalog()"));
      List<String> catalogs = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getCatalogs()) {
        while (rs.next()) {
          catalogs.add(rs.getString(1));
        }
      }
      assertTrue(catalogs.contains("palabre"), catalogs.toString());
    }
  }

  @Test
  void aResultPastTheRowLimitFailsInOneLineSayingSo() throws Exception {
    JdbcEndpoint e = start(new JdbcEndpoint.Limits(20_000, 120, "1GB"));
    try (Connection c = connect(e); Statement st = c.createStatement()) {
      assertEquals(List.of(List.of("20000")), JdbcEndpointTest.rows(c, "select count(*) from (select * from marts.many limit 20000)"));
      // past the first frames, Avatica's client reports a fetch error as its runtime exception
      Exception limit = assertThrows(Exception.class, () -> JdbcEndpointTest.rows(c, "select * from marts.many"));
      assertTrue(limit.getMessage().contains("more than 20,000 rows, the endpoint's limit per query"), limit.getMessage());
      assertFalse(limit.getMessage().contains("\n"), limit.getMessage());
      assertEquals(List.of(List.of("25000")), JdbcEndpointTest.rows(c, "select count(*) from marts.many"));
    }
  }

  @Test
  void aQueryPastTheTimeLimitIsStoppedAndAClientMayAskForLess() throws Exception {
    JdbcEndpoint e = start(new JdbcEndpoint.Limits(1_000_000, 2, "1GB"));
    try (Connection c = connect(e)) {
      SQLException late = assertThrows(SQLException.class, () -> JdbcEndpointTest.rows(c, ENDLESS));
      assertTrue(late.getMessage().contains("ran longer than 2 s, the endpoint's time limit per query"), late.getMessage());
      assertEquals(List.of(List.of("25000")), JdbcEndpointTest.rows(c, "select count(*) from marts.many"), "the connection goes on");
    }
    JdbcEndpoint patient = start(new JdbcEndpoint.Limits(1_000_000, 600, "1GB"));
    try (Connection c = connect(patient, "query_timeout", "1")) {
      SQLException late = assertThrows(SQLException.class, () -> JdbcEndpointTest.rows(c, ENDLESS));
      assertTrue(late.getMessage().contains("ran longer than 1 s"), late.getMessage());
    }
  }

  /**
   * Avatica's protocol has no cancel message, and its client holds a statement while it executes:
   * its cancel() stops the rows being fetched, and a statement closed on the server (a close
   * request, or its connection's) interrupts the query that statement runs.
   */
  @Test
  void aCancelStopsTheFetchAndAClosedStatementStopsItsRunningQuery() throws Exception {
    JdbcEndpoint e = start(new JdbcEndpoint.Limits(1_000_000, 600, "1GB"));
    try (Connection c = connect(e); Statement st = c.createStatement()) {
      st.setFetchSize(100);
      ResultSet rs = st.executeQuery("select id from marts.many");
      for (int i = 0; i < 150; i++) {
        assertTrue(rs.next());
      }
      st.cancel();
      SQLException cancelled = assertThrows(SQLException.class, rs::next);
      assertTrue(cancelled.getMessage().contains("canceled"), cancelled.getMessage());
    }
    ObjectMapper json = new ObjectMapper();
    assertEquals(200, post(e, "{\"request\":\"openConnection\",\"connectionId\":\"raw\",\"info\":{}}").status());
    int statement = json.readTree(post(e, "{\"request\":\"createStatement\",\"connectionId\":\"raw\"}").body()).get("statementId").asInt();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<JdbcEndpointTest.Http> running = pool.submit(() -> post(e, "{\"request\":\"prepareAndExecute\",\"connectionId\":\"raw\","
          + "\"statementId\":" + statement + ",\"sql\":\"" + ENDLESS + "\",\"maxRowCount\":-1,\"maxRowsInFirstFrame\":10}"));
      Thread.sleep(1500);
      assertEquals(200, post(e, "{\"request\":\"closeStatement\",\"connectionId\":\"raw\",\"statementId\":" + statement + "}").status());
      // not a speed check: the query would run for hours; it ends because the close stopped it
      JsonNode stopped = json.readTree(running.get(120, TimeUnit.SECONDS).body());
      assertEquals("error", stopped.path("response").asText(), stopped.toString());
      assertTrue(stopped.path("errorMessage").asText().contains("the query was cancelled"), stopped.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void onlyQueriesRunAndErrorsAreOneLineWithoutStackTraces() throws Exception {
    JdbcEndpoint e = start(JdbcEndpoint.Limits.DEFAULT);
    try (Connection c = connect(e); Statement st = c.createStatement()) {
      for (String sql : List.of("create temp table scratch as select * from range(1000000)", "create temp view v as select 1",
          "create temp macro twice(x) as x * 2", "create macro twice(x) as x * 2", "create temp sequence s", "set threads = 64",
          "attach ':memory:' as m", "pragma memory_limit = '100GB'", "load json", "select 1; create temp table t2 as select 1")) {
        SQLException refused = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertTrue(refused.getMessage().contains("the endpoint is read-only and runs queries only"), sql + ": " + refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
      }
      SQLException missing = assertThrows(SQLException.class, () -> JdbcEndpointTest.rows(c, "select * from marts.nosuch"));
      assertTrue(missing.getMessage().contains("Catalog Error: Table with name nosuch does not exist"), missing.getMessage());
      assertFalse(missing.getMessage().contains("\n"), missing.getMessage());
      assertFalse(missing.getMessage().contains("LINE 1"), missing.getMessage());
      SQLException syntax = assertThrows(SQLException.class, () -> JdbcEndpointTest.rows(c, "selec 1"));
      assertTrue(syntax.getMessage().contains("syntax error"), syntax.getMessage());
      // queries of every shape still run
      for (String sql : List.of("from marts.many limit 1", "with t as (select 1 as x) select * from t", "values (1)", "describe marts.many",
          "show tables", "summarize marts.many", "explain select * from marts.many", "select 1 -- a comment")) {
        assertTrue(st.execute(sql), sql);
      }
      assertFalse(st.execute("begin transaction"));
      assertFalse(st.execute("rollback"));
    }
    ObjectMapper json = new ObjectMapper();
    assertEquals(200, post(e, "{\"request\":\"openConnection\",\"connectionId\":\"raw\",\"info\":{}}").status());
    int statement = json.readTree(post(e, "{\"request\":\"createStatement\",\"connectionId\":\"raw\"}").body()).get("statementId").asInt();
    JsonNode error = json.readTree(post(e, "{\"request\":\"prepareAndExecute\",\"connectionId\":\"raw\",\"statementId\":" + statement
        + ",\"sql\":\"select * from marts.nosuch\",\"maxRowCount\":-1,\"maxRowsInFirstFrame\":10}").body());
    assertEquals("error", error.path("response").asText());
    assertEquals(0, error.path("exceptions").size(), "no server stack trace: " + error);
    assertFalse(error.path("errorMessage").asText().contains("\n"), error.toString());
    assertFalse(error.toString().contains("org.duckdb") || error.toString().contains("\\tat "), error.toString());
  }

  @Test
  void setReadOnlyIsAcceptedAndTheConnectionStaysReadOnly() throws Exception {
    try (Connection c = connect(start(JdbcEndpoint.Limits.DEFAULT))) {
      c.setReadOnly(false);
      assertEquals(List.of(List.of("25000")), JdbcEndpointTest.rows(c, "select count(*) from marts.many"));
      c.setReadOnly(true);
      c.setAutoCommit(false);
      c.setSchema("marts");
      assertEquals(List.of(List.of("25000")), JdbcEndpointTest.rows(c, "select count(*) from many"));
      c.setAutoCommit(true);
      assertThrows(SQLException.class, () -> c.createStatement().execute("insert into marts.many values (1, 1.0)"));
      assertEquals(List.of(List.of("25000")), JdbcEndpointTest.rows(c, "select count(*) from marts.many"));
    }
  }
}
