package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.cli.Palabre;
import org.palabre.db.DuckDb;
import picocli.CommandLine;

/**
 * The bad-input corpus ({@code src/test/resources/bad-inputs/}, plus files too large or too binary
 * to keep in the repository, made here): one {@code palabre run} over all of it must finish, print
 * no stack trace, load the good rows, and account for every row of every file with a reason.
 */
class BadInputTest {

  @TempDir static Path dir;
  static String output;
  static int exit;
  static Map<String, long[]> accounting = new HashMap<>();
  static Map<String, String> reasons = new HashMap<>();
  static Map<String, String> warnings = new HashMap<>();

  /** Expected rows read, loaded, rejected (validation included), per file. */
  private static final Map<String, long[]> EXPECTED = Map.ofEntries(
      Map.entry("samusocial/header_only.csv", new long[] {0, 0, 0}),
      Map.entry("samusocial/truncated_in_a_quote.csv", new long[] {2, 1, 1}),
      Map.entry("samusocial/unbalanced_quote.csv", new long[] {2, 1, 1}),
      Map.entry("samusocial/duplicate_headers.csv", new long[] {1, 1, 0}),
      // -120 is a rejected cell: the row's 50 women load
      Map.entry("samusocial/negative_absurd_and_impossible_dates.csv", new long[] {5, 3, 2}),
      Map.entry("samusocial/unknown_codes.csv", new long[] {2, 1, 1}),
      Map.entry("samusocial/not_a_report.csv", new long[] {2, 0, 2}),
      Map.entry("samusocial/empty.csv", new long[] {0, 0, 0}),
      Map.entry("samusocial/binary_garbage.csv", new long[] {-1, 0, -1}),
      Map.entry("samusocial/million_character_line.csv", new long[] {2, 1, 1}),
      Map.entry("samusocial/utf16_without_bom.csv", new long[] {1, 1, 0}),
      Map.entry("hxl/hashtags_only.csv", new long[] {0, 0, 0}),
      Map.entry("hxl/unknown_hashtags.csv", new long[] {1, 1, 0}),
      Map.entry("hxl/no_hashtag_row.csv", new long[] {2, 0, 2}),
      Map.entry("dhis2/deeply_nested.json", new long[] {1, 0, 1}),
      // its first value lands (an element the metadata do not describe is read as a number), the broken rest is one reject
      Map.entry("dhis2/dvs_broken_quote.csv", new long[] {2, 1, 1}),
      Map.entry("dhis2/dvs_malformed.json", new long[] {3, 2, 1}),
      // the same: its first value lands, the truncated rest is one reject
      Map.entry("dhis2/dvs_truncated.json", new long[] {2, 1, 1}),
      Map.entry("dhis2/metadata_small.json", new long[] {33, 32, 1}),
      Map.entry("dhis2/not_a_dvs.json", new long[] {1, 1, 0}),
      Map.entry("iati/doctype-billion-laughs.xml", new long[] {1, 0, 1}),
      Map.entry("iati/doctype-xxe.xml", new long[] {1, 0, 1}),
      Map.entry("iati/mismatched-tag.xml", new long[] {2, 1, 1}),
      // its EUR budget and transaction load: bad_rates.csv's bad lines leave out those rates only (issue 14)
      Map.entry("iati/truncated.xml", new long[] {4, 3, 1}),
      Map.entry("missions/deeply_nested.json", new long[] {1, 0, 1}),
      Map.entry("missions/truncated.json", new long[] {1, 0, 1}),
      Map.entry("partnerships/unknown_table.csv", new long[] {1, 0, 1}),
      Map.entry("reference/bad_rates.csv", new long[] {4, 1, 3}),
      Map.entry("reference/unknown_table.csv", new long[] {1, 0, 1}));

