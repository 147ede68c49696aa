package org.palabre.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.lake.LakeTable;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Rejection;
import org.palabre.model.SourceFigure;
import org.palabre.sources.hxl.ReadHxlTables;
import org.palabre.sources.samusocial.ReadSamusocialReports;
import org.palabre.sources.tabular.ActivityTableFiles;
import org.palabre.sources.tabular.ActivityTableParser;
import org.palabre.warehouse.Crosswalk;

/**
 * Activity tables read by the family's real file parser ({@link ActivityTableFiles}: encoding and
 * separator detection, then {@link ActivityTableParser}) into figures in the table's own words, and
 * those figures mapped by the real crosswalk: every fixture of the class is read once, written into
 * one temporary lake and built once ({@link Crosswalk}). Each test asserts what the file says (the
 * measure as the table names it, its column, the organisation, place and period as written, the
 * rejects with line, column and reason) and what the crosswalk makes of it (common metric, sex, age
 * group, member, place, derived totals).
 */
class ActivityTableParserTest {

  static final String RUN = "run-1";

  @TempDir static Path dir;

  /** A delivered table: its family's settings, file name and bytes. */
  record Fixture(ActivityTableParser.Settings settings, String name, byte[] bytes) {
    String sourceFile() {
      return settings.sourceFamily() + "/" + name;
    }
  }

  private static final List<Fixture> FIXTURES = new ArrayList<>();
  private static final Map<Fixture, Parsed> PARSED = new HashMap<>();
  private static Crosswalk.Built built;

  private static Fixture samusocial(String name, String text, Charset charset) {
    Fixture f = new Fixture(ReadSamusocialReports.SETTINGS, name, text.getBytes(charset));
    FIXTURES.add(f);
    return f;
  }

  private static Fixture hxl(String name, String text) {
    Fixture f = new Fixture(ReadHxlTables.SETTINGS, name, text.getBytes(StandardCharsets.UTF_8));
    FIXTURES.add(f);
    return f;
  }

  /** What the parser put in the lake for one file. */
  record Parsed(FileLoad load, List<SourceFigure> figures, List<Rejection> rejected, List<Rejection> rejectedCells,
      CollectedRows rows) {

    /** "column:measure" -> value for the figures of the row starting at the line. */
    Map<String, Double> measures(long line) {
      Map<String, Double> result = new TreeMap<>();
      for (SourceFigure f : figures) {
        if (f.sourceLine() == line && result.put(f.sourceColumn() + ":" + f.measure(), f.value()) != null) {
          throw new AssertionError("two figures at line " + line + " column " + f.sourceColumn());
        }
      }
      return result;
    }

    /** The first figure of the row starting at the line. */
    SourceFigure first(long line) {
      return figures.stream().filter(f -> f.sourceLine() == line).findFirst().orElseThrow();
    }
  }

  /** Reads one file with the family's real parser, checking its accounting. */
  static Parsed parse(Path folder, ActivityTableParser.Settings settings, String name, byte[] bytes) throws Exception {
    Path file = folder.resolve(settings.sourceFamily()).resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    InputFile input = new InputFile(file.toString(), settings.sourceFamily(), settings.sourceFamily() + "/" + name,
        "sha-" + settings.sourceFamily() + "-" + name, bytes.length);
    CollectedRows rows = CollectedRows.read(new ActivityTableFiles(settings), input, RUN);
    FileLoad load = rows.load();
    List<SourceFigure> figures = rows.of(LakeTable.FIGURES);
    // a rejected row has no column; a rejected cell (a figure that cannot be read beside figures that can) has its own
    List<Rejection> rejected = rows.of(LakeTable.REJECTED_ROWS).stream().filter(r -> r.sourceColumn() == null).toList();
    List<Rejection> rejectedCells = rows.of(LakeTable.REJECTED_ROWS).stream().filter(r -> r.sourceColumn() != null).toList();
    assertEquals(load.rowsRead(), load.rowsLoaded() + load.rowsRejected(), "rows in = loaded + rejected");
    assertEquals(load.rowsRejected(), rejected.size());
    assertEquals(load.cellsRejected(), rejectedCells.size());
    assertEquals(load.observations(), figures.size());
    for (SourceFigure f : figures) {
      assertEquals(input.relativeName(), f.sourceFile());
      assertEquals(input.deliveryKey(), f.deliverySha256());
      assertEquals(RUN, f.runId());
    }
    return new Parsed(load, figures, rejected, rejectedCells, rows);
  }

