package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ReferenceInputs;
import org.palabre.ingest.IngestJob;

/**
 * Conformance: the four real DHIS2 files of {@code ../shared/reference-inputs/dhis2/} (DHIS2's own
 * test exports: two CSV and one JSON data value set, and the Sierra Leone metadata) ingested
 * together through the {@code dhis2} family and built into a warehouse. None of their data
 * elements is in that metadata (nor mapped to a common metric), so every value must end in the
 * rejects with its reason, and the metadata in {@code dhis2_org_units}. Skipped where the folder
 * is absent.
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
    new WarehouseBuild(dir.resolve("lake"), warehouse, new PrintStream(log, true)).run(IngestJob.newRunId());

    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      // rows in = loaded + rejected, file by file; the metadata's rows are its 13 objects
      // (5 org units, 2 data elements, 2 category combos, 2 categories, 1 option, 1 option combo)
      assertEquals(List.of(
              List.of("dhis2/dataValueSetB.csv", "12", "0", "12", "12"),
              List.of("dhis2/dataValueSetBooleanTest.csv", "18", "0", "18", "18"),
              List.of("dhis2/dataValueSet_single_dataset_with_header.json", "2", "0", "2", "2"),
              List.of("dhis2/metadata_setup_orgunits_sierraleone.json", "13", "13", "0", "0")),
          EndToEndTest.rows(st.executeQuery("select l.source_file, l.rows_read, l.rows_loaded, l.rows_rejected,"
              + " (select count(*) from marts.rejected_rows as r where r.source_file = l.source_file)"
              + " from marts.load_report as l order by 1")));
      assertEquals(List.of(List.of("0")),
          EndToEndTest.rows(st.executeQuery("select count(*) from marts.observations")));

      // every value names what is wrong; the uids the Sierra Leone metadata does not hold are named
      assertEquals(List.of(
              List.of("dhis2/dataValueSetB.csv", "12", "12", "6"),
              List.of("dhis2/dataValueSetBooleanTest.csv", "18", "18", "1"),
              List.of("dhis2/dataValueSet_single_dataset_with_header.json", "2", "2", "0")),
          EndToEndTest.rows(st.executeQuery("select source_file, count(*),"
              + " count(*) filter (where reason like 'unknown data element %' or reason like '%; unknown data element %'),"
              + " count(*) filter (where reason like 'unknown org unit ''BdfsJfj87js''%')"
              + " from marts.rejected_rows group by 1 order by 1")));
      assertEquals(List.of(
              List.of("dhis2/dataValueSet_single_dataset_with_header.json", "7",
                  "unknown data element 'BjDrgVrkBI3' (not in the DHIS2 metadata); unknown category option combo"
                      + " 'oPcWGgS2Liz' (not in the DHIS2 metadata)")),
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
              + " from staging.stg_dhis2__org_units order by level, org_unit_uid")));
      ResultSet warnings = st.executeQuery("select warnings from marts.load_report where source_file like '%sierraleone.json'");
      assertTrue(warnings.next());
      assertTrue(warnings.getString(1).contains("'Sierra Leone' (ImspTQPwCqd) is not mapped to a network member"),
          warnings.getString(1));
    }
  }
}
