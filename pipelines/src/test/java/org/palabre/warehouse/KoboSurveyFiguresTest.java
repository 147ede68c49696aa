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
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;

/**
 * A KoboToolbox export's questions that Palabre does not know land as figures in the export's own
 * words and are listed in {@code marts.unmapped_figures} with the line to add (a {@code survey}
 * line of {@code samusocial_columns.csv}), instead of being dropped; a submission dated after the
 * run date (fixed through {@link IngestJob.Options#runDate}) is rejected with the reason.
 */
class KoboSurveyFiguresTest {

  @TempDir Path dir;

  private static List<String> rows(Path warehouse, String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return Crosswalk.rows(rs);
    }
  }

  @Test
  void unknownNumericQuestionsAreUnmappedFiguresAndASubmissionAfterTheRunDateIsRejected() throws Exception {
    Path input = dir.resolve("input");
    Files.createDirectories(input.resolve("partnerships"));
    Files.writeString(input.resolve("partnerships/enquete.csv"), """
        identification/country;identification/member_section;quality/score_overall;activites/sessions_animees;contact/telephone;quality/comment;_id;_uuid;_submission_time
        madagascar;fr;4;3;0341234567;bien;1;u1;2026-03-02T10:00:00
        cambodia;fr;3;5;0341234568;12;2;u2;2026-04-02T10:00:00
        laos;fr;4;7;;;3;u3;2099-01-02T10:00:00
        """);
    Path lake = dir.resolve("lake");
    Path warehouse = dir.resolve("wh.duckdb");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    IngestJob.Result ingest = new IngestJob(new IngestJob.Options(input, lake, List.of("--runner=DirectRunner"),
        LocalDate.of(2026, 12, 1)), quiet).run();
    assertTrue(ingest.runId().startsWith("20261201T"), ingest.runId());
    new WarehouseBuild(lake, warehouse, quiet).run(ingest.runId());

    // the numeric question is a figure of each submission read; the phone numbers never are, nor a
    // comment column whose first answer is words ("12" further down is still a comment)
    assertEquals(List.of(
        "partnerships/enquete.csv|2|4|survey_export|activites sessions animees|activites/sessions_animees|2026-03-02|3.0",
        "partnerships/enquete.csv|3|4|survey_export|activites sessions animees|activites/sessions_animees|2026-04-02|5.0"),
        rows(warehouse, "select source_file, source_line, source_column, table_kind, measure, measure_label, period_start, value"
            + " from staging.stg_lake__figures order by all"));
    List<String> unmapped = rows(warehouse, "select source_family, code_kind, source_code, figures, mapping_file, suggested_line"
        + " from marts.unmapped_figures where source_family = 'partnerships' and code_kind = 'column' order by source_code");
    assertEquals(List.of(
        "partnerships|column|activites sessions animees|2|schemas/mappings/samusocial_columns.csv|survey,activites sessions animees,<metric_code>,,,,,activites/sessions_animees"),
        unmapped);
    assertEquals(List.of("partnerships/enquete.csv|4|_submission_time 2099-01-02 is after the run date 2026-12-01: check the year"),
        rows(warehouse, "select source_file, source_line, reason from marts.rejected_rows order by all"));
  }
}
