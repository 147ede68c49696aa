package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.RunningPalabre;
import org.palabre.db.DuckDb;

/**
 * A published warehouse made by an earlier version, where a model that is now a view was a table
 * (as {@code intermediate.int_figures__mapped} was), and where a model that no longer exists left
 * its table: the next build replaces the one by the view and drops the other (DuckDB refuses to
 * replace a table by a view, or to drop a table as a view), and equals {@code build --full}.
 */
class ModelKindChangeTest {

  @TempDir Path dir;

  @Test
  void aTableThatBecameAViewAndAModelThatWentAwayAreReplacedAndDropped() throws Exception {
    Path input = dir.resolve("input");
    Path reports = Files.createDirectories(input.resolve("samusocial/pointe-noire"));
    for (int month = 1; month <= 3; month++) {
      Files.writeString(reports.resolve(String.format("SSPN_rapport_2023-%02d.csv", month)),
          "dispositif,pays,mois,maraudes,personnes_rencontrees,dont_femmes\n"
              + String.format("Samusocial Pointe-Noire,Congo,%02d/2023,%d,%d,40%n", month, 10 + month, 100 + month),
          StandardCharsets.UTF_8);
    }
    Path lake = dir.resolve("lake");
    Path warehouse = dir.resolve("wh/palabre.duckdb");
    RunningPalabre.Outcome first = RunningPalabre.inProcess("run", "--input", input.toString(), "--lake", lake.toString(),
        "--warehouse", warehouse.toString());
    assertEquals(0, first.exit(), first.output());
    assertEquals("view", kindOf(warehouse, "intermediate", "int_figures__mapped"));

    // as an earlier version left it: the mapped figures a table of another definition, and a model since gone
    try (Connection db = DuckDb.open(warehouse, false); Statement st = db.createStatement()) {
      st.execute("create table intermediate.int_figures__mapped__rows as select * from intermediate.int_figures__mapped");
      st.execute("drop view intermediate.int_figures__mapped");
      st.execute("alter table intermediate.int_figures__mapped__rows rename to int_figures__mapped");
      st.execute("update meta.build_inputs set version = 'an earlier definition' where input = 'model intermediate.int_figures__mapped'");
      st.execute("create table intermediate.int_gone as select 1 as x");
      st.execute("insert into meta.build_inputs values ('model intermediate.int_gone', 'an earlier definition')");
    }
    assertEquals("table", kindOf(warehouse, "intermediate", "int_figures__mapped"));

    RunningPalabre.Outcome next = RunningPalabre.inProcess("build", "--lake", lake.toString(), "--warehouse", warehouse.toString());
    assertEquals(0, next.exit(), next.output());
    assertTrue(next.output().contains("incremental build:"), next.output());
    assertEquals("view", kindOf(warehouse, "intermediate", "int_figures__mapped"), next.output());
    assertEquals(null, kindOf(warehouse, "intermediate", "int_gone"), next.output());

    Path full = dir.resolve("wh/full.duckdb");
    RunningPalabre.Outcome fullBuild = RunningPalabre.inProcess("build", "--full", "--lake", lake.toString(), "--warehouse",
        full.toString());
    assertEquals(0, fullBuild.exit(), fullBuild.output());
    Map<String, String> differences = WarehouseComparison.differences(warehouse, full);
    assertTrue(differences.isEmpty(), "the incremental warehouse differs from build --full: " + differences);
  }

  private static String kindOf(Path warehouse, String schema, String name) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      return ModelRunner.kindOf(st, schema, name);
    }
  }
}
