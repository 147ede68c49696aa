package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.RunFiles;

/**
 * A DHIS2 tree none of whose units {@code schemas/mappings/dhis2_members.csv} lists: its values
 * land with no member, and the load report says so on the file of those values, as the first
 * round's reader did (on the metadata file) for the Sierra Leone reference tree. A real ingest and
 * a full build: the warning is {@code marts.load_report}'s.
 */
class Dhis2UnlistedTreeTest {

  @TempDir Path dir;

  @Test
  void aTreeWithNoListedUnitLoadsWithoutMemberAndTheLoadReportSaysSo() throws Exception {
    Path input = dir.resolve("input");
    Files.createDirectories(input.resolve("dhis2"));
    Files.writeString(input.resolve("dhis2/sl.json"), """
        {"organisationUnits": [{"id": "ImspTQPwCqd", "name": "Sierra Leone", "level": 1}],
         "dataElements": [{"id": "ebxUDyVAcpS", "name": "Sessions", "valueType": "INTEGER_ZERO_OR_POSITIVE"}]}
        """, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("dhis2/values.csv"), """
        dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value
        ebxUDyVAcpS,201603,ImspTQPwCqd,,,7
        ebxUDyVAcpS,201603,UnknownUnit1,,,5
        """, StandardCharsets.UTF_8);
    Path lake = dir.resolve("lake");
    Path warehouse = dir.resolve("wh/palabre.duckdb");
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner")), log).run();
    new WarehouseBuild(lake, warehouse, log).run(RunFiles.newRunId());
    Crosswalk.Built built = new Crosswalk.Built(warehouse);

    assertEquals(List.of("null|SL|training_sessions_local|7.0"),
        built.rows("select member, country_iso2, metric_code, value from marts.observations"));
    List<String> warnings = built.rows("select warnings from marts.load_report where source_file = 'dhis2/values.csv'");
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("org unit tree root Sierra Leone is not mapped to a network member"), warnings.get(0));
    // an org unit the metadata do not name has no tree: it is held, and the quarantine says why, not this note
    assertFalse(warnings.get(0).contains("UnknownUnit1"), warnings.get(0));
    assertEquals(List.of("3|unknown org unit 'UnknownUnit1' (not in the DHIS2 metadata)"),
        built.rows("select source_line, split_part(reason, ';', 1) from marts.quarantine where source_file = 'dhis2/values.csv'"));
  }
}
