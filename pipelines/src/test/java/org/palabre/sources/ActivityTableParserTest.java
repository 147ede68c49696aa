package org.palabre.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.Observation;
import org.palabre.sources.hxl.ReadHxlTables;
import org.palabre.sources.samusocial.ReadSamusocialReports;
import org.palabre.sources.tabular.ActivityTableParser;
import org.palabre.text.TextDecoding;

class ActivityTableParserTest {

  private static final Delivery DELIVERY = new Delivery("run-1", "sha", "samusocial", "samusocial/report.csv");

  record Parsed(FileLoad load, Collected<Observation> out) {
    /** metric|sex|age -> value, for the rows starting at the line. */
    Map<String, Double> figures(long line) {
      Map<String, Double> result = new TreeMap<>();
      for (Observation o : out.accepted) {
        if (o.sourceLine() == line) {
          result.put(o.metricCode() + "|" + o.sex() + "|" + o.ageGroup(), o.value());
        }
      }
      return result;
    }
  }

  static Parsed parse(ActivityTableParser.Settings settings, byte[] bytes) throws Exception {
    TextDecoding.IoSupplier source = () -> new ByteArrayInputStream(bytes);
    TextDecoding.Detected encoding = TextDecoding.detect(source);
    Collected<Observation> out = new Collected<>();
    try (Reader reader = encoding.open(source)) {
      FileLoad load = new ActivityTableParser(settings).parse(reader, DELIVERY, encoding.label(), out);
      assertEquals(load.rowsRead(), load.rowsLoaded() + load.rowsRejected(), "rows in = loaded + rejected");
      assertEquals(load.rowsRejected(), out.rejected.size());
      assertEquals(load.observations(), out.accepted.size());
      return new Parsed(load, out);
    }
  }

  static Parsed samusocial(String text, Charset charset) throws Exception {
    return parse(ReadSamusocialReports.SETTINGS, text.getBytes(charset));
  }

  @Test
  void semicolonReportWithFrenchHeadersAndAccents() throws Exception {
    Parsed p = samusocial("""
        Dispositif;Pays;Mois;Maraudes;Personnes rencontrées;dont femmes;dont mineurs;Consultations médicales;Entretiens psychosociaux;Nuitées d'hébergement;Orientations
        Samusocial Sénégal;Sénégal;2023-04;22;340;120;85;150;40;600;12
        """, StandardCharsets.UTF_8);
    assertEquals(1, p.load().rowsRead());
    assertEquals(1, p.load().rowsLoaded());
    assertEquals("semicolon", p.load().separator());
    assertEquals("samusocial activity report, French headers", p.load().fileKind());
    assertEquals(Map.of(
        "medical_consultations|null|null", 150.0,
        "outreach_rounds|null|null", 22.0,
        "people_reached|female|null", 120.0,
        "people_reached|null|0-17", 85.0,
        "people_reached|null|null", 340.0,
        "psychosocial_interviews|null|null", 40.0,
        "referrals|null|null", 12.0,
        "shelter_nights|null|null", 600.0), p.figures(2));
    Observation o = p.out().accepted.get(0);
    assertEquals("samusocial-sn", o.member());
    assertEquals("Dakar", o.orgUnit());
    assertEquals("SN", o.countryIso2());
    assertEquals("month", o.periodType());
    assertEquals("2023-04", o.period());
    assertEquals(LocalDate.of(2023, 4, 1), o.periodStart());
    assertEquals(LocalDate.of(2023, 4, 30), o.periodEnd());
    assertEquals("samusocial/report.csv", o.sourceFile());
  }

  @Test
  void commaWindows1252SnakeCaseHeadersDecimalCommaAndSlashMonth() throws Exception {
    Parsed p = samusocial("""
        dispositif,pays,mois,personnes_rencontrees,dont_femmes,consultations_medicales,nuitees_hebergement
        Samusocial Pointe-Noire,République du Congo,04/2023,"1 012","12,0",150,
        """, Charset.forName("windows-1252"));
    assertEquals("Windows-1252", p.load().encoding());
    assertEquals("comma", p.load().separator());
    // blank nights of shelter: missing, not zero
    assertEquals(Map.of("people_reached|null|null", 1012.0, "people_reached|female|null", 12.0,
        "medical_consultations|null|null", 150.0), p.figures(2));
    assertEquals("CG", p.out().accepted.get(0).countryIso2());
    assertEquals("2023-04", p.out().accepted.get(0).period());
  }

