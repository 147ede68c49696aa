package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ReferenceInputs;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;

/**
 * Conformance: the four real DHIS2 files of {@code ../shared/reference-inputs/dhis2/} (DHIS2's own
 * test exports: two CSV and one JSON data value set, and the Sierra Leone metadata) ingested
 * together through the {@code dhis2} family and built into a warehouse. None of their data
 * elements is in that metadata (nor mapped to a common metric): every value that can be read must
 * land in the lake, in DHIS2's own terms, and be listed in {@code marts.unmapped_figures}; values
 * whose org unit or option combo the metadata do not name are held with the reason; the metadata
 * land in {@code dhis2_org_units}. Skipped where the folder is absent.
 */
class Dhis2ReferenceInputsTest {

  @TempDir Path dir;

  @Test
  void theReferenceFilesLoadOrAreRejectedWithAReasonValueByValue() throws Exception {
    Path reference = ReferenceInputs.folder("dhis2");
    Path input = dir.resolve("input");
    Files.createDirectories(input.resolve("dhis2"));
    for (String name : List.of("dataValueSetB.csv", "dataValueSetBooleanTest.csv",
        "dataValueSet_single_dataset_with_header.json", "metadata_setup_orgunits_sierraleone.json")) {
      Files.copy(reference.resolve(name), input.resolve("dhis2").resolve(name));
    }
    Path warehouse = dir.resolve("palabre.duckdb");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    new IngestJob(new IngestJob.Options(input, dir.resolve("lake"), List.of("--runner=DirectRunner")),
        new PrintStream(log, true)).run();
    new WarehouseBuild(dir.resolve("lake"), warehouse, new PrintStream(log, true)).run(RunFiles.newRunId());

    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      // rows in = loaded + rejected, file by file; the metadata's rows are its 13 objects
      // (5 org units, 2 data elements, 2 category combos, 2 categories, 1 option, 1 option combo).
      // Values of data elements the metadata do not describe are read all the same (DHIS2's
      // booleans as 1 and 0); values at an org unit or with an option combo the metadata do not
      // name are held at build time (rejected, with the reason); 'test' and 'not true' are no figure.
      assertEquals(List.of(
              List.of("dhis2/dataValueSetB.csv", "12", "6", "6", "6"),
              List.of("dhis2/dataValueSetBooleanTest.csv", "18", "14", "4", "4"),
              List.of("dhis2/dataValueSet_single_dataset_with_header.json", "2", "0", "2", "2"),
              List.of("dhis2/metadata_setup_orgunits_sierraleone.json", "13", "13", "0", "0")),
          EndToEndTest.rows(st.executeQuery("select l.source_file, l.rows_read, l.rows_loaded, l.rows_rejected,"
              + " (select count(*) from marts.rejected_rows as r where r.source_file = l.source_file)"
              + " from marts.load_report as l order by 1")));
      // none of their data elements is mapped to a common metric: no observation, every element listed
      assertEquals(List.of(List.of("0")),
          EndToEndTest.rows(st.executeQuery("select count(*) from marts.observations")));
      // (held values count among their element's figures: a code not mapped is listed however its value fares)
      assertEquals(List.of(
              List.of("BjDrgVrkBI3", "2", "BjDrgVrkBI3,<metric_code>,,,"),
              List.of("Ix2HsbDMLea", "4", "Ix2HsbDMLea,<metric_code>,,,"),
              List.of("eY5ehpbEsB7", "4", "eY5ehpbEsB7,<metric_code>,,,"),
              List.of("f7n9E0hX8qk", "4", "f7n9E0hX8qk,<metric_code>,,,"),
              List.of("jH26dja2f30", "10", "jH26dja2f30,<metric_code>,,,"),
              List.of("jH26dja2f31", "5", "jH26dja2f31,<metric_code>,,,")),
          EndToEndTest.rows(st.executeQuery("select source_code, figures, suggested_line from marts.unmapped_figures"
              + " where code_kind = 'dhis2_element' order by 1")));
      assertEquals(List.of(List.of("1.0", "0.0", "10")),
          EndToEndTest.rows(st.executeQuery("select sum(value) filter (where source_line = 2), sum(value) filter (where"
              + " source_line = 4), count(*) from intermediate.int_figures__mapped where measure = 'jH26dja2f30'")));

      // every value held or rejected names what is wrong; the uids the Sierra Leone metadata does not hold are named
      assertEquals(List.of(
              List.of("dhis2/dataValueSetB.csv", "6", "6"),
              List.of("dhis2/dataValueSetBooleanTest.csv", "4", "1"),
              List.of("dhis2/dataValueSet_single_dataset_with_header.json", "2", "0")),
          EndToEndTest.rows(st.executeQuery("select source_file, count(*),"
              + " count(*) filter (where reason like 'unknown org unit ''BdfsJfj87js''%')"
              + " from marts.rejected_rows group by 1 order by 1")));
      assertEquals(List.of(
              List.of("dhis2/dataValueSet_single_dataset_with_header.json", "7",
                  "unknown category option combo 'oPcWGgS2Liz' (not in the DHIS2 metadata); deliver the metadata that"
                      + " names it (a dhis2/ metadata JSON) and run again")),
          EndToEndTest.rows(st.executeQuery("select source_file, source_line, reason from marts.rejected_rows"
              + " where source_file like '%.json' and source_line = 7")));

      // the metadata names the org units, with their ancestry from paths or parent links
      assertEquals(List.of(
              List.of("ImspTQPwCqd", "1", "/ImspTQPwCqd", "Sierra Leone", "null", "null", "null", "SL"),
              List.of("O6uvpzGd5pu", "2", "/ImspTQPwCqd/O6uvpzGd5pu", "Sierra Leone", "Bo", "null", "null", "SL"),
              List.of("YuQRtpLP10I", "3", "/ImspTQPwCqd/O6uvpzGd5pu/YuQRtpLP10I", "Sierra Leone", "Bo", "Badjia", "null", "SL"),
              List.of("DiszpKrYNg8", "4", "/ImspTQPwCqd/O6uvpzGd5pu/YuQRtpLP10I/DiszpKrYNg8", "Sierra Leone", "Bo", "Badjia",
                  "Ngelehun CHC", "SL"),
              List.of("g8upMTyEZGZ", "4", "/ImspTQPwCqd/O6uvpzGd5pu/YuQRtpLP10I/g8upMTyEZGZ", "Sierra Leone", "Bo", "Badjia",
                  "Njandama MCHP", "SL")),
          EndToEndTest.rows(st.executeQuery("select org_unit_uid, level, path, country, coalesce(region, 'null'),"
              + " coalesce(district, 'null'), coalesce(facility, 'null'), country_iso2"
              + " from intermediate.int_dhis2__org_units order by level, org_unit_uid")));
      // the Sierra Leone demo tree is no network member, on purpose: its figures load with member unknown
      assertEquals(List.of(List.of("0")),
          EndToEndTest.rows(st.executeQuery("select count(*) from intermediate.int_dhis2__unit_members")));
    }
  }
}
