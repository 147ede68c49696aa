package org.palabre.sources.reference;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.palabre.model.ExpectedReportRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.OutlierBoundRow;
import org.palabre.model.Rejection;

/**
 * The reporting calendar and the outlier bounds through the reference family on a real Beam
 * runner: each recognised by its header whatever its name, the variations they come in (a
 * semicolon file in Windows-1252 with comments and blank lines, French frequencies, periods in
 * any accepted notation, blank columns), and every line that cannot be read rejected with its
 * line and reason; rows read = loaded + rejected.
 */
public class ReadReportingTablesTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private InputFile write(String name, String text, Charset charset) throws IOException {
    File file = folder.newFile(name);
    Files.write(file.toPath(), text.getBytes(charset));
    return new InputFile(file.getAbsolutePath(), "reference", "reference/" + name, "sha-" + name, file.length());
  }

  private static List<String> reasons(Iterable<Rejection> rejections) {
    List<Rejection> sorted = new ArrayList<>();
    rejections.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Rejection::sourceFile).thenComparingLong(Rejection::sourceLine));
    return sorted.stream().map(r -> r.sourceFile() + ":" + r.sourceLine() + ": " + r.reason()).toList();
  }

  @Test
  public void aCalendarAndBoundsLoadAsWrittenAndWhatCannotBeReadIsRejectedWithItsLine() throws IOException {
    InputFile calendar = write("calendrier.csv", """
        # calendrier des rapports 2024
        Member;Reporting_Unit;Dataset;Frequency;From;To;Days_allowed
        samusocial-pn;;samusocial;mensuel;janvier 2024;2024-12;20

        ;Samusocial Sénégal;Samusocial;Monthly;2024-01;;
        ;CSCom ASACO Kayes N'Di;DS_PADS_CSCOM_MENSUEL;Trimestre;2016Q1;T4 2017;10
        mdm-fr;OS-MG-2024-02;missions;mission;2024-10-21;31/10/2024;30
        ;Lima;samusocial;hebdomadaire;2024-01;;
        ;Lima;samusocial;month;2024-13;;
        ;Lima;samusocial;month;2024-06;2024-01;
        ;Lima;samusocial;month;2024-01;;quinze
        ;;samusocial;month;2024-01;;
        ;Lima;;année;2024;;
        """, Charset.forName("windows-1252"));
    InputFile bounds = write("bornes.csv", """
        metric_code,member,reporting_unit,sex,age_group,min,max
        people_reached,,,,,0,5000
        people_reached,samusocial-pn,,female,,,"1,200"
        medical_consultations,,Dakar,,,10,
        referrals,,,,,abc,10
        shelter_nights,,,,,,
        outreach_rounds,,,,,50,10
        """, StandardCharsets.UTF_8);

    PCollectionTuple read = pipeline
        .apply(Create.of(List.of(calendar, bounds)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadReferenceTables("run-4"));

    String c = "reference/calendrier.csv";
    PAssert.that(read.get(LakeTable.EXPECTED_REPORTS.tag())).containsInAnyOrder(
        new ExpectedReportRow("run-4", "sha-calendrier.csv", "reference", c, 3, "samusocial-pn", null, "samusocial", "month",
            "janvier 2024", LocalDate.of(2024, 1, 1), "2024-12", LocalDate.of(2024, 12, 31), 20),
        new ExpectedReportRow("run-4", "sha-calendrier.csv", "reference", c, 5, null, "Samusocial Sénégal", "Samusocial", "month",
            "2024-01", LocalDate.of(2024, 1, 1), null, null, null),
        new ExpectedReportRow("run-4", "sha-calendrier.csv", "reference", c, 6, null, "CSCom ASACO Kayes N'Di", "DS_PADS_CSCOM_MENSUEL",
            "quarter", "2016Q1", LocalDate.of(2016, 1, 1), "T4 2017", LocalDate.of(2017, 12, 31), 10),
        new ExpectedReportRow("run-4", "sha-calendrier.csv", "reference", c, 7, "mdm-fr", "OS-MG-2024-02", "missions", "mission",
            "2024-10-21", LocalDate.of(2024, 10, 21), "31/10/2024", LocalDate.of(2024, 10, 31), 30));
    String b = "reference/bornes.csv";
    PAssert.that(read.get(LakeTable.OUTLIER_BOUNDS.tag())).containsInAnyOrder(
        new OutlierBoundRow("run-4", "sha-bornes.csv", "reference", b, 2, "people_reached", null, null, null, null, 0.0, 5000.0),
        new OutlierBoundRow("run-4", "sha-bornes.csv", "reference", b, 3, "people_reached", "samusocial-pn", null, "female", null, null,
            1200.0),
        new OutlierBoundRow("run-4", "sha-bornes.csv", "reference", b, 4, "medical_consultations", null, "Dakar", null, null, 10.0, null));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rejections -> {
      assertEquals(List.of(
          b + ":5: min: 'abc' is not a number",
          b + ":6: neither min nor max is given",
          b + ":7: min 50 is above max 10",
          c + ":8: frequency 'hebdomadaire' is not one: write month, quarter, year or mission (mois, trimestre, année)",
          c + ":9: from: '2024-13' is not a valid date: Invalid value for MonthOfYear (valid values 1 - 12): 13",
          c + ":10: from 2024-06 is after to 2024-01",
          c + ":11: days_allowed 'quinze' is not a whole number of days",
          c + ":12: neither member nor reporting_unit is given: name the member or the service, org unit or mission",
          c + ":13: dataset is blank: write samusocial, missions or a DHIS2 data set's uid, code or name"),
          reasons(rejections));
      return null;
    });
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-4", "sha-calendrier.csv", "reference", c, "reporting calendar", "Windows-1252", "semicolon", 10, 4, 6, 4, ""),
        new FileLoad("run-4", "sha-bornes.csv", "reference", b, "outlier bounds", "UTF-8", "comma", 6, 3, 3, 3, ""));
    pipeline.run().waitUntilFinish();
  }
}