  @Test
  void utf8BomCrLfTitleRowsAndHeadersInAnyCaseOrSpacing() throws Exception {
    String text = "\uFEFFRapport mensuel – Samusocial Casablanca\r\n\r\n DISPOSITIF ; MOIS ; PERSONNES  RENCONTREES ;Dont_Femmes\r\n"
        + "Samusocial Casablanca ; Avr. 2023 ; 150 ; 60\r\n";
    Parsed p = samusocial(text, StandardCharsets.UTF_8);
    assertEquals("UTF-8 with BOM", p.load().encoding());
    assertEquals(Map.of("people_reached|null|null", 150.0, "people_reached|female|null", 60.0), p.figures(4));
    assertEquals("2023-04", p.out().accepted.get(0).period());
    assertEquals("MA", p.out().accepted.get(0).countryIso2());
  }

  @Test
  void hxlHashtagRowWinsOverTheFrenchHeaders() throws Exception {
    // the French header says "Consultations" over a column tagged as people reached: the hashtag wins
    Parsed p = samusocial("""
        Structure;Ville;Période;Consultations;Femmes
        #org;#adm2;#date+month;#reached+ind;#reached +ind +f
        Samusocial Sénégal;Dakar;avril 2023;510;230
        """, StandardCharsets.UTF_8);
    assertEquals("samusocial activity table, HXL hashtags", p.load().fileKind());
    assertEquals(Map.of("people_reached|null|null", 510.0, "people_reached|female|null", 230.0), p.figures(3));
    assertEquals("Dakar", p.out().accepted.get(0).adm2());
  }

  @Test
  void theLabelRowAboveHashtagsIsNotReadAsTheReportsService() throws Exception {
    // "Structure;Pays;..." above the hashtags is a row of labels, not "Structure: Pays": a row with
    // a blank service is rejected, not loaded for a service called "Pays"
    Parsed p = samusocial("""
        Structure;Pays;Période;Personnes rencontrées
        #org;#country;#date+month;#reached+ind
        Samusocial Sénégal;Sénégal;avril 2023;510
        ;Sénégal;avril 2023;12
        """, StandardCharsets.UTF_8);
    assertEquals(1, p.load().rowsLoaded());
    assertEquals(1, p.out().rejected.size());
    assertEquals(4, p.out().rejected.get(0).line());
    assertTrue(p.out().rejected.get(0).reason().contains("column 1 (#org) is blank"), p.out().rejected.get(0).reason());
    assertEquals("", p.load().warnings());
  }

  @Test
  void menAndWomenGiveADerivedTotalOnlyWhereTheTotalIsBlank() throws Exception {
    Parsed p = samusocial("""
        Dispositif;Pays;Date de la formation;Intitulé de la formation;Participants;dont femmes;dont hommes
        Samusocial Burkina Faso;BF;15/03/2023;Premiers secours psychologiques;;11;7
        Samusocial Burkina Faso;BF;16/03/2023;Premiers secours psychologiques;20;11;7
        Samusocial Burkina Faso;BF;17/03/2023;Premiers secours psychologiques;;11;
        """, StandardCharsets.UTF_8);
    assertEquals(Map.of("professionals_trained|null|null", 18.0, "professionals_trained|female|null", 11.0,
        "professionals_trained|male|null", 7.0), p.figures(2));
    assertTrue(p.out().accepted.stream().filter(o -> o.sourceLine() == 2 && o.sex() == null).allMatch(Observation::derived));
    assertEquals(20.0, p.figures(3).get("professionals_trained|null|null"));
    assertTrue(p.out().accepted.stream().filter(o -> o.sourceLine() == 3).noneMatch(Observation::derived));
    assertEquals(Map.of("professionals_trained|female|null", 11.0), p.figures(4));
  }