  @BeforeAll
  static void readEveryFixtureAndBuildTheCrosswalk() throws Exception {
    Crosswalk crosswalk = new Crosswalk(dir.resolve("crosswalk"));
    for (Fixture f : FIXTURES) {
      Parsed p = parse(dir.resolve("input"), f.settings(), f.name(), f.bytes());
      PARSED.put(f, p);
      crosswalk.add(p.rows().all());
    }
    built = crosswalk.build();
  }

  private static Parsed parsed(Fixture f) {
    return PARSED.get(f);
  }

  /** member|org_unit|country_iso2|period|period_start|period_end of the row's mapped figures, one line per distinct value. */
  private static List<String> placeAndPeriod(Fixture f, long line) throws Exception {
    return built.rows("select distinct member, org_unit, country_iso2, period_type, period, period_start, period_end"
        + " from intermediate.int_figures__mapped where source_file = ? and source_line = ? order by all", f.sourceFile(), line);
  }

  private static final Fixture SEMICOLON = samusocial("semicolon_accents.csv", """
      Dispositif;Pays;Mois;Maraudes;Personnes rencontrées;dont femmes;dont mineurs;Consultations médicales;Entretiens psychosociaux;Nuitées d'hébergement;Orientations
      Samusocial Sénégal;Sénégal;2023-04;22;340;120;85;150;40;600;12
      """, StandardCharsets.UTF_8);

  @Test
  void semicolonReportWithFrenchHeadersAndAccents() throws Exception {
    Parsed p = parsed(SEMICOLON);
    assertEquals(1, p.load().rowsRead());
    assertEquals(1, p.load().rowsLoaded());
    assertEquals("semicolon", p.load().separator());
    assertEquals("samusocial activity report, French headers", p.load().fileKind());
    // every figure column in the source's words: its normalised header, where it is
    assertEquals(Map.of(
        "4:maraudes", 22.0,
        "5:personnes rencontrees", 340.0,
        "6:dont femmes", 120.0,
        "7:dont mineurs", 85.0,
        "8:consultations medicales", 150.0,
        "9:entretiens psychosociaux", 40.0,
        "10:nuitees d hebergement", 600.0,
        "11:orientations", 12.0), p.measures(2));
    assertTrue(p.figures().stream().allMatch(f -> f.measureScheme().equals(SourceFigure.COLUMN)
        && f.tableKind().equals(SourceFigure.ACTIVITY_REPORT)));
    SourceFigure f = p.first(2);
    assertEquals("Maraudes", f.measureLabel());
    assertEquals("Samusocial Sénégal", f.orgName());
    assertEquals("Sénégal", f.country());
    assertNull(f.adm2());
    assertEquals("2023-04", f.periodRaw());
    assertEquals("month", f.periodType());
    assertEquals("2023-04", f.period());
    assertEquals(LocalDate.of(2023, 4, 1), f.periodStart());
    assertEquals(LocalDate.of(2023, 4, 30), f.periodEnd());
    assertEquals("samusocial/semicolon_accents.csv", f.sourceFile());

    // the crosswalk: headers to metrics and breakdowns, the service to its member, place and country
    assertEquals(Map.of(
        "medical_consultations|null|null", 150.0,
        "outreach_rounds|null|null", 22.0,
        "people_reached|female|null", 120.0,
        "people_reached|null|0-17", 85.0,
        "people_reached|null|null", 340.0,
        "psychosocial_interviews|null|null", 40.0,
        "referrals|null|null", 12.0,
        "shelter_nights|null|null", 600.0), built.figures(SEMICOLON.sourceFile(), 2));
    assertEquals(List.of("samusocial-sn|Dakar|SN|month|2023-04|2023-04-01|2023-04-30"), placeAndPeriod(SEMICOLON, 2));
  }

