package org.palabre.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palabre.ingest.IngestJob;
import org.palabre.model.LoadReportRow;

/** The load report stays readable for a run of hundreds of files: a line per family, the files that need a look. */
class LoadReportPrintTest {

  private static LoadReportRow row(String family, String file, long read, long rejected, String status, String warnings) {
    return new LoadReportRow("run-1", family, file, "sha-" + file, 100, status, "kind", "UTF-8", read, read - rejected, rejected,
        warnings, "key-" + file);
  }

  private static String print(List<LoadReportRow> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunReport.printLoadReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), new IngestJob.Result("run-1", rows, List.of(), rows.size()));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFewFilesAreListedOneByOne() {
    String text = print(List.of(row("hxl", "hxl/3w.csv", 10, 1, "loaded", ""), row("samusocial", "samusocial/a.csv", 5, 0, "loaded", "")));
    assertTrue(text.contains("hxl/3w.csv"), text);
    assertTrue(text.contains("2 files"), text);
  }

  @Test
  void hundredsOfFilesGiveALinePerFamilyTheWorstFilesAndOneLinePerDistinctNote() {
    List<LoadReportRow> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(row("samusocial", String.format("samusocial/report-%03d.csv", i), 1000, i == 42 ? 30 : i % 2, i < 290 ? "loaded"
          : "unchanged (loaded in run 0)", i % 3 == 0 ? "organisations not in schemas/mappings/organisations.csv: Pays" : ""));
    }
    rows.add(row("dhis2", "dhis2/values.json", 500, 0, "loaded, replaces the version of run 0", ""));
    String text = print(rows);
    long fileLines = text.lines().filter(l -> l.contains("samusocial/report-")).count();
    assertTrue(fileLines <= 12, "at most the ten worst files and one note line list file names, got " + fileLines + ":\n" + text);
    assertTrue(text.contains("290 loaded, 10 unchanged"), text);
    assertTrue(text.contains("1 replaced an earlier version"), text);
    assertTrue(text.contains("samusocial/report-042.csv: 30 of 1,000 rows rejected"), text);
    assertTrue(text.contains("300000"), "family total of rows read:\n" + text);
    assertEquals(1, text.lines().filter(l -> l.contains("organisations not in")).count(), text);
    assertTrue(text.contains("note 100 files (samusocial/report-000.csv, ...)"), text);
    assertTrue(text.contains("marts.load_report where run_id = 'run-1'"), text);
    assertFalse(text.contains("report-299.csv  "), text);
  }

  @Test
  void hundredsOfFilesWithNotesThatDifferOnlyInTheirNumbersGiveOneLineAndTheQueryForEachFilesOwn() {
    List<LoadReportRow> rows = new ArrayList<>();
    for (int i = 0; i < 330; i++) {
      rows.add(row("samusocial", String.format("samusocial/report-%03d.csv", i), 1000, 0, "unchanged (loaded in run 0)",
          (400 + i) + " figures given again further down the file: the later row counts (e.g. line " + (2 + i % 2) + " replaced by line 59612)"));
    }
    rows.add(row("dhis2", "dhis2/values.csv", 500, 0, "loaded", "28416 figures given again further down the file: the later row counts"
        + " (e.g. line 2 replaced by line 12760); 3 values without a period"));
    String text = print(rows);
    List<String> notes = text.lines().filter(l -> l.startsWith("  note ")).toList();
    assertEquals(2, notes.size(), "one line per kind of note:\n" + text);
    assertTrue(notes.get(0).startsWith("  note 330 files (samusocial/report-000.csv, ...), each with its own figures; in the first: 400 figures given again"),
        text);
    assertTrue(notes.get(1).startsWith("  note dhis2/values.csv: 28416 figures"), text);
    assertTrue(text.contains("each file's notes: ./palabre query \"select source_file, warnings from marts.load_report where run_id = 'run-1'"
        + " and warnings is not null\""), text);
  }

  @Test
  void aFewFilesKeepEachNoteWithItsOwnNumbers() {
    String text = print(List.of(row("samusocial", "samusocial/a.csv", 10, 0, "loaded", "4 figures given again further down the file"),
        row("samusocial", "samusocial/b.csv", 10, 0, "loaded", "5 figures given again further down the file")));
    assertEquals(2, text.lines().filter(l -> l.startsWith("  note samusocial/")).count(), text);
    assertFalse(text.contains("each file's notes"), text);
  }
}
