package org.palabre.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.palabre.model.FileLoad;
import org.palabre.model.SourceFigure;
import org.palabre.model.SurgicalPatientRow;
import org.palabre.db.DuckDb;

/**
 * The part writer writes column by column with its own dictionary look-ups: what DuckDB reads back
 * must be exactly what was written, row for row, nulls included, across row groups and batches.
 */
class LakePartWriterTest {

  @TempDir Path root;

  private static SourceFigure figure(int i) {
    boolean dated = i % 7 != 0;
    boolean dhis2 = i % 10 == 0;
    return new SourceFigure("run-" + (i / 5000), "sha-" + (i / 3000), "samusocial", "samusocial/file-" + (i / 3000) + ".csv",
        i % 17 == 0 ? "Feuille " + (i % 3) : null, i + 2, 1 + i % 9, i % 5 == 0 ? SourceFigure.TRAINING_LIST : SourceFigure.ACTIVITY_REPORT,
        dhis2 ? "ou" + (i % 4) : null, i % 11 == 0 ? null : "Samusocial " + (i % 3), i % 13 == 0 ? null : "Sénégal", null,
        i % 2 == 0 ? "Dakar" : "Thiès", i % 19 == 0 ? "santé" : null, dated ? "avril " + (2000 + i % 30) : null,
        dated ? "month" : null, dated ? "2023-" + (1 + i % 12) : null, dated ? LocalDate.of(2023, 1 + i % 12, 1) : null,
        dated ? LocalDate.of(2023, 1 + i % 12, 28) : null, dhis2 ? SourceFigure.DHIS2 : SourceFigure.COLUMN,
        "measure " + (i % 8), i % 6 == 0 ? null : "Mesure " + (i % 8), dhis2 ? "coc" + (i % 3) : null,
        dhis2 ? "Féminin" : null, i % 23 == 0 ? "aoc" : null, i * 0.5, i % 9 == 0 ? "2024-01-0" + (1 + i % 9) : null,
        i % 29 == 0 ? "2024-02-0" + (1 + i % 9) : null);
  }

  @ParameterizedTest(name = "{0} rows, row groups of {1} bytes")
  @CsvSource({
      "25000, 65536", // many batches of 1,024 and many small row groups
      "150000, 33554432" // one row group of several data pages
  })
  void everyValueAndEveryNullComesBackAcrossBatchesPagesAndRowGroups(int count, int rowGroupBytes) throws Exception {
    List<SourceFigure> written = new ArrayList<>();
    try (LakePartWriter<SourceFigure> writer =
        LakePartWriter.open(LakeTable.FIGURES, root.toString(), "samusocial", "key", "part-0", rowGroupBytes)) {
      for (int i = 0; i < count; i++) {
        SourceFigure o = figure(i);
        written.add(o);
        writer.write(o);
      }
      assertEquals(count, writer.rows());
    }
    Path part = root.resolve("figures/samusocial/key/part-0.parquet");
    assertTrue(Files.exists(part));
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      try (ResultSet groups = st.executeQuery("select count(distinct row_group_id) from parquet_metadata("
          + DuckDb.literal(part.toString()) + ")")) {
        groups.next();
        assertEquals(rowGroupBytes < 1 << 20, groups.getLong(1) > 1, "row groups: " + groups.getLong(1));
      }
      try (ResultSet rs = st.executeQuery("select * from read_parquet(" + DuckDb.literal(part.toString())
          + ", file_row_number = true) order by file_row_number")) {
        int i = 0;
        while (rs.next()) {
          SourceFigure o = written.get(i);
          assertEquals(o.runId(), rs.getString("run_id"));
          assertEquals(o.deliverySha256(), rs.getString("delivery_sha256"));
          assertEquals(o.sourceFamily(), rs.getString("source_family"));
          assertEquals(o.sourceFile(), rs.getString("source_file"));
          assertEquals(o.sourceSheet(), rs.getString("source_sheet"));
          assertEquals(o.sourceLine(), rs.getLong("source_line"));
          assertEquals(o.sourceColumn(), rs.getInt("source_column"));
          assertEquals(o.tableKind(), rs.getString("table_kind"));
          assertEquals(o.orgCode(), rs.getString("org_code"));
          assertEquals(o.orgName(), rs.getString("org_name"));
          assertEquals(o.country(), rs.getString("country"));
          assertEquals(o.adm1(), rs.getString("adm1"));
          assertEquals(o.adm2(), rs.getString("adm2"));
          assertEquals(o.sector(), rs.getString("sector"));
          assertEquals(o.periodRaw(), rs.getString("period_raw"));
          assertEquals(o.periodType(), rs.getString("period_type"));
          assertEquals(o.period(), rs.getString("period"));
          assertEquals(o.periodStart(), rs.getObject("period_start", LocalDate.class));
          assertEquals(o.periodEnd(), rs.getObject("period_end", LocalDate.class));
          assertEquals(o.measureScheme(), rs.getString("measure_scheme"));
          assertEquals(o.measure(), rs.getString("measure"));
          assertEquals(o.measureLabel(), rs.getString("measure_label"));
          assertEquals(o.breakdown(), rs.getString("breakdown"));
          assertEquals(o.breakdownLabel(), rs.getString("breakdown_label"));
          assertEquals(o.attributeOption(), rs.getString("attribute_option"));
          assertEquals(o.value(), rs.getDouble("value"));
          assertEquals(o.sourceUpdated(), rs.getString("source_updated"));
          i++;
        }
        assertEquals(count, i);
      }
      // the same Parquet schema and footer as parquet-avro writes for the table's Avro contract
      try (ResultSet rs = st.executeQuery("select name, type, repetition_type, logical_type from parquet_schema("
          + DuckDb.literal(part.toString()) + ") where name in ('run_id', 'org_name', 'source_line', 'source_column', 'period_start',"
          + " 'value')"
          + " order by name")) {
        List<String> columns = new ArrayList<>();
        while (rs.next()) {
          columns.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        assertEquals(List.of("org_name BYTE_ARRAY OPTIONAL StringType()", "period_start INT32 OPTIONAL DateType()",
            "run_id BYTE_ARRAY REQUIRED StringType()", "source_column INT32 REQUIRED null", "source_line INT64 REQUIRED null",
            "value DOUBLE REQUIRED null"), columns);
      }
      try (ResultSet rs = st.executeQuery("select decode(value) from parquet_kv_metadata(" + DuckDb.literal(part.toString())
          + ") where decode(key) = 'parquet.avro.schema'")) {
        assertTrue(rs.next());
        assertEquals(LakeTable.FIGURES.avroSchema().toString(), rs.getString(1));
      }
    }
  }