  private static final Fixture COMMA_1252 = samusocial("comma_1252.csv", """
      dispositif,pays,mois,personnes_rencontrees,dont_femmes,consultations_medicales,nuitees_hebergement
      Samusocial Pointe-Noire,République du Congo,04/2023,"1 012","12,0",150,
      """, Charset.forName("windows-1252"));

  @Test
  void commaWindows1252SnakeCaseHeadersDecimalCommaAndSlashMonth() throws Exception {
    Parsed p = parsed(COMMA_1252);
    assertEquals("Windows-1252", p.load().encoding());
    assertEquals("comma", p.load().separator());
    // blank nights of shelter: missing, not zero
    assertEquals(Map.of("4:personnes rencontrees", 1012.0, "5:dont femmes", 12.0, "6:consultations medicales", 150.0),
        p.measures(2));
    assertEquals("République du Congo", p.first(2).country());
    assertEquals("04/2023", p.first(2).periodRaw());
    assertEquals("2023-04", p.first(2).period());

    assertEquals(Map.of("people_reached|null|null", 1012.0, "people_reached|female|null", 12.0,
        "medical_consultations|null|null", 150.0), built.figures(COMMA_1252.sourceFile(), 2));
    assertEquals(List.of("samusocial-pn|Pointe-Noire|CG|month|2023-04|2023-04-01|2023-04-30"), placeAndPeriod(COMMA_1252, 2));
  }

  private static final Fixture BOM_CRLF = samusocial("bom_crlf.csv",
      "\uFEFFRapport mensuel – Samusocial Casablanca\r\n\r\n DISPOSITIF ; MOIS ; PERSONNES  RENCONTREES ;Dont_Femmes\r\n"
          + "Samusocial Casablanca ; Avr. 2023 ; 150 ; 60\r\n", StandardCharsets.UTF_8);

  @Test
  void utf8BomCrLfTitleRowsAndHeadersInAnyCaseOrSpacing() throws Exception {
    Parsed p = parsed(BOM_CRLF);
    assertEquals("UTF-8 with BOM", p.load().encoding());
    assertEquals(Map.of("3:personnes rencontrees", 150.0, "4:dont femmes", 60.0), p.measures(4));
    assertEquals("Samusocial Casablanca", p.first(4).orgName());
    assertEquals("Avr. 2023", p.first(4).periodRaw());
    assertEquals("2023-04", p.first(4).period());
    assertNull(p.first(4).country());

    assertEquals(Map.of("people_reached|null|null", 150.0, "people_reached|female|null", 60.0),
        built.figures(BOM_CRLF.sourceFile(), 4));
    // no country column: the service's country, from the organisations mapping
    assertEquals(List.of("samusocial-casablanca|Casablanca|MA|month|2023-04|2023-04-01|2023-04-30"), placeAndPeriod(BOM_CRLF, 4));
  }

  private static final Fixture HXL_WINS = samusocial("hxl_over_french.csv", """
      Structure;Ville;Période;Consultations;Femmes
      #org;#adm2;#date+month;#reached+ind;#reached +ind +f
      Samusocial Sénégal;Dakar;avril 2023;510;230
      """, StandardCharsets.UTF_8);

  @Test
  void hxlHashtagRowWinsOverTheFrenchHeaders() throws Exception {
    // the French header says "Consultations" over a column tagged as people reached: the hashtag wins
    Parsed p = parsed(HXL_WINS);
    assertEquals("samusocial activity table, HXL hashtags", p.load().fileKind());
    assertEquals(Map.of("4:#reached+ind", 510.0, "5:#reached+f+ind", 230.0), p.measures(3));
    assertTrue(p.figures().stream().allMatch(f -> f.measureScheme().equals(SourceFigure.HXL)));
    assertEquals("#reached +ind +f", p.figures().get(1).measureLabel());
    assertEquals("Dakar", p.first(3).adm2());
    assertEquals("avril 2023", p.first(3).periodRaw());

    assertEquals(Map.of("people_reached|null|null", 510.0, "people_reached|female|null", 230.0),
        built.figures(HXL_WINS.sourceFile(), 3));
    assertEquals(List.of("Dakar"), built.rows("select distinct adm2 from intermediate.int_figures__mapped where source_file = ?",
        HXL_WINS.sourceFile()));
  }

