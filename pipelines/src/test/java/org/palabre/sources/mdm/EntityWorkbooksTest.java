package org.palabre.sources.mdm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.palabre.lake.LakeTable;
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.AlertRow;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.PartnershipRow;
import org.palabre.model.SurveyScoreRow;
import org.palabre.model.TargetRow;
import org.palabre.sources.reference.ReadReferenceTables;
import org.palabre.sources.workbooks.XlsxBuilder;

/**
 * The partnership and reference families read workbooks as members fill them in, on a real Beam
 * runner: a notes sheet first, a title block and merged headings above the header, real dates in
 * several number formats, formulas (their saved value), a hidden sheet; a CSV under a workbook's
 * name and the reverse, read for what their bytes are; encrypted, damaged and zip-bomb workbooks
 * rejected whole with the file and the reason while the good files load. Every file's rows read =
 * loaded + rejected.
 */
public class EntityWorkbooksTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private InputFile file(String family, String name, byte[] bytes) throws IOException {
    Path file = folder.getRoot().toPath().resolve(name);
    Files.write(file, bytes);
    return new InputFile(file.toString(), family, family + "/" + name, "sha-" + name, bytes.length);
  }

  private static Map<String, FileLoad> byFile(Iterable<FileLoad> loads) {
    Map<String, FileLoad> out = new HashMap<>();
    for (FileLoad load : loads) {
      assertTrue(load.sourceFile() + ": rows read = loaded + rejected", load.balanced());
      out.put(load.sourceFile(), load);
    }
    return out;
  }

  /** A registry as a coordination office keeps it: notes first, a title block, merged headings, dates typed two ways. */
  private static XlsxBuilder registry() {
    XlsxBuilder xlsx = new XlsxBuilder();
    int day = xlsx.style("dd/mm/yyyy");
    int longDay = xlsx.style("d mmmm yyyy");
    xlsx.sheet("Notes").text("A1", "Registre des partenariats").text("A2", "Une ligne par partenariat ; dates en jj/mm/aaaa.");
    xlsx.sheet("Registre")
        .text("A1", "Registre des partenariats MdM – 2024").merge("A1:G1")
        .text("A2", "Mis à jour par la coordination")
        .text("A3", "Partenaire").merge("A3:B3").text("C3", "Cadre").merge("C3:E3").text("F3", "Période").merge("F3:G3")
        .text("A4", "Partenaire").text("B4", "Pays").text("C4", "Section").text("D4", "Type de partenariat")
        .text("E4", "Accord").text("F4", "Date de début").text("G4", "Date de fin")
        .text("A5", "La Chaîne de l'Espoir").text("B5", "Cambodge").text("C5", "MdM France").text("D5", "transfert")
        .text("E5", "écrit").date("F5", LocalDate.of(2024, 6, 1), day)
        .formula("G5", "EDATE(F5,12)-1", "n", Long.toString(serial(LocalDate.of(2025, 5, 31))), day)
        .text("A6", "Sauver la Face").text("B6", "Cambodge").text("C6", "MdM Allemagne").text("D6", "jumelage")
        .text("E6", "tacite").date("F6", LocalDate.of(2023, 3, 1), longDay)
        .text("A7", "Partenaire X").text("B7", "Laos").text("C7", "MdM France").text("D7", "transfert")
        .text("E7", "écrit").text("F7", "31/02/2024");
    xlsx.sheet("Listes", "hidden").text("A1", "transfert").text("A2", "jumelage");
    return xlsx;
  }

  /** A KoboToolbox export to .xlsx: the form's sheet, then a repeat group's sheet (no submission header). */
  private static XlsxBuilder kobo() {
    XlsxBuilder xlsx = new XlsxBuilder();
    int moment = xlsx.style("yyyy-mm-dd hh:mm:ss");
    xlsx.sheet("Enquête partenaires MdM")
        .text("A1", "identification/country").text("B1", "identification/partner_type").text("C1", "quality/score_overall")
        .text("D1", "quality/score_communication").text("E1", "_id").text("F1", "_uuid").text("G1", "_submission_time")
        .text("H1", "_validation_status")
        .text("A2", "madagascar").text("B2", "operational").formula("C2", "ROUND(AVERAGE(4,4),0)", "n", "4", 0)
        .number("D2", "3").number("E2", "81234567").text("F2", "93bd04cf")
        .dateTime("G2", LocalDateTime.of(2018, 5, 2, 10, 10, 16), moment).text("H2", "validation_status_approved")
        .text("A3", "laos").text("B3", "operational").text("C3", "3,5").number("E3", "81234568").text("F3", "93bd04d0")
        .dateTime("G3", LocalDateTime.of(2018, 5, 3, 9, 0, 0), moment);
    xlsx.sheet("partenaires_contacts").text("A1", "_index").text("B1", "_parent_index").text("C1", "role")
        .number("A2", "1").number("B2", "1").text("C2", "coordinatrice");
    return xlsx;
  }

  /** An alert log kept in a macro-enabled workbook, a title row above the header, dates in Excel's built-in short format. */
  private static XlsxBuilder alerts() {
    XlsxBuilder xlsx = new XlsxBuilder().macros(new byte[] {1, 2, 3});
    int shortDate = xlsx.style("14");
    xlsx.sheet("Alertes")
        .text("A1", "Alertes lignes rouges / orange").merge("A1:H1")
        .text("A2", "alert_id").text("B2", "date_raised").text("C2", "date_closed").text("D2", "country").text("E2", "partner")
        .text("F2", "member_section").text("G2", "category").text("H2", "level")
        .text("A3", "AL-1").date("B3", LocalDate.of(2019, 3, 12), shortDate).text("D3", "Liban").text("E3", "Clinique Saint-Luc")
        .text("F3", "BE").text("G3", "Qualité des soins").text("H3", "rouge");
    return xlsx;
  }

  /** One reference workbook of three kinds of table, a notes sheet first. */
  private static XlsxBuilder reference() {
    XlsxBuilder xlsx = new XlsxBuilder();
    int day = xlsx.style("d mmm yyyy");
    int figure = xlsx.style("#,##0");
    xlsx.sheet("Lisez-moi").text("A1", "Tables de référence du réseau").text("A3", "Cibles, taux de change, plaidoyer.");
    xlsx.sheet("Cibles")
        .text("A1", "Cibles annuelles").merge("A1:E1")
        .text("A3", "indicator_code").text("B3", "year").text("C3", "target").text("D3", "member").text("E3", "country")
        .text("A4", "people_reached").number("B4", "2024").formula("C4", "SUM(10000,5000)", "n", "15000", figure)
        .text("A5", "people_reached").number("B5", "2025").number("C5", "1204.5").text("D5", "samusocial-bf").text("E5", "BF")
        .text("A6", "people_reached").text("B6", "20x4").number("C6", "10");
    xlsx.sheet("Taux")
        .text("A1", "rate_date").text("B1", "currency").text("C1", "units_per_eur")
        .date("A2", LocalDate.of(2024, 1, 1), day).text("B2", "XOF").number("C2", "655.957")
        .date("A3", LocalDate.of(2024, 1, 1), day).text("B3", "USD").formula("C3", "1.0813", "n", "1.0813", 0);
    xlsx.sheet("Plaidoyer")
        .text("A1", "Actions de plaidoyer 2023").merge("A1:E1")
        .text("A2", "Thème").text("B2", "Membre").text("C2", "Date").text("D2", "Description").text("E2", "Participation des usagers")
        .text("A3", "Réduction des risques").text("B3", "MdM Belgique").date("C3", LocalDate.of(2023, 10, 5), day)
        .text("D3", "Campagne").text("E3", "oui");
    return xlsx;
  }

  private static long serial(LocalDate date) {
    return java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), date);
  }

  /** What Excel saves when a workbook gets a password: an OLE2 container of these two streams. */
  private static byte[] encrypted() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (POIFSFileSystem container = new POIFSFileSystem(); OutputStream out = bytes) {
      container.createDocument(new ByteArrayInputStream(new byte[] {4, 0, 4, 0, 0x40, 0, 0, 0}), "EncryptionInfo");
      container.createDocument(new ByteArrayInputStream(new byte[4096]), "EncryptedPackage");
      container.writeFilesystem(out);
    }
    return bytes.toByteArray();
  }

  /** A workbook whose sheet part is 8 MiB of blanks: it deflates about a thousand times. */
  private static byte[] zipBomb() throws IOException {
    byte[] padding = new byte[8 << 20];
    Arrays.fill(padding, (byte) ' ');
    String sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"" + XlsxBuilder.MAIN_NS + "\"><sheetData>"
        + new String(padding, StandardCharsets.US_ASCII) + "</sheetData></worksheet>";
    XlsxBuilder xlsx = new XlsxBuilder();
    xlsx.sheet("Registre").text("A1", "partner");
    return xlsx.entry("xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.US_ASCII)).bytes();
  }

  @Test
  public void partnershipWorkbooksLoadLikeTheirCsvAndBadWorkbooksAreRejectedWholeWithTheirReason() throws IOException {
    byte[] registry = registry().bytes();
    List<InputFile> files = List.of(
        file("partnerships", "registre.xlsx", registry),
        file("partnerships", "enquete.xlsx", kobo().bytes()),
        file("partnerships", "alertes.xlsm", alerts().bytes()),
        // a workbook saved under a CSV's name is read for what its bytes are
        file("partnerships", "registre_copie.csv", registry),
        file("partnerships", "protege.xlsx", encrypted()),
        file("partnerships", "coupe.xlsx", Arrays.copyOf(registry, registry.length / 2)),
        file("partnerships", "bombe.xlsx", zipBomb()));

    PCollectionTuple read = pipeline
        .apply(Create.of(files).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadPartnershipFiles("run-w"));

    List<PartnershipRow> partnerships = new ArrayList<>();
    for (String name : List.of("registre.xlsx", "registre_copie.csv")) {
      partnerships.add(new PartnershipRow("run-w", "sha-" + name, "partnerships", "partnerships/" + name, 5,
          "La Chaîne de l'Espoir", "Cambodge", "MdM France", "transfert", "écrit", LocalDate.of(2024, 6, 1),
          LocalDate.of(2025, 5, 31), "Section", "Type de partenariat", "Accord"));
      partnerships.add(new PartnershipRow("run-w", "sha-" + name, "partnerships", "partnerships/" + name, 6, "Sauver la Face",
          "Cambodge", "MdM Allemagne", "jumelage", "tacite", LocalDate.of(2023, 3, 1), null, "Section", "Type de partenariat",
          "Accord"));
    }
    PAssert.that(read.get(LakeTable.PARTNERSHIPS.tag())).containsInAnyOrder(partnerships);
    PAssert.that(read.get(LakeTable.PARTNER_SURVEY_ANSWERS.tag())).containsInAnyOrder(
        new SurveyScoreRow("run-w", "sha-enquete.xlsx", "partnerships", "partnerships/enquete.xlsx", 2, 81234567, "93bd04cf",
            "2018-05-02T10:10:16", LocalDate.of(2018, 5, 2), "approved", "madagascar", null, "operational", "communication", 3),
        new SurveyScoreRow("run-w", "sha-enquete.xlsx", "partnerships", "partnerships/enquete.xlsx", 2, 81234567, "93bd04cf",
            "2018-05-02T10:10:16", LocalDate.of(2018, 5, 2), "approved", "madagascar", null, "operational", "overall", 4));
    PAssert.that(read.get(LakeTable.ALERTS.tag())).containsInAnyOrder(
        new AlertRow("run-w", "sha-alertes.xlsm", "partnerships", "partnerships/alertes.xlsm", 3, "AL-1", "Qualité des soins",
            "rouge", LocalDate.of(2019, 3, 12), null, "Liban", "Clinique Saint-Luc", "BE", "category", "level", "member_section"));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rejections -> {
      List<String> r = ReadMdmFamiliesTest.reasons(rejections);
      assertEquals(r.toString(), 6, r.size());
      assertTrue(r.get(0), r.get(0).startsWith("partnerships/bombe.xlsx:0: the file could not be read: ")
          && r.get(0).contains("bombe.xlsx") && r.get(0).contains("ratio"));
      assertTrue(r.get(1), r.get(1).startsWith("partnerships/coupe.xlsx:0: the file could not be read: ")
          && r.get(1).contains("is damaged"));
      assertEquals("partnerships/enquete.xlsx:3: sheet 'Enquête partenaires MdM', column 'quality/score_overall' value '3,5'"
          + " is not a score 1-5 (blank or n/a for no answer)", r.get(2));
      assertTrue(r.get(3), r.get(3).startsWith("partnerships/protege.xlsx:0: the file could not be read: ")
          && r.get(3).contains("password-protected"));
      for (String name : List.of("registre.xlsx", "registre_copie.csv")) {
        assertTrue(r.toString(), r.contains("partnerships/" + name + ":7: sheet 'Registre', Date de début '31/02/2024' is not a date"
            + " (expected yyyy-MM-dd or dd/MM/yyyy)"));
      }
      return null;
    });
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).satisfies(loads -> {
      Map<String, FileLoad> load = byFile(loads);
      FileLoad registryLoad = load.get("partnerships/registre.xlsx");
      assertEquals("workbook (xlsx): sheet 'Registre': MdM partnership registry", registryLoad.fileKind());
      assertEquals(List.of(3L, 2L, 1L), List.of(registryLoad.rowsRead(), registryLoad.rowsLoaded(), registryLoad.rowsRejected()));
      assertTrue(registryLoad.warnings(), registryLoad.warnings().startsWith("sheet 'Notes' not read: no header recognised;"
          + " sheet 'Listes' not read: hidden sheet"));
      assertEquals(registryLoad.rowsRead(), load.get("partnerships/registre_copie.csv").rowsRead());
      FileLoad survey = load.get("partnerships/enquete.xlsx");
      assertEquals(List.of(2L, 1L, 1L), List.of(survey.rowsRead(), survey.rowsLoaded(), survey.rowsRejected()));
      assertTrue(survey.warnings(), survey.warnings().contains("sheet 'partenaires_contacts' not read: no header recognised"));
      FileLoad alertLoad = load.get("partnerships/alertes.xlsm");
      assertEquals("workbook (xlsm): sheet 'Alertes': MdM red/orange-line alert log", alertLoad.fileKind());
      assertTrue(alertLoad.warnings(), alertLoad.warnings().contains("macro"));
      for (String bad : List.of("protege.xlsx", "coupe.xlsx", "bombe.xlsx")) {
        FileLoad b = load.get("partnerships/" + bad);
        assertEquals(bad, List.of(1L, 0L, 1L), List.of(b.rowsRead(), b.rowsLoaded(), b.rowsRejected()));
      }
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void referenceWorkbooksLoadTargetsRatesAndAdvocacyFromTheirSheetsAndACsvNamedXlsxIsReadAsCsv() throws IOException {
    List<InputFile> files = List.of(
        file("reference", "reference.xlsx", reference().bytes()),
        file("reference", "cibles.xlsx", "indicator_code,year,target\npeople_reached,2023,900\n".getBytes(StandardCharsets.UTF_8)));

    PCollectionTuple read = pipeline
        .apply(Create.of(files).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(new ReadReferenceTables("run-r"));

    PAssert.that(read.get(LakeTable.TARGETS.tag())).containsInAnyOrder(
        new TargetRow("run-r", "sha-reference.xlsx", "reference", "reference/reference.xlsx", 4, "people_reached", 2024, null, null,
            15000),
        new TargetRow("run-r", "sha-reference.xlsx", "reference", "reference/reference.xlsx", 5, "people_reached", 2025,
            "samusocial-bf", "BF", 1204.5),
        new TargetRow("run-r", "sha-cibles.xlsx", "reference", "reference/cibles.xlsx", 2, "people_reached", 2023, null, null, 900));
    PAssert.that(read.get(LakeTable.EXCHANGE_RATES.tag())).containsInAnyOrder(
        new ExchangeRateRow("run-r", "sha-reference.xlsx", "reference", "reference/reference.xlsx", 2, LocalDate.of(2024, 1, 1),
            "XOF", 655.957),
        new ExchangeRateRow("run-r", "sha-reference.xlsx", "reference", "reference/reference.xlsx", 3, LocalDate.of(2024, 1, 1),
            "USD", 1.0813));
    PAssert.that(read.get(LakeTable.ADVOCACY_ACTIONS.tag())).containsInAnyOrder(
        new AdvocacyActionRow("run-r", "sha-reference.xlsx", "reference", "reference/reference.xlsx", 3, "Réduction des risques",
            "MdM Belgique", LocalDate.of(2023, 10, 5), "Campagne", true));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).satisfies(rejections -> {
      assertEquals(List.of("reference/reference.xlsx:6: sheet 'Cibles', year '20x4' is not a year"), ReadMdmFamiliesTest.reasons(rejections));
      return null;
    });
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).satisfies(loads -> {
      Map<String, FileLoad> load = byFile(loads);
      FileLoad workbook = load.get("reference/reference.xlsx");
      assertEquals("workbook (xlsx): sheet 'Cibles': indicator targets; sheet 'Taux': exchange-rate table;"
          + " sheet 'Plaidoyer': advocacy actions log", workbook.fileKind());
      assertEquals(List.of(6L, 5L, 1L), List.of(workbook.rowsRead(), workbook.rowsLoaded(), workbook.rowsRejected()));
      assertEquals("sheet 'Lisez-moi' not read: no header recognised", workbook.warnings());
      FileLoad csv = load.get("reference/cibles.xlsx");
      assertEquals("indicator targets", csv.fileKind());
      assertEquals("named as a workbook but holds text: read as a CSV file", csv.warnings());
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
