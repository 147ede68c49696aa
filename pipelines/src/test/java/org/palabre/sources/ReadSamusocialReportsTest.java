package org.palabre.sources;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.palabre.lake.LakeTable;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Observation;
import org.palabre.model.Rejection;
import org.palabre.sources.hxl.ReadHxlTables;
import org.palabre.sources.samusocial.ReadSamusocialReports;

/** The composite transforms on a real Beam runner: good rows, rejected rows and file accounting. */
public class ReadSamusocialReportsTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private InputFile write(String family, String name, String text, Charset charset) throws IOException {
    File file = folder.newFile(name);
    Files.writeString(file.toPath(), text, charset);
    return new InputFile(file.getAbsolutePath(), family, family + "/" + name, "sha-" + name, file.length());
  }

  private static Observation obs(String file, String sha, long line, String member, String orgUnit, String country,
      String adm2, String month, String metric, String sex, String age, double value) {
    LocalDate start = LocalDate.parse(month + "-01");
    return new Observation("run-7", sha, file.substring(0, file.indexOf('/')), file, line, member, orgUnit, country, null, adm2,
        null, "month", month, start, start.plusMonths(1).minusDays(1), metric, sex, age, value, false);
  }

  @Test
  public void readsReportsAcrossVariationsAndRejectsBadRowsWithTheirLine() throws IOException {
    InputFile semicolon = write("samusocial", "dakar.csv", """
        Dispositif;Mois;Personnes rencontrées;dont femmes
        Samusocial Sénégal;avril 2023;340;120
        Samusocial Sénégal;mai 2023;beaucoup;120
        """, StandardCharsets.UTF_8);
    InputFile comma = write("samusocial", "pn.csv", """
        dispositif,pays,mois,consultations_medicales
        Samusocial Pointe-Noire,République du Congo,04/2023,"150,0"
        """, Charset.forName("windows-1252"));
    InputFile hxl = write("samusocial", "ouaga.csv", """
        Structure;Période;Atteints
        #org;#date+month;#reached+ind
        SSBF;2023-04;410
        """, StandardCharsets.UTF_8);

    PCollectionTuple read =
        pipeline
            .apply(Create.of(List.of(semicolon, comma, hxl)).withCoder(SerializableCoder.of(InputFile.class)))
            .apply(new ReadSamusocialReports("run-7"));

    PAssert.that(read.get(LakeTable.OBSERVATIONS.tag())).containsInAnyOrder(
        obs("samusocial/dakar.csv", "sha-dakar.csv", 2, "samusocial-sn", "Dakar", "SN", null, "2023-04", "people_reached", null, null, 340),
        obs("samusocial/dakar.csv", "sha-dakar.csv", 2, "samusocial-sn", "Dakar", "SN", null, "2023-04", "people_reached", "female", null, 120),
        obs("samusocial/pn.csv", "sha-pn.csv", 2, "samusocial-pn", "Pointe-Noire", "CG", null, "2023-04", "medical_consultations", null, null, 150),
        obs("samusocial/ouaga.csv", "sha-ouaga.csv", 3, "samusocial-bf", "Ouagadougou", "BF", null, "2023-04", "people_reached", null, null, 410));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).containsInAnyOrder(
        new Rejection("run-7", "sha-dakar.csv", "samusocial", "samusocial/dakar.csv", 3,
            "column 3 (Personnes rencontrées): 'beaucoup' is not a number; write a number or leave the cell blank",
            "Samusocial Sénégal;mai 2023;beaucoup;120"));
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-7", "sha-dakar.csv", "samusocial", "samusocial/dakar.csv", "samusocial activity report, French headers",
            "UTF-8", "semicolon", 2, 1, 1, 2, ""),
        new FileLoad("run-7", "sha-pn.csv", "samusocial", "samusocial/pn.csv", "samusocial activity report, French headers",
            "Windows-1252", "comma", 1, 1, 0, 1, ""),
        new FileLoad("run-7", "sha-ouaga.csv", "samusocial", "samusocial/ouaga.csv", "samusocial activity table, HXL hashtags",
            "UTF-8", "semicolon", 1, 1, 0, 1, ""));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aMissingFileIsRejectedWholeAndTheOthersStillLoad() throws IOException {
    InputFile good = write("hxl", "3w.csv", "#org,#date,#reached\nSSS,2024-03,12\n", StandardCharsets.UTF_8);
    InputFile gone = new InputFile(folder.getRoot().toPath().resolve("gone.csv").toString(), "hxl", "hxl/gone.csv", "sha-gone", 0);

    PCollectionTuple read =
        pipeline
            .apply(Create.of(List.of(good, gone)).withCoder(SerializableCoder.of(InputFile.class)))
            .apply(new ReadHxlTables("run-7"));

    PAssert.that(read.get(LakeTable.OBSERVATIONS.tag())).containsInAnyOrder(
        obs("hxl/3w.csv", "sha-3w.csv", 2, "samusocial-sn", "Dakar", "SN", null, "2024-03", "people_reached", null, null, 12));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rows -> {
      Rejection r = rows.iterator().next();
      org.junit.Assert.assertEquals("hxl/gone.csv", r.sourceFile());
      org.junit.Assert.assertEquals(0, r.sourceLine());
      org.junit.Assert.assertTrue(r.reason(), r.reason().startsWith("the file could not be read"));
      return null;
    });
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).satisfies(loads -> {
      for (FileLoad load : loads) {
        org.junit.Assert.assertTrue(load.toString(), load.balanced());
      }
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theIngestPathWritesTheSameRowsStraightIntoTheStagingLake() throws Exception {
    InputFile semicolon = write("samusocial", "dakar.csv", """
        Dispositif;Mois;Personnes rencontrées;dont femmes
        Samusocial Sénégal;avril 2023;340;120
        Samusocial Sénégal;mai 2023;beaucoup;120
        """, StandardCharsets.UTF_8);
    InputFile hxl = write("samusocial", "ouaga.csv", """
        Structure;Période;Atteints
        #org;#date+month;#reached+ind
        SSBF;2023-04;410
        """, StandardCharsets.UTF_8);
    InputFile gone = new InputFile(folder.getRoot().toPath().resolve("gone.csv").toString(), "samusocial", "samusocial/gone.csv",
        "sha-gone", 0);
    String staging = folder.newFolder("staging").getAbsolutePath();

    PCollectionTuple read =
        pipeline
            .apply(Create.of(List.of(semicolon, hxl, gone)).withCoder(SerializableCoder.of(InputFile.class)))
            .apply(ReadActivityTables.writingFiguresInto("run-7", ReadSamusocialReports.SETTINGS, staging));

    PAssert.that(read.get(LakeTable.OBSERVATIONS.tag())).empty();
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).empty();
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).satisfies(loads -> {
      int n = 0;
      for (FileLoad load : loads) {
        org.junit.Assert.assertTrue(load.toString(), load.balanced());
        n++;
      }
      org.junit.Assert.assertEquals(3, n);
      return null;
    });
    pipeline.run().waitUntilFinish();

    org.junit.Assert.assertEquals(List.of(
            "samusocial/dakar.csv|2|people_reached|female|120.0", "samusocial/dakar.csv|2|people_reached|null|340.0",
            "samusocial/ouaga.csv|3|people_reached|null|410.0"),
        lakeRows(staging, "observations", "source_file, source_line, metric_code, sex, value"));
    org.junit.Assert.assertEquals(List.of(
            "samusocial/dakar.csv|3|column 3 (Personnes rencontrées): 'beaucoup' is not a number; write a number or leave the cell"
                + " blank|Samusocial Sénégal;mai 2023;beaucoup;120"),
        lakeRows(staging, "rejected_rows where source_line > 0", "source_file, source_line, reason, raw"));
    org.junit.Assert.assertEquals(List.of("samusocial/gone.csv|0"),
        lakeRows(staging, "rejected_rows where source_line = 0", "source_file, source_line"));
    org.junit.Assert.assertEquals(List.of("samusocial/dakar.csv|2|1|1|2", "samusocial/gone.csv|1|0|1|0", "samusocial/ouaga.csv|1|1|0|1"),
        lakeRows(staging, "file_loads", "source_file, rows_read, rows_loaded, rows_rejected, observations"));
    // one part per input file and table, under the delivery's folder
    org.junit.Assert.assertTrue(Files.exists(Path.of(staging, "observations", "samusocial", "sha-dakar.csv", "part-sha-dakar.csv.parquet")));
  }

  /** Rows of a staged table ("table where ..." allowed), as |-joined text, sorted. */
  private static List<String> lakeRows(String staging, String tableAndFilter, String columns) throws Exception {
    String table = tableAndFilter.split(" ")[0];
    String filter = tableAndFilter.contains(" where ") ? tableAndFilter.substring(tableAndFilter.indexOf(" where ")) : "";
    List<String> rows = new java.util.ArrayList<>();
    try (java.sql.Connection db = org.palabre.warehouse.DuckDb.inMemory(); java.sql.Statement st = db.createStatement();
        java.sql.ResultSet rs = st.executeQuery("select " + columns + " from read_parquet('" + staging + "/" + table
            + "/*/*/*.parquet')" + filter + " order by all")) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