  private static final Fixture LABEL_ROW = samusocial("label_row_above_hashtags.csv", """
      Structure;Pays;Période;Personnes rencontrées
      #org;#country;#date+month;#reached+ind
      Samusocial Sénégal;Sénégal;avril 2023;510
      ;Sénégal;avril 2023;12
      """, StandardCharsets.UTF_8);

  @Test
  void theLabelRowAboveHashtagsIsNotReadAsTheReportsService() throws Exception {
    // "Structure;Pays;..." above the hashtags is a row of labels, not "Structure: Pays": a row with
    // a blank service is rejected, not loaded for a service called "Pays"
    Parsed p = parsed(LABEL_ROW);
    assertEquals(1, p.load().rowsLoaded());
    assertEquals(1, p.rejected().size());
    assertEquals(4, p.rejected().get(0).sourceLine());
    assertTrue(p.rejected().get(0).reason().contains("column 1 (#org) is blank"), p.rejected().get(0).reason());
    assertEquals("", p.load().warnings());
    assertEquals(List.of("Samusocial Sénégal"), p.figures().stream().map(SourceFigure::orgName).distinct().toList());

    assertEquals(List.of("samusocial-sn|Dakar|SN|month|2023-04|2023-04-01|2023-04-30"), placeAndPeriod(LABEL_ROW, 3));
  }

  private static final Fixture TRAININGS_PARTS = samusocial("trainings_parts.csv", """
      Dispositif;Pays;Date de la formation;Intitulé de la formation;Participants;dont femmes;dont hommes
      Samusocial Burkina Faso;BF;15/03/2023;Premiers secours psychologiques;;11;7
      Samusocial Burkina Faso;BF;16/03/2023;Premiers secours psychologiques;20;11;7
      Samusocial Burkina Faso;BF;17/03/2023;Premiers secours psychologiques;;11;
      """, StandardCharsets.UTF_8);

  @Test
  void menAndWomenGiveADerivedTotalOnlyWhereTheTotalIsBlank() throws Exception {
    Parsed p = parsed(TRAININGS_PARTS);
    // the reader keeps what the file gives: no total where the cell is blank
    assertEquals(Map.of("6:dont femmes", 11.0, "7:dont hommes", 7.0), p.measures(2));
    assertEquals(Map.of("5:participants", 20.0, "6:dont femmes", 11.0, "7:dont hommes", 7.0), p.measures(3));
    assertEquals(Map.of("6:dont femmes", 11.0), p.measures(4));
    assertTrue(p.figures().stream().allMatch(f -> f.tableKind().equals(SourceFigure.TRAINING_LIST)));

    // the build derives women + men where the total is blank (marked *), never where it is given
    assertEquals(Map.of("professionals_trained|null|null*", 18.0, "professionals_trained|female|null", 11.0,
        "professionals_trained|male|null", 7.0), built.figures(TRAININGS_PARTS.sourceFile(), 2));
    assertEquals(Map.of("professionals_trained|null|null", 20.0, "professionals_trained|female|null", 11.0,
        "professionals_trained|male|null", 7.0), built.figures(TRAININGS_PARTS.sourceFile(), 3));
    assertEquals(Map.of("professionals_trained|female|null", 11.0), built.figures(TRAININGS_PARTS.sourceFile(), 4));
  }

  // another day than TRAININGS_PARTS' first row, so that neither training replaces the other
  private static final Fixture TRAININGS = samusocial("trainings.csv", """
      Dispositif;Pays;Date de la formation;Intitulé de la formation;Participants;dont femmes;dont hommes
      Samusocial Burkina Faso;BF;22/03/2023;Premiers secours psychologiques;18;11;7
      """, StandardCharsets.UTF_8);