  @Test
  void trainingsFileIsRecognisedByItsHeaders() throws Exception {
    Parsed p = samusocial("""
        Dispositif;Pays;Date de la formation;Intitulé de la formation;Participants;dont femmes;dont hommes
        Samusocial Burkina Faso;BF;15/03/2023;Premiers secours psychologiques;18;11;7
        """, StandardCharsets.UTF_8);
    assertEquals("samusocial trainings, French headers", p.load().fileKind());
    assertEquals(Map.of("professionals_trained|null|null", 18.0, "professionals_trained|female|null", 11.0,
        "professionals_trained|male|null", 7.0), p.figures(2));
    assertEquals("day", p.out().accepted.get(0).periodType());
  }

  @Test
  void badRowsAreRejectedWithLineColumnAndReasonAndTheRestLoads() throws Exception {
    Parsed p = samusocial("""
        Dispositif;Pays;Mois;Personnes rencontrées;dont femmes
        Samusocial Sénégal;SN;2023-04;340;120
        Samusocial Sénégal;SN;2023-13;340;120
        Samusocial Sénégal;SN;;340;120
        Samusocial Sénégal;SN;2023-05;beaucoup;120
        Samusocial Sénégal;SN;2023-06;300;-4
        Samusocial Sénégal;Narnia;2023-07;300;100
        ;SN;2023-08;300;100

        Samusocial Sénégal;SN;2023-09;;
        """, StandardCharsets.UTF_8);
    assertEquals(8, p.load().rowsRead(), "the blank line is no row");
    assertEquals(2, p.load().rowsLoaded());
    assertEquals(6, p.load().rowsRejected());
    List<Collected.Rejected> r = p.out().rejected;
    assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L), r.stream().map(Collected.Rejected::line).toList());
    assertTrue(r.get(0).reason().startsWith("column 3 (Mois): '2023-13'"), r.get(0).reason());
    assertTrue(r.get(1).reason().contains("column 3 (Mois) is blank"), r.get(1).reason());
    assertTrue(r.get(2).reason().contains("column 4 (Personnes rencontrées): 'beaucoup' is not a number"), r.get(2).reason());
    assertTrue(r.get(3).reason().contains("column 5 (dont femmes): negative figure -4"), r.get(3).reason());
    assertTrue(r.get(4).reason().contains("unknown country 'Narnia'"), r.get(4).reason());
    assertTrue(r.get(5).reason().contains("column 1 (Dispositif) is blank"), r.get(5).reason());
    assertEquals("Samusocial Sénégal;SN;2023-05;beaucoup;120", r.get(2).raw());
    assertTrue(p.load().warnings().contains("1 rows loaded without any figure"), p.load().warnings());
  }

  @Test
  void aFileWithoutARecognisedHeaderRejectsEveryRowWithWhatWasExpected() throws Exception {
    Parsed p = samusocial("foo;bar\n1;2\n3;4\n", StandardCharsets.UTF_8);
    assertEquals(3, p.load().rowsRead());
    assertEquals(3, p.load().rowsRejected());
    assertTrue(p.out().rejected.get(0).reason().contains("no header row recognised"));
  }

  @Test
  void anUnbalancedQuoteStopsTheFileWithAReasonAndKeepsWhatWasRead() throws Exception {
    Parsed p = samusocial("Dispositif;Mois;Personnes rencontrées\nSamusocial Sénégal;2023-04;10\nSamusocial Sénégal;\"2023-05;20\n",
        StandardCharsets.UTF_8);
    assertEquals(1, p.load().rowsLoaded());
    assertEquals(1, p.load().rowsRejected());
    assertTrue(p.out().rejected.get(0).reason().contains("the rest of the file was not read"), p.out().rejected.get(0).reason());
  }

  @Test
  void unknownServiceStillLoadsAndIsListed() throws Exception {
    Parsed p = samusocial("Dispositif;Mois;Personnes rencontrées\nSamusocial Kinshasa;2023-04;10\n", StandardCharsets.UTF_8);
    assertEquals(1, p.load().rowsLoaded());
    assertEquals("samusocial-kinshasa", p.out().accepted.get(0).member());
    assertTrue(p.load().warnings().contains("Samusocial Kinshasa"), p.load().warnings());
  }

  @Test
  void hxlTableUnderFreeTextRowsWithSpacedAttributesThousandsAndPlaceholders() throws Exception {
    byte[] bytes = """
        "3W, exemple",,,,,,
        Organisation,Pays,Date,Atteints,Femmes,Hommes,Ménages
        #org +impl,#country +code,#date +reported,#reached +ind,#reached +f +ind,#reached+ind+m,#reached +hh
        Samusocial Sénégal,SN,2024-03-31,"2,430",1 100,1 330,-
        Samusocial Sénégal,SN,2024-06-30,,520,480,
        Samusocial Sénégal,SN,2024-06-30,-,_,,12
        ,ML,,80 418,,,
        """.getBytes(StandardCharsets.UTF_8);
    Parsed p = parse(ReadHxlTables.SETTINGS, bytes);
    assertEquals(4, p.load().rowsRead());
    assertEquals(4, p.load().rowsLoaded());
    assertEquals(Map.of("people_reached|null|null", 2430.0, "people_reached|female|null", 1100.0,
        "people_reached|male|null", 1330.0), p.figures(4));
    // no total given: women + men, marked derived
    assertEquals(Map.of("people_reached|null|null", 1000.0, "people_reached|female|null", 520.0,
        "people_reached|male|null", 480.0), p.figures(5));
    assertTrue(p.out().accepted.stream().filter(o -> o.sourceLine() == 5 && o.sex() == null).allMatch(Observation::derived));
    assertEquals(Map.of(), p.figures(6), "placeholders are missing values; households are not people");
    Observation undated = p.out().accepted.stream().filter(o -> o.sourceLine() == 7).findFirst().orElseThrow();
    assertEquals(80418.0, undated.value());
    assertEquals(null, undated.periodStart());
    assertEquals(null, undated.member());
    assertEquals("ML", undated.countryIso2());
  }

  @Test
  void hxlFolderRequiresAHashtagRow() throws Exception {
    Parsed p = parse(ReadHxlTables.SETTINGS, "Dispositif;Mois;Personnes rencontrées\nA;2023-04;1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(2, p.load().rowsRejected());
    assertTrue(p.out().rejected.get(0).reason().contains("no HXL hashtag row"));
  }

  @Test
  void serviceAndMonthWrittenAboveTheTableHoldForEveryRow() throws Exception {
    Parsed p = samusocial("""
        Rapport mensuel d'activité
        Dispositif : Samusocial Sénégal
        Mois;avril 2023

        Maraudes;Personnes rencontrées;dont femmes
        22;340;120
        """, StandardCharsets.UTF_8);
    assertEquals(List.of(1L, 1L, 0L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertEquals(Map.of("outreach_rounds|null|null", 22.0, "people_reached|null|null", 340.0, "people_reached|female|null", 120.0),
        p.figures(6));
    assertEquals("samusocial-sn", p.out().accepted.get(0).member());
    assertEquals("2023-04", p.out().accepted.get(0).period());
  }

  @Test
  void aVerticalReportOfLabelsAndFiguresIsReadRowByRow() throws Exception {
    Parsed p = samusocial("""
        Rapport mensuel;
        Dispositif;Samusocial Pointe-Noire
        Mois;05/2023
        Indicateur;Valeur
        Maraudes;18
        Personnes rencontrées;250
        dont femmes;110
        Consultations médicales;beaucoup
        """, StandardCharsets.UTF_8);
    assertEquals("samusocial activity report, vertical layout", p.load().fileKind());
    assertEquals(List.of(6L, 5L, 1L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertEquals(Map.of("outreach_rounds|null|null", 18.0), p.figures(5));
    assertEquals(Map.of("people_reached|null|null", 250.0), p.figures(6));
    assertEquals(Map.of("people_reached|female|null", 110.0), p.figures(7));
    assertEquals(8L, p.out().rejected.get(0).line());
    assertTrue(p.out().rejected.get(0).reason().contains("'beaucoup' is not a number"), p.out().rejected.get(0).reason());
    Observation o = p.out().accepted.get(0);
    assertEquals("samusocial-pn", o.member());
    assertEquals("CG", o.countryIso2());
    assertEquals("2023-05", o.period());
  }

  @Test
  void aVerticalReportWithoutItsMonthRejectsItsFiguresSayingSo() throws Exception {
    Parsed p = samusocial("Dispositif;Samusocial Dakar\nMaraudes;18\nPersonnes rencontrées;250\n", StandardCharsets.UTF_8);
    assertEquals(List.of(3L, 1L, 2L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertTrue(p.out().rejected.get(0).reason().contains("no month"), p.out().rejected.get(0).reason());
  }
}
