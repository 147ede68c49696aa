package org.palabre.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.Lake;
import org.palabre.warehouse.DuckDb;

/**
 * The same ingest on a distributed runner and on the direct runner gives the same lake: every
 * table's rows, but the run id, are equal. Subclasses name the runner; each runs only under the
 * Maven profile that puts that runner on the classpath ({@code mvn -Pspark verify -Dtest=SparkRunnerLakeTest}).
 */
abstract class RunnerLakeEquivalence {

  @TempDir Path dir;

  /** Beam arguments that select the runner under test. */
  abstract List<String> runnerArgs();

  @Test
  void theRunnerWritesTheSameLakeAsTheDirectRunner() throws Exception {
    Path input = dir.resolve("input");
    Files.createDirectories(input.resolve("samusocial/dakar"));
    Files.createDirectories(input.resolve("hxl"));
    Files.writeString(input.resolve("samusocial/dakar/rapport_T1_2023.csv"), """
        Dispositif;Mois;Personnes rencontrées;dont femmes;Consultations médicales
        Samusocial Sénégal;janvier 2023;100;40;10
        Samusocial Sénégal;février 2023;110;45;11
        Samusocial Sénégal;mars 2023;120;3;12
        Samusocial Sénégal;avril 2023;n'importe;1;1
        """, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("samusocial/pn_avril.csv"),
        "dispositif,mois,personnes_rencontrées,consultations_médicales\r\nSamusocial Pointe-Noire,04/2023,200,30\r\n",
        Charset.forName("windows-1252"));
    Files.writeString(input.resolve("hxl/3w.csv"), "Qui,Quand,Atteints\n#org,#date,#reached+ind\nSSBF,2023,1000\n,2023,-5\n",
        StandardCharsets.UTF_8);
    Path samples = Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");
    Files.createDirectories(input.resolve("iati"));
    Files.createDirectories(input.resolve("reference"));
    Files.copy(samples.resolve("iati/afd-samusocial-2022-2025.xml"), input.resolve("iati/afd.xml"));
    Files.copy(samples.resolve("reference/exchange_rates.csv"), input.resolve("reference/exchange_rates.csv"));

    Path directLake = dir.resolve("lake-direct");
    Path runnerLake = dir.resolve("lake-runner");
    ingest(input, directLake, List.of("--runner=DirectRunner"));
    ingest(input, runnerLake, runnerArgs());

    for (String table : List.of("observations", "rejected_rows", "file_loads", "iati_activities", "iati_transactions",
        "iati_budgets")) {
      List<List<String>> direct = rows(directLake, table);
      List<List<String>> runner = rows(runnerLake, table);
      assertTrue(!direct.isEmpty(), table + " is empty on the direct runner");
      assertEquals(direct, runner, table + " differs between the direct runner and " + runnerArgs());
    }
  }

  private static void ingest(Path input, Path lake, List<String> beamArgs) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    IngestJob.Result result = new IngestJob(new IngestJob.Options(input, lake, beamArgs), new PrintStream(log, true)).run();
    assertTrue(result.report().stream().allMatch(r -> r.status().startsWith("loaded")), log.toString());
    String runner = beamArgs.get(0).substring("--runner=".length());
    assertTrue(log.toString().contains("with Beam (" + runner + ")"), "not run on " + runner + ": " + log);
  }

  /** The table's rows without the run id, sorted, as text. */
  private static List<List<String>> rows(Path lakeRoot, String table) throws Exception {
    List<Path> files = new Lake(lakeRoot).files(table);
    List<List<String>> rows = new ArrayList<>();
    if (files.isEmpty()) {
      return rows;
    }
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select * exclude (run_id) from read_parquet(" + DuckDb.pathList(files) + ") order by all")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
