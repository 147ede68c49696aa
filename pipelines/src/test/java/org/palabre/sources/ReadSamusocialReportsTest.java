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
import org.palabre.model.Rejection;
import org.palabre.model.SourceFigure;
import org.palabre.sources.hxl.ReadHxlTables;
import org.palabre.sources.samusocial.ReadSamusocialReports;
import org.palabre.warehouse.Crosswalk;

/**
 * The composite transforms on a real Beam runner: figures in the tables' own words, rejected rows
 * and file accounting; and, on the ingest's path (parts written into the lake's staging folder,
 * published, built), what the crosswalk makes of them.
 */
public class ReadSamusocialReportsTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private InputFile write(String family, String name, String text, Charset charset) throws IOException {
    File file = folder.newFile(name);
    Files.writeString(file.toPath(), text, charset);
    return new InputFile(file.getAbsolutePath(), family, family + "/" + name, "sha-" + name, file.length());
  }

  private InputFile dakar() throws IOException {
    return write("samusocial", "dakar.csv", """
        Dispositif;Mois;Personnes rencontrées;dont femmes
        Samusocial Sénégal;avril 2023;340;120
        Samusocial Sénégal;mai 2023;beaucoup;120
        """, StandardCharsets.UTF_8);
  }

  private InputFile pointeNoire() throws IOException {
    return write("samusocial", "pn.csv", """
        dispositif,pays,mois,consultations_medicales
        Samusocial Pointe-Noire,République du Congo,04/2023,"150,0"
        """, Charset.forName("windows-1252"));
  }

  private InputFile ouagadougou() throws IOException {
    return write("samusocial", "ouaga.csv", """
        Structure;Période;Atteints
        #org;#date+month;#reached+ind
        SSBF;2023-04;410
        """, StandardCharsets.UTF_8);
  }

  /** A figure of a monthly table as the reader gives it: the file's own words, the month parsed. */
  private static SourceFigure figure(String file, long line, int column, String tableKind, String org, String country,
      String periodRaw, String month, String scheme, String measure, String label, double value) {
    LocalDate start = LocalDate.parse(month + "-01");
    return new SourceFigure("run-7", "sha-" + file.substring(file.indexOf('/') + 1), file.substring(0, file.indexOf('/')), file,
        null, line, column, tableKind, null, org, country, null, null, null, periodRaw, "month", month, start,
        start.plusMonths(1).minusDays(1), scheme, measure, label, null, null, null, value, null, null);
  }

  private static final Rejection BEAUCOUP = new Rejection("run-7", "sha-dakar.csv", "samusocial", "samusocial/dakar.csv", null, 3, 3,
      "column 3 (Personnes rencontrées): 'beaucoup' is not a number; write a number or leave the cell blank",
      "Samusocial Sénégal;mai 2023;beaucoup;120");

  @Test
  public void readsReportsAcrossVariationsAndRejectsBadRowsWithTheirLine() throws IOException {
    PCollectionTuple read =
        pipeline
            .apply(Create.of(List.of(dakar(), pointeNoire(), ouagadougou())).withCoder(SerializableCoder.of(InputFile.class)))
            .apply(new ReadSamusocialReports("run-7"));

    PAssert.that(read.get(LakeTable.FIGURES.tag())).containsInAnyOrder(
        figure("samusocial/dakar.csv", 2, 3, SourceFigure.ACTIVITY_REPORT, "Samusocial Sénégal", null, "avril 2023", "2023-04",
            SourceFigure.COLUMN, "personnes rencontrees", "Personnes rencontrées", 340),
        figure("samusocial/dakar.csv", 2, 4, SourceFigure.ACTIVITY_REPORT, "Samusocial Sénégal", null, "avril 2023", "2023-04",
            SourceFigure.COLUMN, "dont femmes", "dont femmes", 120),
        // beside the cell that is no number, the row's other figure loads
        figure("samusocial/dakar.csv", 3, 4, SourceFigure.ACTIVITY_REPORT, "Samusocial Sénégal", null, "mai 2023", "2023-05",
            SourceFigure.COLUMN, "dont femmes", "dont femmes", 120),
        // Windows-1252, a comma separator and a decimal comma
        figure("samusocial/pn.csv", 2, 4, SourceFigure.ACTIVITY_REPORT, "Samusocial Pointe-Noire", "République du Congo",
            "04/2023", "2023-04", SourceFigure.COLUMN, "consultations medicales", "consultations_medicales", 150),
        // HXL-tagged: the hashtag, not the French header
        figure("samusocial/ouaga.csv", 3, 3, SourceFigure.ACTIVITY_REPORT, "SSBF", null, "2023-04", "2023-04",
            SourceFigure.HXL, "#reached+ind", "#reached+ind", 410));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).containsInAnyOrder(BEAUCOUP);
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-7", "sha-dakar.csv", "samusocial", "samusocial/dakar.csv", "samusocial activity report, French headers",
            "UTF-8", "semicolon", 2, 2, 0, 1, 3, ""),
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

    PAssert.that(read.get(LakeTable.FIGURES.tag())).containsInAnyOrder(
        figure("hxl/3w.csv", 2, 3, SourceFigure.ACTIVITY_TABLE, "SSS", null, "2024-03", "2024-03", SourceFigure.HXL, "#reached",
            "#reached", 12));
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
  public void theIngestPathWritesTheSameRowsStraightIntoTheStagingLakeAndTheCrosswalkMapsThem() throws Exception {
    InputFile dakar = dakar();
    InputFile pointeNoire = pointeNoire();
    InputFile ouagadougou = ouagadougou();
    InputFile gone = new InputFile(folder.getRoot().toPath().resolve("gone.csv").toString(), "samusocial", "samusocial/gone.csv",
        "sha-gone", 0);
    InputFile threeW = write("hxl", "3w.csv", "#org,#date,#reached\nSSS,2024-03,12\n", StandardCharsets.UTF_8);
    Crosswalk crosswalk = new Crosswalk(folder.newFolder("crosswalk").toPath());
    String staging = crosswalk.stagingRoot("run-7");

    PCollectionTuple read =
        pipeline
            .apply("Reports", Create.of(List.of(dakar, pointeNoire, ouagadougou, gone))
                .withCoder(SerializableCoder.of(InputFile.class)))
            .apply("ReadReports", ReadActivityTables.writingFiguresInto("run-7", ReadSamusocialReports.SETTINGS, staging));
    PCollectionTuple tables =
        pipeline
            .apply("Tables", Create.of(List.of(threeW)).withCoder(SerializableCoder.of(InputFile.class)))
            .apply("ReadTables", ReadActivityTables.writingFiguresInto("run-7", ReadHxlTables.SETTINGS, staging));

    PAssert.that(read.get(LakeTable.FIGURES.tag())).empty();
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).empty();
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).satisfies(loads -> {
      int n = 0;
      for (FileLoad load : loads) {
        org.junit.Assert.assertTrue(load.toString(), load.balanced());
        n++;
      }
      org.junit.Assert.assertEquals(4, n);
      return null;
    });
    PAssert.that(tables.get(LakeTable.FIGURES.tag())).empty();
    pipeline.run().waitUntilFinish();

    org.junit.Assert.assertEquals(List.of(
            "hxl/3w.csv|2|3|hxl|#reached|SSS|12.0",
            "samusocial/dakar.csv|2|3|column|personnes rencontrees|Samusocial Sénégal|340.0",
            "samusocial/dakar.csv|2|4|column|dont femmes|Samusocial Sénégal|120.0",
            "samusocial/dakar.csv|3|4|column|dont femmes|Samusocial Sénégal|120.0",
            "samusocial/ouaga.csv|3|3|hxl|#reached+ind|SSBF|410.0",
            "samusocial/pn.csv|2|4|column|consultations medicales|Samusocial Pointe-Noire|150.0"),
        lakeRows(staging, "figures", "source_file, source_line, source_column, measure_scheme, measure, org_name, value"));
    org.junit.Assert.assertEquals(List.of(
            "samusocial/dakar.csv|3|3|column 3 (Personnes rencontrées): 'beaucoup' is not a number; write a number or leave the"
                + " cell blank|Samusocial Sénégal;mai 2023;beaucoup;120"),
        lakeRows(staging, "rejected_rows where source_line > 0", "source_file, source_line, source_column, reason, raw"));
    org.junit.Assert.assertEquals(List.of("samusocial/gone.csv|0"),
        lakeRows(staging, "rejected_rows where source_line = 0", "source_file, source_line"));
    org.junit.Assert.assertEquals(List.of("hxl/3w.csv|1|1|0|0|1", "samusocial/dakar.csv|2|2|0|1|3", "samusocial/gone.csv|1|0|1|0|0",
            "samusocial/ouaga.csv|1|1|0|0|1", "samusocial/pn.csv|1|1|0|0|1"),
        lakeRows(staging, "file_loads", "source_file, rows_read, rows_loaded, rows_rejected, cells_rejected, observations"));
    // one part per input file and table, under the delivery's folder
    org.junit.Assert.assertTrue(Files.exists(Path.of(staging, "figures", "samusocial", "sha-dakar.csv", "part-sha-dakar.csv.parquet")));

    // the staged parts published as the ingest publishes them, then built: the crosswalk's figures
    for (InputFile file : List.of(dakar, pointeNoire, ouagadougou, gone, threeW)) {
      crosswalk.staged("run-7", file, List.of(LakeTable.FIGURES, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS));
    }
    Crosswalk.Built built = crosswalk.build();
    org.junit.Assert.assertEquals(List.of(
            "hxl/3w.csv|2|samusocial-sn|Dakar|SN|month|2024-03|2024-03-01|2024-03-31|people_reached|null|null|12.0|false",
            "samusocial/dakar.csv|2|samusocial-sn|Dakar|SN|month|2023-04|2023-04-01|2023-04-30|people_reached|female|null|120.0|false",
            "samusocial/dakar.csv|2|samusocial-sn|Dakar|SN|month|2023-04|2023-04-01|2023-04-30|people_reached|null|null|340.0|false",
            "samusocial/dakar.csv|3|samusocial-sn|Dakar|SN|month|2023-05|2023-05-01|2023-05-31|people_reached|female|null|120.0|false",
            "samusocial/ouaga.csv|3|samusocial-bf|Ouagadougou|BF|month|2023-04|2023-04-01|2023-04-30|people_reached|null|null|410.0"
                + "|false",
            "samusocial/pn.csv|2|samusocial-pn|Pointe-Noire|CG|month|2023-04|2023-04-01|2023-04-30|medical_consultations|null|null"
                + "|150.0|false"),
        built.rows("select source_file, source_line, member, org_unit, country_iso2, period_type, period, period_start, period_end,"
            + " metric_code, sex, age_group, value, derived from core.fct_observations order by all"));
  }

  /** Rows of a staged table ("table where ..." allowed), as |-joined text, sorted. */
  private static List<String> lakeRows(String staging, String tableAndFilter, String columns) throws Exception {
    String table = tableAndFilter.split(" ")[0];
    String filter = tableAndFilter.contains(" where ") ? tableAndFilter.substring(tableAndFilter.indexOf(" where ")) : "";
    try (java.sql.Connection db = org.palabre.db.DuckDb.inMemory(); java.sql.Statement st = db.createStatement();
        java.sql.ResultSet rs = st.executeQuery("select " + columns + " from read_parquet('" + staging + "/" + table
            + "/*/*/*.parquet')" + filter + " order by all")) {
      return Crosswalk.rows(rs);
    }
  }
}
