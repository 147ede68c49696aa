package org.palabre.sources.mdm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.AlertRow;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.MissionRow;
import org.palabre.model.PartnershipRow;
import org.palabre.model.Rejection;
import org.palabre.model.SurgicalPatientRow;
import org.palabre.model.SurveyScoreRow;
import org.palabre.privacy.Pseudonymiser;
import org.palabre.sources.reference.ReadReferenceTables;

/**
 * The MdM and reference composites on a real Beam runner (the shared per-file reader with each
 * family's parser): rows in the sources' own words, rejected rows and file accounting.
 */
public class ReadMdmFamiliesTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static final Pseudonymiser KEY = Pseudonymiser.forSamples();

  private InputFile write(String family, String name, String text, Charset charset) throws IOException {
    File file = folder.newFile(name);
    Files.write(file.toPath(), text.getBytes(charset));
    return new InputFile(file.getAbsolutePath(), family, family + "/" + name, "sha-" + name, file.length());
  }

  /** Each rejection as "file:line: reason", sorted. */
  static List<String> reasons(Iterable<Rejection> rejections) {
    List<String> out = new ArrayList<>();
    rejections.forEach(r -> out.add(r.sourceFile() + ":" + r.sourceLine() + ": " + r.reason()));
    out.sort(null);
    return out;
  }

  @Test
  public void missionSheetsLoadPseudonymisedAndAMalformedDocumentIsRejectedWholeWithItsPosition() throws IOException {
    InputFile good = write("missions", "good.json", """
        {
        "mission_id": "OS-MG-2023-01", "section": "MdM France", "country": "Madagascar", "start_date": "2023-05-08", "end_date": "20/05/2023", "team": {"surgeon": ["A", "B"]}, "status": "clôturé",
        "patients": [
        {"code": "MG-ANT-2023-0001", "name": "Rasoa Bemanana", "sex": "F", "age": 7, "pathology": "Fente labiale", "operated": "oui", "psychosocial_follow_up": "non"},
        {"code": "MG-ANT-2023-0002", "sex": "M", "age": -3, "pathology": "burn", "operated": "yes"},
        {"code": "MG-ANT-2023-0003", "sex": "M", "age": 30, "pathology": "macrostomie", "operated": "yes", "psychosocial_follow_up": true}
        ]}
        """, StandardCharsets.UTF_8);
    InputFile malformed = write("missions", "malformed.json", """
        {
          "mission_id": "OS-LA-2024-01", "section": "JP", "country": "LA", "start_date": "2024-02-05", "status": "actif",
          "patients": [
            {"code": "LA-VTE-2024-0001", "name": "Souksavanh Phommachanh", "sex": "F", "age": 6, "pathology": "cleft lip", "operated": "yes"}
            {"code": "LA-VTE-2024-0002", "sex": "M", "age": 8, "pathology": "cleft palate", "operated": "yes"}
          ]
        }
        """, StandardCharsets.UTF_8);

    PCollectionTuple read = pipeline
        .apply(Create.of(List.of(good, malformed)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadMissionSheets("run-1", KEY));

    PAssert.that(read.get(LakeTable.MISSIONS.tag())).containsInAnyOrder(
        new MissionRow("run-1", "sha-good.json", "missions", "missions/good.json", 1, "OS-MG-2023-01", "MdM France", "Madagascar",
            null, LocalDate.of(2023, 5, 8), LocalDate.of(2023, 5, 20), "{\"surgeon\":2}", 2, "clôturé", null, null, null, 3));
    PAssert.that(read.get(LakeTable.SURGICAL_PATIENTS.tag())).containsInAnyOrder(
        new SurgicalPatientRow("run-1", "sha-good.json", "missions", "missions/good.json", 4, "OS-MG-2023-01",
            KEY.pseudonymise("MG-ANT-2023-0001"), "F", 7, "fente labiale", true, false),
        new SurgicalPatientRow("run-1", "sha-good.json", "missions", "missions/good.json", 6, "OS-MG-2023-01",
            KEY.pseudonymise("MG-ANT-2023-0003"), "M", 30, "macrostomie", true, true));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rejections -> {
      List<String> r = reasons(rejections);
      assertEquals(2, r.size());
      assertEquals("missions/good.json:5: mission OS-MG-2023-01, patient #2: age is out of range 0-120", r.get(0));
      assertTrue(r.get(1), r.get(1).startsWith("missions/malformed.json:0: malformed JSON at line 5, column"));
      for (Rejection x : rejections) {
        assertEquals("a rejection of a mission sheet keeps no raw text", "", x.raw());
        assertTrue("no clear code or name in a reason", !x.reason().contains("LA-VTE") && !x.reason().contains("Souksavanh"));
      }
      return null;
    });
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-1", "sha-good.json", "missions", "missions/good.json", "Opération Sourire mission sheet (JSON)",
            "JSON (UTF-8/16/32 detected)", "", 4, 3, 1, 3, ""),
        new FileLoad("run-1", "sha-malformed.json", "missions", "missions/malformed.json", "Opération Sourire mission sheet (JSON)",
            "JSON (UTF-8/16/32 detected)", "", 1, 0, 1, 0, ""));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void partnershipFilesAreRecognisedByTheirHeaderInAnyEncodingAndSeparator() throws IOException {
    InputFile registry = write("partnerships", "a.csv", """
        Partenaire;Pays;Section;Type de partenariat;Accord;Date de début;Date de fin
        La Chaîne de l'Espoir;Cambodge;MdM France;transfert;écrit;2024-06-01;2025-05-31
        Sauver la Face;Cambodge;MdM Allemagne;jumelage;tacite;2023-03-01;
        """, Charset.forName("windows-1252"));
    InputFile survey = write("partnerships", "b.csv", """
        identification/country,identification/partner_type,quality/score_overall,quality/score_communication,quality/comment,_id,_uuid,_submission_time,_validation_status
        madagascar,operational,4,3,texte libre,81234567,93bd04cf,2018-05-02T10:10:16,validation_status_approved
        """, StandardCharsets.UTF_8);
    InputFile alerts = write("partnerships", "c.csv", "\uFEFFalert_id,date_raised,date_closed,country,partner,member_section,category,level,description\n"
        + "AL-1,2019-03-12,,Liban,Clinique Saint-Luc,BE,Qualité des soins,rouge,un nom\n", StandardCharsets.UTF_8);
    InputFile other = write("partnerships", "d.csv", "foo;bar\n1;2\n", StandardCharsets.UTF_8);

    PCollectionTuple read = pipeline
        .apply(Create.of(List.of(registry, survey, alerts, other)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadPartnershipFiles("run-2"));

    PAssert.that(read.get(LakeTable.PARTNERSHIPS.tag())).containsInAnyOrder(
        new PartnershipRow("run-2", "sha-a.csv", "partnerships", "partnerships/a.csv", 2, "La Chaîne de l'Espoir", "Cambodge",
            "MdM France", "transfert", "écrit", LocalDate.of(2024, 6, 1), LocalDate.of(2025, 5, 31), "Section", "Type de partenariat",
            "Accord"),
        new PartnershipRow("run-2", "sha-a.csv", "partnerships", "partnerships/a.csv", 3, "Sauver la Face", "Cambodge",
            "MdM Allemagne", "jumelage", "tacite", LocalDate.of(2023, 3, 1), null, "Section", "Type de partenariat", "Accord"));
    PAssert.that(read.get(LakeTable.PARTNER_SURVEY_ANSWERS.tag())).containsInAnyOrder(
        new SurveyScoreRow("run-2", "sha-b.csv", "partnerships", "partnerships/b.csv", 2, 81234567, "93bd04cf", "2018-05-02T10:10:16",
            LocalDate.of(2018, 5, 2), "approved", "madagascar", null, "operational", "communication", 3),
        new SurveyScoreRow("run-2", "sha-b.csv", "partnerships", "partnerships/b.csv", 2, 81234567, "93bd04cf", "2018-05-02T10:10:16",
            LocalDate.of(2018, 5, 2), "approved", "madagascar", null, "operational", "overall", 4));
    PAssert.that(read.get(LakeTable.ALERTS.tag())).containsInAnyOrder(
        new AlertRow("run-2", "sha-c.csv", "partnerships", "partnerships/c.csv", 2, "AL-1", "Qualité des soins", "rouge",
            LocalDate.of(2019, 3, 12), null, "Liban", "Clinique Saint-Luc", "BE", "category", "level", "member_section"));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rejections -> {
      List<String> r = reasons(rejections);
      assertEquals(1, r.size());
      assertTrue(r.get(0), r.get(0).startsWith("partnerships/d.csv:0: not a partnership file: the header is not that of a partnership registry"));
      return null;
    });
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-2", "sha-a.csv", "partnerships", "partnerships/a.csv", "MdM partnership registry", "Windows-1252", "semicolon",
            2, 2, 0, 2, ""),
        new FileLoad("run-2", "sha-b.csv", "partnerships", "partnerships/b.csv", "MdM partner survey (KoboToolbox export)", "UTF-8", "comma",
            1, 1, 0, 2, ""),
        new FileLoad("run-2", "sha-c.csv", "partnerships", "partnerships/c.csv", "MdM red/orange-line alert log", "UTF-8 with BOM", "comma",
            1, 1, 0, 1, ""),
        new FileLoad("run-2", "sha-d.csv", "partnerships", "partnerships/d.csv", "unknown", "UTF-8", "semicolon", 1, 0, 1, 0, ""));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void referenceTablesLoadAdvocacyAndRatesAndRejectUnknownFilesWhole() throws IOException {
    InputFile advocacy = write("reference", "log.csv", """
        Thème,Membre,Date,Description,Participation des usagers
        Réduction des risques,MdM Belgique,05/10/2023,Campagne,oui
        Migration,Inconnu du réseau,2023-01-01,Rapport,non
        """, StandardCharsets.UTF_8);
    InputFile rates = write("reference", "rates.csv", """
        # rates against the euro
        rate_date,currency,units_per_eur
        2024-01-01,USD,1.10
        2024-01-01,usd1,1.10
        """, StandardCharsets.UTF_8);
    InputFile other = write("reference", "targets.csv", "indicator,year,target\npeople_reached,2024,100\n", StandardCharsets.UTF_8);

    PCollectionTuple read = pipeline
        .apply(Create.of(List.of(advocacy, rates, other)).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadReferenceTables("run-3"));

    PAssert.that(read.get(LakeTable.ADVOCACY_ACTIONS.tag())).containsInAnyOrder(
        new AdvocacyActionRow("run-3", "sha-log.csv", "reference", "reference/log.csv", 2, "Réduction des risques", "MdM Belgique",
            LocalDate.of(2023, 10, 5), "Campagne", true),
        new AdvocacyActionRow("run-3", "sha-log.csv", "reference", "reference/log.csv", 3, "Migration", "Inconnu du réseau",
            LocalDate.of(2023, 1, 1), "Rapport", false));
    PAssert.that(read.get(LakeTable.EXCHANGE_RATES.tag())).containsInAnyOrder(
        new ExchangeRateRow("run-3", "sha-rates.csv", "reference", "reference/rates.csv", 3, LocalDate.of(2024, 1, 1), "USD", 1.10));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rejections -> {
      List<String> r = reasons(rejections);
      assertEquals(2, r.size());
      assertTrue(r.get(0), r.get(0).startsWith("reference/rates.csv:4: column currency: 'usd1' is not an ISO 4217 code"));
      assertTrue(r.get(1), r.get(1).startsWith("reference/targets.csv:0: not a known reference table")
          && r.get(1).contains("advocacy actions log") && r.get(1).contains("rate_date,currency,units_per_eur"));
      return null;
    });
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-3", "sha-log.csv", "reference", "reference/log.csv", "advocacy actions log", "UTF-8", "comma", 2, 2, 0, 2, ""),
        new FileLoad("run-3", "sha-rates.csv", "reference", "reference/rates.csv", "exchange-rate table", "UTF-8", "comma", 2, 1, 1, 1, ""),
        new FileLoad("run-3", "sha-targets.csv", "reference", "reference/targets.csv", "unknown", "UTF-8", "comma", 1, 0, 1, 0, ""));
    pipeline.run().waitUntilFinish();
  }
}
