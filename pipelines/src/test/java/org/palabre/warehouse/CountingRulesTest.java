package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;

/**
 * The counting rules the crosswalk applies (issue 15 items 2 and 3), through the whole job on
 * real parts: derived totals follow the current version of each cell, and a figure given twice
 * in one file counts once (the later row, as DHIS2's import decides), with a note naming both lines.
 */
class CountingRulesTest {

  private static final Path MALI_METADATA = Path.of("data-samples/dhis2/metadata_mali_pads.json");
  private static final String HEADER =
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted\n";

  @TempDir Path dir;

  private void run() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    IngestJob.Result ingest =
        new IngestJob(new IngestJob.Options(dir.resolve("input"), dir.resolve("lake"), List.of("--runner=DirectRunner")), quiet).run();
    new WarehouseBuild(dir.resolve("lake"), dir.resolve("wh.duckdb"), quiet).run(ingest.runId());
  }

  private List<List<String>> query(String sql) throws Exception {
    try (Connection db = DuckDb.open(dir.resolve("wh.duckdb"), true); Statement st = db.createStatement()) {
      return EndToEndTest.rows(st.executeQuery(sql));
    }
  }

  private static final String CONSULTATIONS_JAN_2016 = "select coalesce(sex, 'all'), sum(value) from core.fct_observations"
      + " where metric_code = 'medical_consultations' and org_unit = 'CSCom ASACO Kayes N''Di' and period = '2016-01'"
      + " and age_group is null group by all order by 1";

  @Test
  void aDhis2CorrectionOfOneCellChangesItsTotalsByExactlyTheCorrection() throws Exception {
    Files.createDirectories(dir.resolve("input/dhis2"));
    Files.copy(MALI_METADATA, dir.resolve("input/dhis2/metadata_mali_pads.json"));
    // January 2016 at one CSCom: women under 1 = 23, women 1-4 = 69, men under 1 = 40
    Files.writeString(dir.resolve("input/dhis2/export_2016.csv"), HEADER
        + "W9BlIBGvFde,201601,bcva06s2evp,XFe7wWptx0Z,,23,agent,2016-01-28,,false,false\n"
        + "W9BlIBGvFde,201601,bcva06s2evp,P3KyEo96HSE,,69,agent,2016-01-28,,false,false\n"
        + "W9BlIBGvFde,201601,bcva06s2evp,RITwWbE25DP,,40,agent,2016-01-28,,false,false\n", StandardCharsets.UTF_8);
    run();
    assertEquals(List.of(List.of("all", "132.0"), List.of("female", "92.0"), List.of("male", "40.0")), query(CONSULTATIONS_JAN_2016));
    // a re-export under another name corrects one cell, 23 -> 30, and says nothing of the others
    Files.writeString(dir.resolve("input/dhis2/export_2016_correction.csv"), HEADER
        + "W9BlIBGvFde,201601,bcva06s2evp,XFe7wWptx0Z,,30,agent,2016-02-10,,false,false\n", StandardCharsets.UTF_8);
    run();
    assertEquals(List.of(List.of("all", "139.0"), List.of("female", "99.0"), List.of("male", "40.0")), query(CONSULTATIONS_JAN_2016),
        "the totals change by exactly the correction (+7): derived from the current version of each cell");
    assertEquals(List.of(List.of("dhis2/export_2016.csv", "23.0", "replaced by a later delivery")),
        query("select source_file, value, left_out_because from intermediate.int_figure_versions where not counts"));
  }

  @Test
  void aMonthGivenTwiceInOneFileCountsOnceTheLaterRow() throws Exception {
    Files.createDirectories(dir.resolve("input/samusocial"));
    Files.writeString(dir.resolve("input/samusocial/casablanca_2023.csv"), """
        Dispositif;Mois;Personnes rencontrées;Consultations médicales
        Samusocial Casablanca;Mars 2023;192;131
        Samusocial Casablanca;Avr. 2023;174;77
        Samusocial Casablanca;Avr. 2023;150;60
        """, StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("input/dhis2"));
    Files.copy(MALI_METADATA, dir.resolve("input/dhis2/metadata_mali_pads.json"));
    Files.writeString(dir.resolve("input/dhis2/export_2016.csv"), HEADER
        + "W9BlIBGvFde,201601,bcva06s2evp,XFe7wWptx0Z,,23,agent,2016-01-28,,false,false\n"
        + "W9BlIBGvFde,201601,bcva06s2evp,XFe7wWptx0Z,,25,agent,2016-01-29,,false,false\n", StandardCharsets.UTF_8);
    run();
    assertEquals(List.of(List.of("150.0", "60.0")), query("select sum(value) filter (where metric_code = 'people_reached'),"
        + " sum(value) filter (where metric_code = 'medical_consultations') from core.fct_observations where period = '2023-04'"),
        "April is the later row's, never 174 + 150");
    assertEquals(List.of(List.of("25.0")), query("select sum(value) from core.fct_observations where source_family = 'dhis2'"
        + " and sex = 'female' and age_group = '<1'"), "the DHIS2 value given twice counts once, the later one");
    // every row is read and loaded; the load report says which line replaced which
    assertEquals(List.of(List.of("3", "3", "0")),
        query("select rows_read, rows_loaded, rows_rejected from marts.load_report where source_family = 'samusocial'"));
    String note = query("select warnings from marts.load_report where source_family = 'samusocial'").get(0).get(0);
    assertTrue(note.contains("2 figures given again further down the file: the later row counts (e.g. line 3 replaced by line 4)"),
        note);
  }
}
