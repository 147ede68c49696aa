package org.palabre.sources.mdm;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.palabre.lake.LakeTable;
import org.palabre.lake.RunFiles;
import org.palabre.model.InputFile;
import org.palabre.privacy.Pseudonymiser;
import org.palabre.sources.reference.ReadReferenceTables;
import org.palabre.sources.samusocial.ReadSamusocialReports;
import org.palabre.text.Periods;

/**
 * The one date policy ({@link Periods#afterRunDate}) in every family, for a run of 1 December 2026
 * (the date its run id carries): a figure's period, an alert raised, a survey submitted, an
 * advocacy action, a partnership's start, a mission's start and its actual transfer after the run
 * date are rejected with the reason; the run's own month is not; forecasts (a partnership's end, a
 * mission's planned end and planned transfer, a target's year) are never checked.
 */
public class RunDatePolicyTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static final LocalDate RUN_DATE = LocalDate.of(2026, 12, 1);
  private static final String RUN = "20261201T080000000Z-test";

  private InputFile write(String family, String name, String text) throws IOException {
    File file = folder.newFile(name);
    Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
    return new InputFile(file.getAbsolutePath(), family, family + "/" + name, "sha-" + name, file.length());
  }

  @Test
  public void theRunDateIsTheDateOfTheRunIdAndItsOwnPeriodHasStarted() {
    assertEquals(RUN_DATE, Periods.runDate(RUN));
    assertEquals(RUN_DATE, Periods.runDate(RunFiles.newRunId(RUN_DATE)));
    assertEquals("period 2099-03 is after the run date 2026-12-01: check the year",
        Periods.afterRunDate("period", Periods.parse("2099-03"), RUN_DATE));
    assertEquals(null, Periods.afterRunDate("period", Periods.parse("2026-12"), RUN_DATE));
    assertEquals(null, Periods.afterRunDate("period", Periods.parse("2026"), RUN_DATE));
    assertEquals("period 2026-12-02 is after the run date 2026-12-01: check the year",
        Periods.afterRunDate("period", Periods.parse("2026-12-02"), RUN_DATE));
  }

  @Test
  public void everyFamilyRejectsWhatIsDatedAfterTheRunButNotItsForecasts() throws IOException {
    InputFile report = write("samusocial", "rapport.csv", """
        Dispositif;Mois;Personnes rencontrées
        Samusocial Sénégal;2026-11;120
        Samusocial Sénégal;2026-12;130
        Samusocial Sénégal;2099-03;140
        """);
    InputFile registry = write("partnerships", "registre.csv", """
        partner,country,member_section,partnership_type,agreement,start_date,end_date
        A,Cambodge,MdM France,transfert,écrit,2024-06-01,2099-05-31
        B,Cambodge,MdM France,transfert,écrit,2099-03-01,
        """);
    InputFile alerts = write("partnerships", "alertes.csv", """
        alert_id,date_raised,date_closed,country,partner,category,level
        AL-1,2099-03-12,,Liban,X,Qualité des soins,rouge
        AL-2,2026-11-30,,Liban,X,Qualité des soins,rouge
        AL-3,2026-11-02,2027-01-10,Liban,X,Qualité des soins,rouge
        """);
    InputFile survey = write("partnerships", "kobo.csv", """
        _id,_uuid,_submission_time,quality/score_overall
        1,u1,2099-01-02T10:00:00,4
        2,u2,2026-11-02T10:00:00,4
        """);
    InputFile advocacy = write("reference", "plaidoyer.csv", """
        Thème,Membre,Date,Description,Participation des usagers
        Migration,MdM France,2099-03-14,Rapport,oui
        Migration,MdM France,2026-03-14,Rapport,oui
        """);
    InputFile targets = write("reference", "cibles.csv", "indicator_code,year,target\npeople_reached,2030,100\n");
    InputFile future = write("missions", "os-future.json", """
        {"mission_id": "OS-MG-2099-01", "section": "FR", "country": "MG", "start_date": "2099-05-08", "status": "active",
         "patients": []}
        """);
    InputFile current = write("missions", "os-current.json", """
        {"mission_id": "OS-MG-2026-02", "section": "FR", "country": "MG", "start_date": "2026-11-20",
         "end_date": "2026-12-20", "status": "active", "transfer": {"partner": "CHU", "planned_date": "2027-02-01"},
         "patients": []}
        """);
    InputFile transferred = write("missions", "os-transferred.json", """
        {"mission_id": "OS-MG-2026-01", "section": "FR", "country": "MG", "start_date": "2026-10-01",
         "end_date": "2026-10-12", "status": "transferred", "transfer": {"partner": "CHU", "actual_date": "2027-02-01"},
         "patients": []}
        """);

    PCollectionTuple reports = pipeline.apply("Reports", Create.of(List.of(report)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadSamusocialReports(RUN));
    PCollectionTuple partnerships = pipeline
        .apply("Partnerships", Create.of(List.of(registry, alerts, survey)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadPartnershipFiles(RUN));
    PCollectionTuple reference = pipeline
        .apply("Reference", Create.of(List.of(advocacy, targets)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadReferenceTables(RUN));
    PCollectionTuple missions = pipeline
        .apply("Missions", Create.of(List.of(future, current, transferred)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadMissionSheets(RUN, Pseudonymiser.forSamples()));

    PAssert.that(reports.get(LakeTable.REJECTED_ROWS.tag())).satisfies(r -> {
      List<String> reasons = ReadMdmFamiliesTest.reasons(r);
      assertEquals(reasons.toString(), 1, reasons.size());
      assertEquals(true, reasons.get(0).startsWith("samusocial/rapport.csv:4: ")
          && reasons.get(0).endsWith("period 2099-03 is after the run date 2026-12-01: check the year"));
      return null;
    });
    PAssert.thatSingleton(reports.get(LakeTable.FIGURES.tag()).apply("CountFigures", Count.globally())).isEqualTo(2L);
    PAssert.that(partnerships.get(LakeTable.REJECTED_ROWS.tag())).satisfies(r -> {
      assertEquals(List.of(
          "partnerships/alertes.csv:2: date_raised 2099-03-12 is after the run date 2026-12-01: check the year",
          "partnerships/alertes.csv:4: date_closed 2027-01-10 is after the run date 2026-12-01: check the year",
          "partnerships/kobo.csv:2: _submission_time 2099-01-02 is after the run date 2026-12-01: check the year",
          "partnerships/registre.csv:3: start_date 2099-03-01 is after the run date 2026-12-01: check the year"), ReadMdmFamiliesTest.reasons(r));
      return null;
    });
    PAssert.thatSingleton(partnerships.get(LakeTable.PARTNERSHIPS.tag()).apply("CountPartnerships", Count.globally()))
        .isEqualTo(1L);
    PAssert.thatSingleton(partnerships.get(LakeTable.ALERTS.tag()).apply("CountAlerts", Count.globally())).isEqualTo(1L);
    PAssert.that(reference.get(LakeTable.REJECTED_ROWS.tag())).satisfies(r -> {
      assertEquals(List.of("reference/plaidoyer.csv:2: Date 2099-03-14 is after the run date 2026-12-01: check the year"),
          ReadMdmFamiliesTest.reasons(r));
      return null;
    });
    PAssert.thatSingleton(reference.get(LakeTable.TARGETS.tag()).apply("CountTargets", Count.globally())).isEqualTo(1L);
    PAssert.that(missions.get(LakeTable.REJECTED_ROWS.tag())).satisfies(r -> {
      assertEquals(List.of("missions/os-future.json:1: mission OS-MG-2099-01: start_date 2099-05-08 is after the run date"
          + " 2026-12-01: check the year", "missions/os-transferred.json:1: mission OS-MG-2026-01: transfer actual date"
          + " 2027-02-01 is after the run date 2026-12-01: check the year"), ReadMdmFamiliesTest.reasons(r));
      return null;
    });
    PAssert.thatSingleton(missions.get(LakeTable.MISSIONS.tag()).apply("CountMissions", Count.globally())).isEqualTo(1L);
    pipeline.run().waitUntilFinish();
  }
}