  @Test
  void trainingsFileIsRecognisedByItsHeaders() throws Exception {
    Parsed p = parsed(TRAININGS);
    assertEquals("samusocial trainings, French headers", p.load().fileKind());
    assertEquals(Map.of("5:participants", 18.0, "6:dont femmes", 11.0, "7:dont hommes", 7.0), p.measures(2));
    assertEquals("day", p.first(2).periodType());
    assertEquals(LocalDate.of(2023, 3, 22), p.first(2).periodStart());
    assertEquals(SourceFigure.TRAINING_LIST, p.first(2).tableKind());

    // "dont femmes" of a trainings list is women trained, not women met
    assertEquals(Map.of("professionals_trained|null|null", 18.0, "professionals_trained|female|null", 11.0,
        "professionals_trained|male|null", 7.0), built.figures(TRAININGS.sourceFile(), 2));
    assertEquals(List.of("samusocial-bf|Ouagadougou|BF|day|2023-03-22|2023-03-22|2023-03-22"), placeAndPeriod(TRAININGS, 2));
  }

  private static final Fixture BAD_ROWS = samusocial("bad_rows.csv", """
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

  @Test
  void badRowsAreRejectedWithLineColumnAndReasonAndTheRestLoads() throws Exception {
    Parsed p = parsed(BAD_ROWS);
    assertEquals(8, p.load().rowsRead(), "the blank line is no row");
    // Narnia is read as written: a country no code list knows is the build's source test, not a read error;
    // a figure that is no number, or negative, is a rejected cell of a row whose other figures load
    assertEquals(5, p.load().rowsLoaded());
    assertEquals(3, p.load().rowsRejected());
    List<Rejection> r = p.rejected();
    assertEquals(List.of(3L, 4L, 8L), r.stream().map(Rejection::sourceLine).toList());
    assertTrue(r.get(0).reason().startsWith("column 3 (Mois): '2023-13'"), r.get(0).reason());
    assertTrue(r.get(1).reason().contains("column 3 (Mois) is blank"), r.get(1).reason());
    assertTrue(r.get(2).reason().contains("column 1 (Dispositif) is blank"), r.get(2).reason());
    List<Rejection> cells = p.rejectedCells();
    assertEquals(List.of("5:4", "6:5"), cells.stream().map(c -> c.sourceLine() + ":" + c.sourceColumn()).toList());
    assertTrue(cells.get(0).reason().contains("column 4 (Personnes rencontrées): 'beaucoup' is not a number"), cells.get(0).reason());
    assertTrue(cells.get(1).reason().contains("column 5 (dont femmes): negative figure -4"), cells.get(1).reason());
    assertEquals("Samusocial Sénégal;SN;2023-05;beaucoup;120", cells.get(0).raw());
    assertTrue(p.load().warnings().contains("1 rows loaded without any figure"), p.load().warnings());
    assertEquals(List.of(2L, 2L, 5L, 6L, 7L, 7L), p.figures().stream().map(SourceFigure::sourceLine).toList());
    assertEquals(Map.of("5:dont femmes", 120.0), p.measures(5));
    assertEquals(Map.of("4:personnes rencontrees", 300.0), p.measures(6));
    assertEquals("Narnia", p.first(7).country());

    // at build time the Narnia row is held by the source test, with the reason, and counts nowhere
    assertEquals(List.of("7|country is known|unknown country 'Narnia'; use an ISO 3166 code or add the spelling to"
            + " schemas/codes/country_aliases.csv"),
        built.rows("select source_line, source_test, reason from intermediate.int_quarantine where source_file = ?",
            BAD_ROWS.sourceFile()));
    assertEquals(List.of("false|held in quarantine: country is known", "false|held in quarantine: country is known"),
        built.rows("select counts, left_out_because from intermediate.int_figure_versions where source_file = ?"
            + " and source_line = 7", BAD_ROWS.sourceFile()));
    assertEquals(List.of(), built.rows("select * from core.fct_observations where source_file = ? and source_line = 7",
        BAD_ROWS.sourceFile()));
    assertEquals(Map.of("people_reached|null|null", 340.0, "people_reached|female|null", 120.0),
        built.figures(BAD_ROWS.sourceFile(), 2));
  }

  private static final Fixture TOTAL_ROWS = samusocial("total_rows.csv", """
      Dispositif;Pays;Mois;Personnes rencontrées
      Samusocial Sénégal;SN;2023-04;100
      Samusocial Sénégal;SN;2023-05;110
      TOTAL;;;210
      Samusocial Sénégal;SN;2023-06;120
       Total général ;;;330
      Total;;;330
      Samusocial Sénégal;SN;2023-07;130
      """, StandardCharsets.UTF_8);

  @Test
  void aTemplatesTotalRowsAreSkippedWhereverTheyFallAndTheRowsAfterThemLoad() throws Exception {
    Parsed p = parsed(TOTAL_ROWS);
    assertEquals(4, p.load().rowsRead(), "total rows are not data rows");
    assertEquals(4, p.load().rowsLoaded());
    assertEquals(List.of(2L, 3L, 5L, 8L), p.figures().stream().map(SourceFigure::sourceLine).toList());
    assertTrue(p.load().warnings().contains("3 total rows not read (rows headed 'Total': the network sums the rows itself)"),
        p.load().warnings());
  }

  private static final Fixture NO_HEADER = samusocial("no_header.csv", "foo;bar\n1;2\n3;4\n", StandardCharsets.UTF_8);

  @Test
  void aFileWithoutARecognisedHeaderRejectsEveryRowWithWhatWasExpected() {
    Parsed p = parsed(NO_HEADER);
    assertEquals(3, p.load().rowsRead());
    assertEquals(3, p.load().rowsRejected());
    assertTrue(p.rejected().get(0).reason().contains("no header row recognised"));
    assertEquals(List.of(1L, 2L, 3L), p.rejected().stream().map(Rejection::sourceLine).toList());
  }

  private static final Fixture UNBALANCED = samusocial("unbalanced_quote.csv",
      "Dispositif;Mois;Personnes rencontrées\nSamusocial Sénégal;2023-04;10\nSamusocial Sénégal;\"2023-05;20\n",
      StandardCharsets.UTF_8);

  @Test
  void anUnbalancedQuoteStopsTheFileWithAReasonAndKeepsWhatWasRead() {
    Parsed p = parsed(UNBALANCED);
    assertEquals(1, p.load().rowsLoaded());
    assertEquals(1, p.load().rowsRejected());
    assertTrue(p.rejected().get(0).reason().contains("the rest of the file was not read"), p.rejected().get(0).reason());
    assertEquals(Map.of("3:personnes rencontrees", 10.0), p.measures(2));
  }

  private static final Fixture UNKNOWN_SERVICE = samusocial("unknown_service.csv",
      "Dispositif;Mois;Personnes rencontrées\nSamusocial Kinshasa;2023-04;10\n", StandardCharsets.UTF_8);

  @Test
  void unknownServiceStillLoadsAndIsListed() throws Exception {
    Parsed p = parsed(UNKNOWN_SERVICE);
    assertEquals(1, p.load().rowsLoaded());
    assertEquals("Samusocial Kinshasa", p.first(2).orgName());

    // counted for a member named after it, and listed with the line to add to the organisations
    assertEquals(List.of("samusocial-kinshasa|Samusocial Kinshasa|null|people_reached|10.0"),
        built.rows("select member, org_unit, country_iso2, metric_code, value from core.fct_observations where source_file = ?",
            UNKNOWN_SERVICE.sourceFile()));
    assertEquals(List.of("samusocial|samusocial-kinshasa|Samusocial Kinshasa|1|schemas/mappings/organisations.csv"
            + "|Samusocial Kinshasa,<member_code>,<org_unit>,<country_iso2>,,,"),
        built.rows("select source_family, member, source_code, figures, mapping_file, suggested_line from marts.unmapped_figures"
            + " where code_kind = 'organisation'"));
  }

  private static final Fixture HXL_TABLE = hxl("3w.csv", """
      "3W, exemple",,,,,,
      Organisation,Pays,Date,Atteints,Femmes,Hommes,Ménages
      #org +impl,#country +code,#date +reported,#reached +ind,#reached +f +ind,#reached+ind+m,#reached +hh
      Samusocial Sénégal,SN,2024-03-31,"2,430",1 100,1 330,-
      Samusocial Sénégal,SN,2024-06-30,,520,480,
      Samusocial Sénégal,SN,2024-06-30,-,_,,12
      ,ML,,80 418,,,
      """);

  @Test
  void hxlTableUnderFreeTextRowsWithSpacedAttributesThousandsAndPlaceholders() throws Exception {
    Parsed p = parsed(HXL_TABLE);
    assertEquals(4, p.load().rowsRead());
    assertEquals(4, p.load().rowsLoaded());
    assertEquals(SourceFigure.ACTIVITY_TABLE, p.first(4).tableKind());
    // hashtags with their attributes sorted, whatever their spacing and order
    assertEquals(Map.of("4:#reached+ind", 2430.0, "5:#reached+f+ind", 1100.0, "6:#reached+ind+m", 1330.0), p.measures(4));
    assertEquals(Map.of("5:#reached+f+ind", 520.0, "6:#reached+ind+m", 480.0), p.measures(5));
    // placeholders are missing values; the households column is kept, in its own words
    assertEquals(Map.of("7:#reached+hh", 12.0), p.measures(6));
    assertEquals("SN", p.first(4).country());
    assertEquals("2024-03-31", p.first(4).periodRaw());
    SourceFigure undated = p.first(7);
    assertEquals(Map.of("4:#reached+ind", 80418.0), p.measures(7));
    assertNull(undated.periodStart());
    assertNull(undated.periodRaw());
    assertNull(undated.orgName());
    assertEquals("ML", undated.country());

    assertEquals(Map.of("people_reached|null|null", 2430.0, "people_reached|female|null", 1100.0,
        "people_reached|male|null", 1330.0), built.figures(HXL_TABLE.sourceFile(), 4));
    // no total given: women + men, derived
    assertEquals(Map.of("people_reached|null|null*", 1000.0, "people_reached|female|null", 520.0,
        "people_reached|male|null", 480.0), built.figures(HXL_TABLE.sourceFile(), 5));
    // households are not people: the hashtag's line maps it to no metric, on purpose
    assertEquals(Map.of(), built.figures(HXL_TABLE.sourceFile(), 6));
    assertEquals(List.of("ignored|schemas/mappings/hxl_tags.csv:12"), built.rows("select mapping_status, measure_mapping_line"
        + " from intermediate.int_figures__mapped where source_file = ? and source_line = 6", HXL_TABLE.sourceFile()));
    assertEquals(List.of("null|null|ML|null|people_reached|80418.0"), built.rows("select member, org_unit, country_iso2,"
        + " period_start, metric_code, value from core.fct_observations where source_file = ? and source_line = 7",
        HXL_TABLE.sourceFile()));
  }

  private static final Fixture HXL_FOLDER = hxl("french_headers.csv", "Dispositif;Mois;Personnes rencontrées\nA;2023-04;1\n");

  @Test
  void hxlFolderRequiresAHashtagRow() {
    Parsed p = parsed(HXL_FOLDER);
    assertEquals(2, p.load().rowsRejected());
    assertTrue(p.rejected().get(0).reason().contains("no HXL hashtag row"));
    assertEquals(List.of(), p.figures());
  }

  private static final Fixture ABOVE_TABLE = samusocial("service_above_table.csv", """
      Rapport mensuel d'activité
      Dispositif : Samusocial Sénégal
      Mois;avril 2023

      Maraudes;Personnes rencontrées;dont femmes
      22;340;120
      """, StandardCharsets.UTF_8);

  // The readers' grammar knows no figure header of a report (schemas/readers/table_headers.csv): a
  // header row of figures only ("Maraudes;Personnes rencontrées;dont femmes") is found by the
  // service and month written above it.
  @Test
  void serviceAndMonthWrittenAboveTheTableHoldForEveryRow() throws Exception {
    Parsed p = parsed(ABOVE_TABLE);
    assertEquals(List.of(1L, 1L, 0L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertEquals(Map.of("1:maraudes", 22.0, "2:personnes rencontrees", 340.0, "3:dont femmes", 120.0), p.measures(6));
    assertEquals("Samusocial Sénégal", p.first(6).orgName());
    assertEquals("avril 2023", p.first(6).periodRaw());

    assertEquals(Map.of("outreach_rounds|null|null", 22.0, "people_reached|null|null", 340.0, "people_reached|female|null", 120.0),
        built.figures(ABOVE_TABLE.sourceFile(), 6));
    assertEquals(List.of("samusocial-sn|Dakar|SN|month|2023-04|2023-04-01|2023-04-30"), placeAndPeriod(ABOVE_TABLE, 6));
  }

  private static final Fixture VERTICAL = samusocial("vertical.csv", """
      Rapport mensuel;
      Dispositif;Samusocial Pointe-Noire
      Mois;05/2023
      Indicateur;Valeur
      Maraudes;18
      Personnes rencontrées;250
      dont femmes;110
      Consultations médicales;beaucoup
      """, StandardCharsets.UTF_8);

  @Test
  void aVerticalReportOfLabelsAndFiguresIsReadRowByRow() throws Exception {
    Parsed p = parsed(VERTICAL);
    assertEquals("samusocial activity report, vertical layout", p.load().fileKind());
    assertEquals(List.of(6L, 5L, 1L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    // each figure is the second cell of its row, named by the first
    assertEquals(Map.of("2:maraudes", 18.0), p.measures(5));
    assertEquals(Map.of("2:personnes rencontrees", 250.0), p.measures(6));
    assertEquals(Map.of("2:dont femmes", 110.0), p.measures(7));
    assertEquals(8L, p.rejected().get(0).sourceLine());
    assertTrue(p.rejected().get(0).reason().contains("'beaucoup' is not a number"), p.rejected().get(0).reason());
    assertEquals("Samusocial Pointe-Noire", p.first(5).orgName());
    assertEquals("05/2023", p.first(5).periodRaw());

    assertEquals(Map.of("outreach_rounds|null|null", 18.0), built.figures(VERTICAL.sourceFile(), 5));
    assertEquals(Map.of("people_reached|null|null", 250.0), built.figures(VERTICAL.sourceFile(), 6));
    assertEquals(Map.of("people_reached|female|null", 110.0), built.figures(VERTICAL.sourceFile(), 7));
    assertEquals(List.of("samusocial-pn|Pointe-Noire|CG|month|2023-05|2023-05-01|2023-05-31"), placeAndPeriod(VERTICAL, 5));
  }

  private static final Fixture VERTICAL_NO_MONTH = samusocial("vertical_no_month.csv",
      "Dispositif;Samusocial Dakar\nMaraudes;18\nPersonnes rencontrées;250\n", StandardCharsets.UTF_8);

  // One dimension row (the service) and two figure rows make a vertical report too: its figures are
  // rejected for their missing month, not for a header that a vertical report has not.
  @Test
  void aVerticalReportWithoutItsMonthRejectsItsFiguresSayingSo() {
    Parsed p = parsed(VERTICAL_NO_MONTH);
    assertEquals(List.of(3L, 1L, 2L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertTrue(p.rejected().get(0).reason().contains("no month"), p.rejected().get(0).reason());
    assertEquals(List.of(), p.figures());
  }

  @Test
  void everyFigureOfTheBatchIsMappedOrLeftOutOnPurpose() throws Exception {
    // the crosswalk maps every figure read; only the households column is ignored and no figure is unmapped
    long read = PARSED.values().stream().mapToLong(p -> p.figures().size()).sum();
    assertEquals(List.of("ignored|1", "mapped|" + (read - 1)), built.rows("select mapping_status, count(*) from"
        + " intermediate.int_figures__mapped group by all order by all"));
  }
}
