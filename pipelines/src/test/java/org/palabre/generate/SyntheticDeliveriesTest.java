package org.palabre.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ingest.IngestJob;
import org.palabre.model.LoadReportRow;

/** Generated deliveries: the same bytes for the same seed, and every file readable by its family. */
class SyntheticDeliveriesTest {

  @TempDir Path dir;

  @Test
  void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws Exception {
    new SyntheticDeliveries(3000, 7).writeTo(dir.resolve("a"));
    new SyntheticDeliveries(3000, 7).writeTo(dir.resolve("b"));
    new SyntheticDeliveries(3000, 8).writeTo(dir.resolve("c"));
    assertEquals(digests(dir.resolve("a")), digests(dir.resolve("b")));
    assertNotEquals(digests(dir.resolve("a")), digests(dir.resolve("c")));
    assertTrue(digests(dir.resolve("a")).keySet().containsAll(List.of("dhis2/metadata_mali_pads.json",
        "iati/synthetic-activities.xml", "hxl/3w_synthetique.csv", "reference/exchange_rates.csv",
        "partnerships/partnership_registry.csv", "partnerships/partner_survey_kobo_export.csv", "partnerships/red_orange_alerts.csv")));
  }

  @Test
  void everyGeneratedFileIsReadAndEveryRowAccountedFor() throws Exception {
    SyntheticDeliveries.Summary summary = new SyntheticDeliveries(3000, 7).writeTo(dir.resolve("in"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    IngestJob.Result result = new IngestJob(new IngestJob.Options(dir.resolve("in"), dir.resolve("lake"),
        List.of("--runner=DirectRunner")), new PrintStream(log, true)).run();
    long reportRowsRead = 0;
    long rejected = 0;
    for (LoadReportRow row : result.report()) {
      assertEquals("loaded", row.status(), row.sourceFile() + "\n" + log);
      assertEquals(row.rowsRead(), row.rowsLoaded() + row.rowsRejected(), row.sourceFile());
      if (row.sourceFile().contains("_rapport_")) {
        reportRowsRead += row.rowsRead();
      }
      // a bad figure in a row whose other figures load is a rejected cell, not a rejected row
      rejected += row.rowsRejected() + row.cellsRejected();
    }
    assertEquals(summary.reportRows(), reportRowsRead);
    assertTrue(summary.badRows() > 0 && rejected >= summary.badRows(), "bad rows " + summary.badRows() + ", rejected rows and cells " + rejected);
    // mission sheets are read too (made-up patients, the public sample key through the marker file)
    assertTrue(result.report().stream().anyMatch(r -> r.sourceFamily().equals("missions") && r.rowsLoaded() > 0),
        result.report().toString());
    // the partnerships family: each of its three files recognised and loaded
    for (String file : List.of("partnership_registry.csv", "partner_survey_kobo_export.csv", "red_orange_alerts.csv")) {
      assertTrue(result.report().stream().anyMatch(r -> r.sourceFamily().equals("partnerships") && r.sourceFile().endsWith(file)
          && r.rowsLoaded() > 0 && r.rowsRejected() == 0), file + ": " + result.report());
    }
    assertEquals(List.of(), result.ignored());
  }

  private static Map<String, String> digests(Path root) throws Exception {
    Map<String, String> result = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        result.put(root.relativize(f).toString().replace('\\', '/'), DigestUtils.sha256Hex(Files.readAllBytes(f)));
      }
    }
    return result;
  }
}
