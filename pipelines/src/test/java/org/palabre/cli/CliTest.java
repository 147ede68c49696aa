package org.palabre.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a data engineer uses it: exit codes, what it prints, --help everywhere. */
class CliTest {

  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  static Outcome palabre(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter cliErr = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cli = Palabre.commandLine();
      cli.setErr(new PrintWriter(cliErr, true));
      int exit = cli.execute(args);
      return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  @Test
  void beamOptionsReachBeamAndAnUnknownPalabreOptionIsRefused() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input.resolve("samusocial"));
    Files.writeString(input.resolve("samusocial/r.csv"), "Dispositif;Mois;Personnes rencontrées\nSSS;2024-01;120\n");
    Outcome ingest = palabre("ingest", "--input", input.toString(), "--lake", dir.resolve("lake").toString(), "--targetParallelism=1");
    assertEquals(0, ingest.exit(), ingest.err());
    assertTrue(ingest.out().contains("1 new"), ingest.out());
    // Beam refuses what it does not know, and says so
    Files.writeString(input.resolve("samusocial/s.csv"), "Dispositif;Mois;Personnes rencontrées\nSSS;2024-03;80\n");
    Outcome typo = palabre("ingest", "--input", input.toString(), "--lake", dir.resolve("lake").toString(), "--targetParalelism=1");
    assertEquals(1, typo.exit(), typo.out());
    assertTrue(typo.err().contains("targetParalelism"), typo.err());
    // build runs no Beam: an option it does not know is a mistake
    Outcome build = palabre("build", "--lake", dir.resolve("lake").toString(), "--targetParallelism=1");
    assertEquals(2, build.exit(), build.out());
    assertTrue(build.err().contains("Unknown option: '--targetParallelism=1'"), build.err());
  }

  @Test
  void benchPrintsTheTableWithRatesRatiosAndTheTargets() throws Exception {
    Outcome bench = palabre("bench", "--rows", "3000", "--work", dir.resolve("bench").toString(), "--heap", "512m");
    assertEquals(0, bench.exit(), bench.err() + bench.out());
    for (String step : new String[] {"DuckDB read_csv -> Parquet (baseline)", "Palabre ingest (direct runner)", "Warehouse build",
        "Re-run, nothing new (run)", "Re-run, one new file (run)"}) {
      assertTrue(bench.out().lines().anyMatch(l -> l.startsWith(step) && l.matches(".*\\d+\\.\\d+.*")), step + " in\n" + bench.out());
    }
    // the table's line (the first one is the progress line "Palabre ingest (direct runner) ...")
    String ingestLine = bench.out().lines().filter(l -> l.startsWith("Palabre ingest")).reduce((a, b) -> b).orElseThrow();
    assertTrue(ingestLine.matches(".*\\s[\\d,]+\\s+\\d+\\.\\d\\d\\s.*"), "rows/s and ratio: " + ingestLine);
    // one line per target, in the form scripts read
    for (String target : List.of("ingest_vs_duckdb", "build_vs_hand_sql", "one_new_file", "mapping_change", "nothing_new")) {
      assertEquals(1, bench.out().lines().filter(l -> l.matches("target " + target + ": [\\d.]+(x|%) (met|NOT met)")).count(),
          target + " in\n" + bench.out());
    }
    // the mapping change reads no file: no Beam step
    assertTrue(Files.readString(dir.resolve("bench/rerun-mapping.log")).contains("nothing new to ingest"),
        Files.readString(dir.resolve("bench/rerun-mapping.log")));
    // the re-run found nothing new, the second one the new file
    assertTrue(Files.readString(dir.resolve("bench/rerun.log")).contains("Nothing new"), Files.readString(dir.resolve("bench/rerun.log")));
    assertTrue(Files.readString(dir.resolve("bench/rerun-one.log")).contains("1 new"));
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"run", "ingest", "build", "query", "explain", "docs", "serve", "users", "export", "report",
        "bench-serve", "generate", "bench"}) {
      Outcome o = palabre(command, "--help");
      assertEquals(0, o.exit(), command);
      assertTrue(o.out().contains("Usage: palabre " + command), o.out());
    }
  }

  @Test
  void runPrintsTheLoadReportAndHeadlinesThenQueryReadsTheWarehouse() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input.resolve("samusocial"));
    Files.writeString(input.resolve("samusocial/r.csv"), "Dispositif;Mois;Personnes rencontrées\nSSS;2024-01;120\nSSS;2024-02;x\n");
    String warehouse = dir.resolve("w/p.duckdb").toString();
    Outcome run = palabre("run", "--input", input.toString(), "--lake", dir.resolve("lake").toString(), "--warehouse", warehouse);
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("samusocial/r.csv"), run.out());
    assertTrue(run.out().matches("(?s).*samusocial/r\\.csv\\s+2\\s+1\\s+1\\s+loaded.*"), run.out());
    assertTrue(run.out().matches("(?s).*people_reached\\s+People met or cared for by network services\\s+2024\\s+120\\.0.*"), run.out());

    Outcome csv = palabre("query", "--warehouse", warehouse, "--format", "csv",
        "select period, value from marts.indicator_values where indicator_code = 'people_reached' and period_type = 'month'"
            + " and member is null and country_iso2 is null and sex is null order by period");
    assertEquals(0, csv.exit(), csv.err());
    assertEquals("period,value\r\n2024-01,120.0\r\n", csv.out());

    Outcome json = palabre("query", "--warehouse", warehouse, "--format", "json",
        "select source_line, reason from marts.rejected_rows");
    assertTrue(json.out().contains("\"source_line\" : 3"), json.out());

    Outcome write = palabre("query", "--warehouse", warehouse, "drop table core.fct_observations");
    assertEquals(1, write.exit());
    assertTrue(write.err().contains("read-only"), write.err());
  }

  @Test
  void aSecondRunWithNothingNewDoesNotRebuild() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input.resolve("hxl"));
    Files.writeString(input.resolve("hxl/t.csv"), "#org,#date,#reached\nSSS,2024-01,120\n");
    String[] args = {"run", "--input", input.toString(), "--lake", dir.resolve("lake").toString(), "--warehouse",
        dir.resolve("w/p.duckdb").toString()};
    assertEquals(0, palabre(args).exit());
    long built = Files.getLastModifiedTime(dir.resolve("w/p.duckdb")).toMillis();
    Outcome again = palabre(args);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("Nothing new: the warehouse is up to date"), again.out());
    assertEquals(built, Files.getLastModifiedTime(dir.resolve("w/p.duckdb")).toMillis());
  }

  @Test
  void dryRunReportsRejectsAndValidationButPublishesNothing() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input.resolve("samusocial"));
    Files.writeString(input.resolve("samusocial/r.csv"),
        "Dispositif;Mois;Personnes rencontrées;dont femmes\nSSS;2024-01;120;200\nSSS;2024-02;x;1\nSSS;2024-03;10;5\n");
    Outcome o = palabre("run", "--dry-run", "--input", input.toString(), "--lake", dir.resolve("lake").toString(),
        "--warehouse", dir.resolve("w/p.duckdb").toString());
    assertEquals(0, o.exit(), o.err());
    // February's 'x' is a rejected cell (the row's women load), January breaks a rule: 3 read, 2 loaded, 1 rejected
    assertTrue(o.out().matches("(?s).*samusocial/r\\.csv\\s+3\\s+2\\s+1.*"), o.out());
    assertTrue(o.out().contains("validation: Women met cannot outnumber the people met"), o.out());
    assertTrue(o.out().contains("'x' is not a number"), o.out());
    assertTrue(!Files.exists(dir.resolve("lake")) && !Files.exists(dir.resolve("w")), "nothing published");
  }

  @Test
  void aMissingInputFolderIsAClearErrorNotAStackTrace() {
    Outcome o = palabre("ingest", "--input", dir.resolve("nowhere").toString(), "--lake", dir.resolve("lake").toString());
    assertEquals(1, o.exit());
    assertTrue(o.err().contains("does not exist"), o.err());
    assertTrue(!o.err().contains("\tat "), o.err());
  }

  @Test
  void queryWithoutAWarehouseSaysWhatToDo() {
    Outcome o = palabre("query", "--warehouse", dir.resolve("none.duckdb").toString(), "select 1");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("run ./palabre run first"), o.err());
  }
}
