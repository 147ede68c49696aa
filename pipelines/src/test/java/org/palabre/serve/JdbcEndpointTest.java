package org.palabre.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;

/**
 * The JDBC endpoint on a real socket on 127.0.0.1, queried with Avatica's remote driver (and raw
 * HTTP where the status code matters): authentication, audiences, read-only, no file access,
 * connection and statement isolation, types, and rebuilds under connected clients.
 */
class JdbcEndpointTest {

  static final String ALICE_PASSWORD = "alice-network-pw";
  static final String SAM_PASSWORD = "sam-dakar-pw-1";
  static final String BOB_PASSWORD = "bob-ouaga-pw-1";
  static final String WRONG_PASSWORD = "not-the-password-42";

  @TempDir Path dir;
  Path warehouse;
  Path users;
  JdbcEndpoint endpoint;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  final ByteArrayOutputStream buildLog = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    warehouse = dir.resolve("wh/palabre.duckdb");
    publishWarehouse("run-1", 100);
    users = dir.resolve("wh/users.txt");
    UserDirectory directory = new UserDirectory(users);
    directory.put("alice", "network", ALICE_PASSWORD.toCharArray());
    directory.put("sam", "samusocial-sn", SAM_PASSWORD.toCharArray());
    directory.put("bob", "samusocial-bf", BOB_PASSWORD.toCharArray());
    directory.put("ghost", "nowhere", "ghost-password".toCharArray());
    endpoint = JdbcEndpoint.start(new JdbcEndpoint.Options("127.0.0.1", 0, warehouse, users, null, null), new PrintStream(log, true));
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
  }

  /** A warehouse as WarehouseBuild leaves it (ref, meta, marts), published atomically, then its audience files. */
  void publishWarehouse(String runId, int dakarPeople) throws Exception {
    Files.createDirectories(warehouse.getParent());
    Path building = warehouse.resolveSibling("building-" + runId + ".duckdb");
    try (Connection db = DuckDb.open(building, false); Statement st = db.createStatement()) {
      st.execute("create schema ref");
      st.execute("create table ref.members as select * from (values ('samusocial-bf'), ('samusocial-sn')) t(member_code)");
      st.execute("create table ref.settings as select 'audience_min_members' as setting, '3' as value");
      st.execute("create schema meta");
      st.execute("create table meta.build_info as select '" + runId + "' as run_id, now()::timestamp as built_at");
      st.execute("create schema marts");
      // the network total as if fed by three members, so that members' audiences see it (audience_min_members)
      st.execute("create table marts.indicator_values as select *, false as suppressed, false as suppressed_for_members from (values"
          + " ('people_reached', '2024', null, " + (dakarPeople + 200) + ".0, 3),"
          + " ('people_reached', '2024', 'samusocial-sn', " + dakarPeople + ".0, 1),"
          + " ('people_reached', '2024', 'samusocial-bf', 200.0, 1)) t(indicator_code, period, member, value, members_contributing)");
      st.execute("create table marts.observations as select * from (values ('samusocial-sn', 'dakar.csv', 2, 60.0),"
          + " ('samusocial-sn', 'dakar.csv', 3, 40.0), ('samusocial-bf', 'ouaga.csv', 2, 200.0)) t(member, source_file, source_line, value)");
      st.execute("create table marts.rejected_rows as select 'ouaga.csv' as source_file, 'SSBF;2024-05;secret' as raw");
      st.execute("create table marts.indicator_catalogue as select 'people_reached' as indicator_code, 'People reached' as name_en");
      st.execute("create view marts.odd_types as select 12345678901234567890::hugeint as big, '00000000-0000-0000-0000-000000000001'::uuid as id,"
          + " '\\xAA\\xBB'::blob as bytes, {'a': 1, 'b': 'x'} as struct, [1, 2] as list,"
          + " timestamptz '2024-03-01 10:00:00+00' as happened_at, 'samusocial-sn' as member");
      st.execute("checkpoint");
    }
    Files.move(building, warehouse, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    AudienceWarehouses.publish(warehouse, new PrintStream(buildLog, true));
  }

  String url() {
    return "jdbc:avatica:remote:url=http://127.0.0.1:" + endpoint.port() + ";serialization=JSON;authentication=BASIC";
  }

  Connection connect(String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("avatica_user", user);
    props.setProperty("avatica_password", password);
    return DriverManager.getConnection(url(), props);
  }

  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int c = 1; c <= n; c++) {
        row.add(rs.getString(c));
      }
      rows.add(row);
    }
    return rows;
  }

  record Http(int status, String body, String challenge) {}

  Http post(String user, String password, String json) throws IOException {
    HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + endpoint.port() + "/").openConnection();
    http.setRequestMethod("POST");
    http.setDoOutput(true);
    if (user != null) {
      http.setRequestProperty("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try (OutputStream out = http.getOutputStream()) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    int status = http.getResponseCode();
    try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
      return new Http(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8), http.getHeaderField("WWW-Authenticate"));
    }
  }

  static final String OPEN = "{\"request\":\"openConnection\",\"connectionId\":\"%s\",\"info\":{}}";

  @Test
  void twoClientsQueryAtOnceEachReadingItsAudience() throws Exception {
    try (Connection alice = connect("alice", ALICE_PASSWORD); Connection sam = connect("sam", SAM_PASSWORD);
        Statement a = alice.createStatement(); Statement s = sam.createStatement()) {
      a.setFetchSize(1);
      s.setFetchSize(1);
      // both result sets open and read in turn: two live cursors on the endpoint at the same time
      try (ResultSet ra = a.executeQuery("select member, value from marts.indicator_values order by member nulls first");
          ResultSet rs = s.executeQuery("select member, value from marts.indicator_values order by member nulls first")) {
        List<String> seenA = new ArrayList<>();
        List<String> seenS = new ArrayList<>();
        boolean moreA = true;
        boolean moreS = true;
        while (moreA || moreS) {
          if (moreA && (moreA = ra.next())) {
            seenA.add(ra.getString(1) + "=" + ra.getString(2));
          }
          if (moreS && (moreS = rs.next())) {
            seenS.add(rs.getString(1) + "=" + rs.getString(2));
          }
        }
        assertEquals(List.of("null=300.0", "samusocial-bf=200.0", "samusocial-sn=100.0"), seenA);
        assertEquals(List.of("null=300.0", "samusocial-sn=100.0"), seenS);
      }
    }
    // and from two threads, many queries each
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<String>> clients = List.of(
          () -> repeat("alice", ALICE_PASSWORD, "select sum(value) from marts.observations"),
          () -> repeat("bob", BOB_PASSWORD, "select sum(value) from marts.observations"));
      List<Future<String>> results = pool.invokeAll(clients);
      assertEquals("300.0", results.get(0).get());
      assertEquals("200.0", results.get(1).get());
    } finally {
      pool.shutdown();
    }
  }

  String repeat(String user, String password, String sql) throws SQLException {
    String last = null;
    try (Connection c = connect(user, password)) {
      for (int i = 0; i < 20; i++) {
        String value = rows(c, sql).get(0).get(0);
        if (last != null && !last.equals(value)) {
          throw new AssertionError(user + " saw " + last + " then " + value);
        }
        last = value;
      }
    }
    return last;
  }

  @Test
  void noCredentialsOrAWrongPasswordIs401AndNoAudienceIs403() throws Exception {
    Http anonymous = post(null, null, String.format(OPEN, "c1"));
    assertEquals(401, anonymous.status(), anonymous.body());
    assertTrue(anonymous.challenge().startsWith("Basic realm=\"palabre\""), anonymous.challenge());
    assertEquals(401, post("alice", WRONG_PASSWORD, String.format(OPEN, "c2")).status());
    assertEquals(401, post("mallory", WRONG_PASSWORD, String.format(OPEN, "c3")).status());
    Http ghost = post("ghost", "ghost-password", String.format(OPEN, "c4"));
    assertEquals(403, ghost.status(), ghost.body());
    assertEquals(200, post("alice", ALICE_PASSWORD, String.format(OPEN, "c5")).status());

    Exception unauthenticated = assertThrows(Exception.class, () -> {
      try (Connection c = DriverManager.getConnection(url().replace(";authentication=BASIC", ""))) {
        rows(c, "select 1");
      }
    });
    assertTrue(String.valueOf(unauthenticated.getMessage()).contains("401") || causes(unauthenticated).contains("401"), causes(unauthenticated));
    Exception wrong = assertThrows(Exception.class, () -> {
      try (Connection c = connect("sam", WRONG_PASSWORD)) {
        rows(c, "select 1");
      }
    });
    assertTrue(causes(wrong).contains("401"), causes(wrong));

    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("refused alice: wrong password"), logged);
    for (String secret : List.of(ALICE_PASSWORD, SAM_PASSWORD, WRONG_PASSWORD, "ghost-password", "mallory")) {
      assertFalse(logged.contains(secret), "the log holds " + secret + ": " + logged);
    }
    String file = Files.readString(users);
    for (String secret : List.of(ALICE_PASSWORD, SAM_PASSWORD, BOB_PASSWORD)) {
      assertFalse(file.contains(secret), "users file holds a clear password");
    }
  }

  static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }

  @Test
  void writesAttachCopyAndServerFilesAreRefusedEvenWhenTheClientAsksForAWritableDatabase() throws Exception {
    Path outside = dir.resolve("outside.csv");
    Files.writeString(outside, "secret\n42\n");
    Properties props = new Properties();
    props.setProperty("avatica_user", "alice");
    props.setProperty("avatica_password", ALICE_PASSWORD);
    props.setProperty("duckdb.read_only", "false");
    props.setProperty("access_mode", "READ_WRITE");
    props.setProperty("enable_external_access", "true");
    props.setProperty("lock_configuration", "false");
    try (Connection c = DriverManager.getConnection(url(), props); Statement st = c.createStatement()) {
      for (String sql : List.of(
          "create table marts.stolen as select 1 as x",
          "insert into marts.observations values ('samusocial-sn', 'x', 1, 1.0)",
          "drop table marts.observations",
          "update marts.observations set value = 0",
          "attach '" + dir.resolve("other.duckdb") + "' as other",
          "copy (select * from marts.observations) to '" + dir.resolve("leak.csv") + "'",
          "select * from read_csv('/etc/passwd')",
          "select * from read_csv('" + outside + "')",
          "select content from read_text('" + outside + "')",
          "select * from glob('/etc/*')",
          "install httpfs",
          "set enable_external_access = true",
          "set lock_configuration = false",
          "reset enable_external_access")) {
        SQLException refused = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertFalse(causes(refused).contains("NullPointerException"), sql + ": " + causes(refused));
      }
      assertEquals(List.of(List.of("3")), rows(c, "select count(*) from marts.observations"));
    }
    assertFalse(Files.exists(dir.resolve("leak.csv")));
    assertFalse(Files.exists(dir.resolve("other.duckdb")));
    try (Connection db = DuckDb.open(AudienceWarehouses.file(warehouse, "network"), true)) {
      assertEquals(List.of(List.of("3")), rows(db, "select count(*) from marts.observations"));
      assertEquals(List.of(List.of("0")), rows(db, "select count(*) from information_schema.tables where table_name = 'stolen'"));
    }
  }

  @Test
  void statementsWithoutResultSetsDoNotBreakAvatica() throws Exception {
    try (Connection c = connect("sam", SAM_PASSWORD); Statement st = c.createStatement()) {
      assertFalse(st.execute("begin transaction"));
      assertEquals(0, st.getUpdateCount());
      assertFalse(st.execute("rollback"));
      assertEquals(List.of(List.of("2")), rows(c, "select count(*) from marts.indicator_values"));
    }
  }

  @Test
  void aMemberSeesOnlyItsOwnRowsAndNetworkTotals() throws Exception {
    try (Connection sam = connect("sam", SAM_PASSWORD)) {
      assertEquals(List.of(List.of("samusocial-sn", "100.0"), java.util.Arrays.asList(null, "300.0")),
          rows(sam, "select member, value from marts.indicator_values order by member nulls last"));
      assertEquals(List.of(), rows(sam, "select * from marts.observations where member = 'samusocial-bf'"));
      assertEquals(List.of(List.of("2", "100.0")), rows(sam, "select count(*), sum(value) from marts.observations"));
      assertEquals(new TreeSet<>(List.of("indicator_catalogue", "indicator_values", "observations", "odd_types")),
          new TreeSet<>(rows(sam, "select table_name from information_schema.tables where table_schema = 'marts'").stream().map(r -> r.get(0)).toList()));
      SQLException rejected = assertThrows(SQLException.class, () -> rows(sam, "select raw from marts.rejected_rows"));
      assertTrue(causes(rejected).contains("rejected_rows"), causes(rejected));
      assertThrows(SQLException.class, () -> rows(sam, "select * from ref.members"));
      assertThrows(SQLException.class, () -> rows(sam, "attach '" + AudienceWarehouses.file(warehouse, "samusocial-bf") + "' as bf (read_only)"));
      assertThrows(SQLException.class, () -> rows(sam, "select * from '" + AudienceWarehouses.file(warehouse, "samusocial-bf") + "'"));
    }
    try (Connection bob = connect("bob", BOB_PASSWORD)) {
      assertEquals(List.of(), rows(bob, "select * from marts.odd_types"));
      assertEquals(List.of(List.of("ouaga.csv")), rows(bob, "select distinct source_file from marts.observations"));
    }
    try (Connection alice = connect("alice", ALICE_PASSWORD)) {
      assertEquals(List.of(List.of("SSBF;2024-05;secret")), rows(alice, "select raw from marts.rejected_rows"));
    }
  }

  @Test
  void aUserCannotUseAnotherUsersConnectionOrStatement() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertEquals(200, post("alice", ALICE_PASSWORD, String.format(OPEN, "alice-conn")).status());
    JsonNode created = json.readTree(post("alice", ALICE_PASSWORD,
        "{\"request\":\"createStatement\",\"connectionId\":\"alice-conn\"}").body());
    int statementId = created.get("statementId").asInt();
    Http run = post("alice", ALICE_PASSWORD, "{\"request\":\"prepareAndExecute\",\"connectionId\":\"alice-conn\",\"statementId\":"
        + statementId + ",\"sql\":\"select member from marts.observations order by member\",\"maxRowCount\":-1,\"maxRowsInFirstFrame\":1}");
    assertEquals(200, run.status(), run.body());

    // sam names alice's connection: refused before Avatica sees it
    assertEquals(403, post("sam", SAM_PASSWORD, "{\"request\":\"createStatement\",\"connectionId\":\"alice-conn\"}").status());
    assertEquals(403, post("sam", SAM_PASSWORD, String.format(OPEN, "alice-conn")).status());
    assertEquals(403, post("sam", SAM_PASSWORD, "{\"request\":\"fetch\",\"connectionId\":\"alice-conn\",\"statementId\":"
        + statementId + ",\"offset\":1,\"fetchMaxRowCount\":10}").status());
    // sam names alice's statement through his own connection: no such statement, no rows
    assertEquals(200, post("sam", SAM_PASSWORD, String.format(OPEN, "sam-conn")).status());
    Http stolen = post("sam", SAM_PASSWORD, "{\"request\":\"fetch\",\"connectionId\":\"sam-conn\",\"statementId\":"
        + statementId + ",\"offset\":1,\"fetchMaxRowCount\":10}");
    assertFalse(stolen.body().contains("samusocial-bf"), stolen.body());
    assertTrue(stolen.body().contains("\"missingStatement\":true") || stolen.body().contains("\"response\":\"error\""), stolen.body());
    // alice still reads her rows
    Http fetched = post("alice", ALICE_PASSWORD, "{\"request\":\"fetch\",\"connectionId\":\"alice-conn\",\"statementId\":"
        + statementId + ",\"offset\":1,\"fetchMaxRowCount\":10}");
    assertTrue(fetched.body().contains("samusocial-sn"), fetched.body());
  }

  @Test
  void typesAvaticaCannotCarryArePublishedCast() throws Exception {
    try (Connection alice = connect("alice", ALICE_PASSWORD)) {
      assertEquals(List.of(List.of("12345678901234567890", "00000000-0000-0000-0000-000000000001", "AABB", "{'a': 1, 'b': x}", "[1, 2]",
          "2024-03-01 10:00:00")), rows(alice, "select big, id, bytes, struct, list, cast(happened_at as varchar) from marts.odd_types"));
    }
  }

  @Test
  void aRebuildUnderConnectedClientsIsSeenByTheirNextQueriesWithoutErrors() throws Exception {
    try (Connection alice = connect("alice", ALICE_PASSWORD); Connection sam = connect("sam", SAM_PASSWORD);
        Statement reused = sam.createStatement();
        PreparedStatement prepared = alice.prepareStatement("select value from marts.indicator_values where member = ?");
        Statement fetching = alice.createStatement()) {
      String query = "select value from marts.indicator_values where member = 'samusocial-sn'";
      assertEquals(List.of(List.of("100.0")), rows(reused.executeQuery(query)));
      prepared.setString(1, "samusocial-sn");
      assertEquals(List.of(List.of("100.0")), rows(prepared.executeQuery()));
      fetching.setFetchSize(1);
      ResultSet open = fetching.executeQuery("select member, value from marts.indicator_values order by member nulls first");
      assertTrue(open.next());

      publishWarehouse("run-2", 150);

      // a result set fetched across the rebuild finishes on the version it started on
      List<String> rest = new ArrayList<>();
      while (open.next()) {
        rest.add(open.getString(1) + "=" + open.getString(2));
      }
      open.close();
      assertEquals(List.of("samusocial-bf=200.0", "samusocial-sn=100.0"), rest);
      // new queries on the same connections, statements and prepared statements see the new data
      assertEquals(List.of(List.of("150.0")), rows(reused.executeQuery(query)));
      assertEquals(List.of(List.of("150.0")), rows(prepared.executeQuery()));
      assertEquals(List.of(List.of("run-2")), rows(sam, "select run_id from meta.build_info"));
      assertEquals(List.of(List.of("350.0")), rows(alice, "select value from marts.indicator_values where member is null"));
      try (Connection late = connect("bob", BOB_PASSWORD)) {
        assertEquals(List.of(List.of("run-2")), rows(late, "select run_id from meta.build_info"));
      }
    }
    // the old versions were let go: one link per audience still served at most
    try (Stream<Path> links = Files.walk(AudienceWarehouses.folder(warehouse)).filter(p -> p.getParent().getFileName().toString().startsWith(".serving-"))) {
      List<Path> remaining = links.toList();
      assertTrue(remaining.size() <= 3, remaining.toString());
    }
  }

  @Test
  void withAKeyStoreTheEndpointSpeaksHttpsOnly() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
        "-alias", "palabre", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "store-pass")
        .redirectErrorStream(true).start();
    String keytoolOut = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keytool.waitFor(), keytoolOut);
    try (JdbcEndpoint tls = JdbcEndpoint.start(new JdbcEndpoint.Options("127.0.0.1", 0, warehouse, users, keyStore,
        "store-pass".toCharArray()), new PrintStream(log, true))) {
      Properties props = new Properties();
      props.setProperty("avatica_user", "sam");
      props.setProperty("avatica_password", SAM_PASSWORD);
      props.setProperty("truststore", keyStore.toString());
      props.setProperty("truststore_password", "store-pass");
      String https = "jdbc:avatica:remote:url=https://127.0.0.1:" + tls.port() + ";serialization=JSON;authentication=BASIC";
      try (Connection c = DriverManager.getConnection(https, props)) {
        assertEquals(List.of(List.of("2")), rows(c, "select count(*) from marts.indicator_values"));
      }
      HttpURLConnection plain = (HttpURLConnection) new URL("http://127.0.0.1:" + tls.port() + "/").openConnection();
      plain.setRequestMethod("POST");
      plain.setDoOutput(true);
      int status;
      try {
        plain.getOutputStream().write(String.format(OPEN, "plain").getBytes(StandardCharsets.UTF_8));
        status = plain.getResponseCode();
      } catch (IOException refused) {
        status = -1; // the TLS connector closes a plain-text connection
      }
      assertTrue(status == -1 || status >= 400, "plain HTTP on the TLS port answered " + status);
    }
  }
}
