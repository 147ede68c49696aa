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
import org.palabre.model.Observation;
import org.palabre.warehouse.DuckDb;

/**
 * The part writer writes column by column with its own dictionary look-ups: what DuckDB reads back
 * must be exactly what was written, row for row, nulls included, across row groups and batches.
 */
class LakePartWriterTest {

  @TempDir Path root;

  private static Observation observation(int i) {
    boolean dated = i % 7 != 0;
    return new Observation("run-" + (i / 5000), "sha-" + (i / 3000), "samusocial", "samusocial/file-" + (i / 3000) + ".csv",
        i + 2, i % 11 == 0 ? null : "samusocial-" + (i % 3), "org-" + (i % 5), i % 13 == 0 ? null : "SN", null,
        i % 2 == 0 ? "Dakar" : "Thiès", null, dated ? "month" : null, dated ? "2023-" + (1 + i % 12) : null,
        dated ? LocalDate.of(2023, 1 + i % 12, 1) : null, dated ? LocalDate.of(2023, 1 + i % 12, 28) : null,
        "metric_" + (i % 8), i % 3 == 0 ? "female" : null, i % 4 == 0 ? "0-17" : null, i * 0.5, i % 9 == 0);
  }

  @ParameterizedTest(name = "{0} rows, row groups of {1} bytes")
  @CsvSource({
      "25000, 65536", // many batches of 1,024 and many small row groups
      "150000, 33554432" // one row group of several data pages
  })
  void everyValueAndEveryNullComesBackAcrossBatchesPagesAndRowGroups(int count, int rowGroupBytes) throws Exception {
    List<Observation> written = new ArrayList<>();
    try (LakePartWriter<Observation> writer =
        LakePartWriter.open(LakeTable.OBSERVATIONS, root.toString(), "samusocial", "key", "part-0", rowGroupBytes)) {
      for (int i = 0; i < count; i++) {
        Observation o = observation(i);
        written.add(o);
        writer.write(o);
      }
      assertEquals(count, writer.rows());
    }
    Path part = root.resolve("observations/samusocial/key/part-0.parquet");
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
          Observation o = written.get(i);
          assertEquals(o.runId(), rs.getString("run_id"));
          assertEquals(o.deliverySha256(), rs.getString("delivery_sha256"));
          assertEquals(o.sourceFile(), rs.getString("source_file"));
          assertEquals(o.sourceLine(), rs.getLong("source_line"));
          assertEquals(o.member(), rs.getString("member"));
          assertEquals(o.orgUnit(), rs.getString("org_unit"));
          assertEquals(o.countryIso2(), rs.getString("country_iso2"));
          assertEquals(o.adm1(), rs.getString("adm1"));
          assertEquals(o.adm2(), rs.getString("adm2"));
          assertEquals(o.period(), rs.getString("period"));
          assertEquals(o.periodStart(), rs.getObject("period_start", LocalDate.class));
          assertEquals(o.periodEnd(), rs.getObject("period_end", LocalDate.class));
          assertEquals(o.metricCode(), rs.getString("metric_code"));
          assertEquals(o.sex(), rs.getString("sex"));
          assertEquals(o.ageGroup(), rs.getString("age_group"));
          assertEquals(o.value(), rs.getDouble("value"));
          assertEquals(o.derived(), rs.getBoolean("derived"));
          i++;
        }
        assertEquals(count, i);
      }
      // the same Parquet schema and footer as parquet-avro writes for the table's Avro contract
      try (ResultSet rs = st.executeQuery("select name, type, repetition_type, logical_type from parquet_schema("
          + DuckDb.literal(part.toString()) + ") where name in ('run_id', 'member', 'source_line', 'period_start', 'derived')"
          + " order by name")) {
        List<String> columns = new ArrayList<>();
        while (rs.next()) {
          columns.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        assertEquals(List.of("derived BOOLEAN REQUIRED null", "member BYTE_ARRAY OPTIONAL StringType()",
            "period_start INT32 OPTIONAL DateType()", "run_id BYTE_ARRAY REQUIRED StringType()",
            "source_line INT64 REQUIRED null"), columns);
      }
      try (ResultSet rs = st.executeQuery("select decode(value) from parquet_kv_metadata(" + DuckDb.literal(part.toString())
          + ") where decode(key) = 'parquet.avro.schema'")) {
        assertTrue(rs.next());
        assertEquals(LakeTable.OBSERVATIONS.avroSchema().toString(), rs.getString(1));
      }
    }
  }

  @Test
  void aNullInAColumnTheContractRequiresFailsWithTheColumnsName() throws Exception {
    LakePartWriter<FileLoad> writer = LakePartWriter.open(LakeTable.FILE_LOADS, root.toString(), "hxl", "key", "part-0");
    writer.write(new FileLoad("run", "sha", "hxl", null, "kind", "UTF-8", "comma", 1, 1, 0, 1, ""));
    IllegalStateException e = assertThrows(IllegalStateException.class, writer::close);
    assertTrue(e.getMessage().contains("source_file is null"), e.getMessage());
  }

  @Test
  void runLengthOrBitPackedDecodesToTheSameValues() throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int bitWidth : new int[] {0, 1, 3, 8, 17}) {
      int max = bitWidth == 0 ? 0 : (1 << bitWidth) - 1;
      for (boolean runs : new boolean[] {true, false}) {
        int count = 10_000 + random.nextInt(100);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
          values[i] = runs ? (i / 50) % (max + 1) : random.nextInt(max + 1);
        }
        byte[] encoded = LakePartWriter.Column.runLengthOrBitPacked(values, count, bitWidth).toByteArray();
        org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder decoder =
            new org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder(bitWidth,
                new java.io.ByteArrayInputStream(encoded));
        for (int i = 0; i < count; i++) {
          assertEquals(values[i], decoder.readInt(), "bit width " + bitWidth + (runs ? ", runs" : ", random") + ", value " + i);
        }
      }
    }
  }
}