  @Test
  void booleansRequiredOrOptionalAndOptionalIntegersComeBackToo() throws Exception {
    // figures have no boolean column: the surgical patients' booleans (written PLAIN, never as a
    // dictionary) and optional integers, across batches and small row groups
    List<SurgicalPatientRow> written = new ArrayList<>();
    try (LakePartWriter<SurgicalPatientRow> writer =
        LakePartWriter.open(LakeTable.SURGICAL_PATIENTS, root.toString(), "missions", "key", "part-0", 65536)) {
      for (int i = 0; i < 5000; i++) {
        SurgicalPatientRow row = new SurgicalPatientRow("run", "sha", "missions", "missions/m.json", i + 1, "m-" + (i % 4),
            "p_" + i, i % 2 == 0 ? "F" : "M", i % 5 == 0 ? null : i % 90, i % 3 == 0 ? null : "fente",
            i % 3 != 1, i % 4 == 0 ? null : i % 4 == 1);
        written.add(row);
        writer.write(row);
      }
    }
    Path part = root.resolve("surgical_patients/missions/key/part-0.parquet");
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select * from read_parquet(" + DuckDb.literal(part.toString())
            + ", file_row_number = true) order by file_row_number")) {
      int i = 0;
      while (rs.next()) {
        SurgicalPatientRow row = written.get(i++);
        assertEquals(row.sourceLine(), rs.getLong("source_line"));
        assertEquals(row.patientPseudonym(), rs.getString("patient_pseudonym"));
        assertEquals(row.ageYears(), rs.getObject("age_years"));
        assertEquals(row.pathologyLabel(), rs.getString("pathology_label"));
        assertEquals(row.operated(), rs.getBoolean("operated"));
        assertEquals(row.psychosocialFollowUp(), rs.getObject("psychosocial_follow_up"));
      }
      assertEquals(written.size(), i);
    }
  }

  @Test
  void aNullInAColumnTheContractRequiresFailsWithTheColumnsName() throws Exception {
    LakePartWriter<FileLoad> writer = LakePartWriter.open(LakeTable.FILE_LOADS, root.toString(), "hxl", "key", "part-0");
    writer.write(new FileLoad("run", "sha", "hxl", null, "kind", "UTF-8", "comma", 1, 1, 0, 1, ""));
    IllegalStateException e = assertThrows(IllegalStateException.class, writer::close);
    assertTrue(e.getMessage().contains("source_file is null"), e.getMessage());
  }
}