  @BeforeAll
  static void runOverTheCorpus() throws Exception {
    Path input = dir.resolve("input");
    copyCorpus(input);
    Files.write(input.resolve("samusocial/empty.csv"), new byte[0]);
    byte[] garbage = new byte[64 * 1024];
    new Random(7).nextBytes(garbage);
    Files.write(input.resolve("samusocial/binary_garbage.csv"), garbage);
    Files.writeString(input.resolve("samusocial/million_character_line.csv"),
        "Dispositif;Mois;Personnes rencontrées\nSamusocial Sénégal;2023-04;120\nSamusocial Sénégal;2023-05;" + "9".repeat(1_000_000)
            + "\n", StandardCharsets.UTF_8);
    // deeply nested JSON: the parsers' nesting limit, not a stack overflow
    Files.writeString(input.resolve("missions/deeply_nested.json"), "[".repeat(200_000) + "]".repeat(200_000));
    Files.writeString(input.resolve("dhis2/deeply_nested.json"), "{\"dataValues\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}");
    // the patients of the corpus are made up: the public sample key is fine for them
    Files.writeString(input.resolve(".palabre-sample-data"), "test corpus: made-up patients\n");
    Files.writeString(input.resolve("samusocial/utf16_without_bom.csv"),
        "Dispositif;Mois;Personnes rencontrées\nSamusocial Sénégal;2023-04;120\n", StandardCharsets.UTF_16LE);

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter cliErr = new StringWriter();
    try {
      PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
      System.setOut(both);
      System.setErr(both);
      CommandLine cli = Palabre.commandLine();
      cli.setErr(new PrintWriter(cliErr, true));
      exit = cli.execute("run", "--input", input.toString(), "--lake", dir.resolve("lake").toString(), "--warehouse",
          dir.resolve("wh/p.duckdb").toString());
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    output = captured.toString(StandardCharsets.UTF_8) + cliErr;
    try (Connection db = DuckDb.open(dir.resolve("wh/p.duckdb"), true); Statement st = db.createStatement()) {
      try (ResultSet rs = st.executeQuery("select source_file, rows_read, rows_loaded, rows_rejected, warnings from marts.load_report")) {
        while (rs.next()) {
          accounting.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
          warnings.put(rs.getString(1), rs.getString(5));
        }
      }
      try (ResultSet rs = st.executeQuery("select source_file, string_agg(reason, ' | ' order by source_line) from marts.rejected_rows group by 1")) {
        while (rs.next()) {
          reasons.put(rs.getString(1), rs.getString(2));
        }
      }
    }
  }

  private static void copyCorpus(Path input) throws URISyntaxException, java.io.IOException {
    Path corpus = Path.of(BadInputTest.class.getClassLoader().getResource("bad-inputs").toURI());
    try (Stream<Path> files = Files.walk(corpus)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = input.resolve(corpus.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  @Test
  void theRunFinishesWithoutAStackTrace() {
    assertEquals(0, exit, output);
    assertFalse(output.contains("\tat "), output);
    assertFalse(output.contains("Exception"), output);
  }

  @Test
  void everyFileIsAccountedForRowByRow() {
    assertEquals(EXPECTED.keySet(), accounting.keySet());
    for (var e : accounting.entrySet()) {
      long[] a = e.getValue();
      assertEquals(a[0], a[1] + a[2], e.getKey() + ": rows read = loaded + rejected");
      long[] expected = EXPECTED.get(e.getKey());
      for (int i = 0; i < 3; i++) {
        if (expected[i] >= 0) {
          assertEquals(expected[i], a[i], e.getKey() + " " + java.util.List.of("read", "loaded", "rejected").get(i));
        }
      }
    }
  }

  @Test
  void binaryGarbageIsRejectedRowByRowWithWhatWasExpected() {
    long[] a = accounting.get("samusocial/binary_garbage.csv");
    assertTrue(a[0] > 0 && a[1] == 0 && a[2] == a[0], java.util.Arrays.toString(a));
    assertTrue(reasons.get("samusocial/binary_garbage.csv").contains("no header row recognised"));
  }

  @Test
  void reasonsSayWhatIsWrongAndWhere() {
    assertTrue(reasons.get("samusocial/truncated_in_a_quote.csv").contains("the rest of the file was not read"));
    assertTrue(reasons.get("samusocial/unbalanced_quote.csv").contains("cannot be read past line 2"));
    String impossible = reasons.get("samusocial/negative_absurd_and_impossible_dates.csv");
    assertTrue(impossible.contains("negative figure -120"), impossible);
    // a month after the run date is rejected when read (the one date policy), before the build's rules
    assertTrue(impossible.contains("period 2031-01 is after the run date "), impossible);
    assertTrue(impossible.contains("validation: No network activity is reported before 1989"), impossible);
    assertTrue(reasons.get("samusocial/unknown_codes.csv").contains("unknown country 'Atlantide'"));
    assertTrue(reasons.get("samusocial/million_character_line.csv").contains("a cell of 1000000 characters"));
    assertTrue(reasons.get("hxl/no_hashtag_row.csv").contains("no HXL hashtag row"));
  }

  @Test
  void xmlBombsAndExternalEntitiesAreRefusedNotExpanded() {
    assertTrue(reasons.get("iati/doctype-billion-laughs.xml").contains("DTDs and entity declarations are refused"));
    assertTrue(reasons.get("iati/doctype-xxe.xml").contains("DTDs and entity declarations are refused"));
    assertTrue(reasons.get("iati/truncated.xml").contains("The rest of th"), reasons.get("iati/truncated.xml"));
  }

  @Test
  void brokenJsonIsRejectedWithTheParsersPosition() {
    assertTrue(reasons.get("dhis2/deeply_nested.json").contains("maximum allowed nesting depth"), reasons.get("dhis2/deeply_nested.json"));
    assertTrue(reasons.get("dhis2/dvs_truncated.json").contains("malformed JSON at line 3"), reasons.get("dhis2/dvs_truncated.json"));
    assertTrue(reasons.get("missions/truncated.json").contains("malformed JSON at line 3"), reasons.get("missions/truncated.json"));
    assertTrue(reasons.get("reference/unknown_table.csv").contains("not a known reference table"));
    assertTrue(reasons.get("partnerships/unknown_table.csv").contains("not a partnership file"));
  }

  @Test
  void whatLoadsButDeservesALookIsNoted() {
    assertTrue(warnings.get("samusocial/header_only.csv").contains("header only"));
    assertTrue(warnings.get("samusocial/empty.csv").contains("the file is empty"));
    assertTrue(warnings.get("samusocial/duplicate_headers.csv").contains("carry the same measure personnes rencontrees"),
        warnings.get("samusocial/duplicate_headers.csv"));
    assertTrue(warnings.get("samusocial/unknown_codes.csv").contains("Samusocial Kinshasa"));
    assertTrue(warnings.get("hxl/unknown_hashtags.csv").contains("without any figure"));
  }
}
