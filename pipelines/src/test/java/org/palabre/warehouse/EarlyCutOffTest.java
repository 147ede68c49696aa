package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;

/**
 * The early cut-off of an incremental build: a table rebuilt to the same rows leaves the models
 * after it as published, but a table whose columns changed is a change for them, even when it
 * holds no row before and after. Two models on an empty lake, built twice with a real warehouse
 * build.
 */
class EarlyCutOffTest {

  @TempDir
  Path dir;

  @Test
  void aChangeOfColumnsIsAChangeEvenForAnEmptyTable() throws Exception {
    Path lake = Files.createDirectories(dir.resolve("lake"));
    Path warehouse = dir.resolve("warehouse.duckdb");
    SqlModel reader = SqlModel.parse("core/reader.sql", """
        -- grain: the columns of upstream
        -- depends on: staging.upstream
        select * from staging.upstream

        -- test: nothing to check
        select 1 where false
        """);

    String first = build(lake, warehouse, List.of(upstream("select 1 as a where false"), reader));
    assertTrue(first.contains("full build"), first);
    assertEquals(List.of("a"), columns(warehouse, "reader"));

    // the same rows (none) again: the reader is kept
    String same = build(lake, warehouse, List.of(upstream("select 2 as a where false"), reader));
    assertTrue(same.contains("staging.upstream") && same.contains("(rebuilt: no row changed)"), same);
    assertFalse(same.contains("core.reader"), same);

    // no row either, but another column: the reader is rebuilt and reads it
    String wider = build(lake, warehouse, List.of(upstream("select 1 as a, 'x' as b where false"), reader));
    assertTrue(wider.contains("core.reader"), wider);
    assertEquals(List.of("a", "b"), columns(warehouse, "reader"));
  }

  private static SqlModel upstream(String body) {
    return SqlModel.parse("staging/upstream.sql", "-- grain: none\n" + body + "\n\n-- test: nothing to check\nselect 1 where false\n");
  }

  private static String build(Path lake, Path warehouse, List<SqlModel> models) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    new WarehouseBuild(lake, warehouse, new PrintStream(log, true, StandardCharsets.UTF_8)).run("run-" + System.nanoTime(), models);
    return log.toString(StandardCharsets.UTF_8);
  }

  private static List<String> columns(Path warehouse, String table) throws Exception {
    List<String> columns = new ArrayList<>();
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select column_name from duckdb_columns() where table_name = '" + table + "' order by column_index")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    return columns;
  }
}
