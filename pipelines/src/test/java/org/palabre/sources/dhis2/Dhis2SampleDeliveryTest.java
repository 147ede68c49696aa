package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.lake.LakeTable;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Rejection;
import org.palabre.model.SourceFigure;
import org.palabre.sources.CollectedRows;
import org.palabre.warehouse.Crosswalk;

/**
 * The Mali sample delivery in {@code data-samples/dhis2/} read by the family's real parsers (parse,
 * check against the metadata) and mapped by the real crosswalk with the shipped mapping files, in
 * one build: the figures that must come out, and the bad values planted on purpose that must end
 * in the rejects with their reason. The completeness rate, which no line maps, lands and is listed
 * in {@code marts.unmapped_figures}.
 */
class Dhis2SampleDeliveryTest {

  private static final String MALI = "IFVNBRzHgmk";
  private static final String KAYES_REGION = "XxJE162L13X";
  private static final String COC_FEMALE = "KwLIRra7ojI";
  private static final String COC_MALE = "JgliwVDHbBW";
  private static final String PADS = "dhis2/dataValueSet_pads_2010_2017.json";
  private static final String SESSIONS = "dhis2/dataValueSet_sessions_kayes_2017.json";
  private static final String CONSULTATIONS = "dhis2/dataValueSet_consultations_2016.csv";

  @TempDir static Path tmp;
  private static Path dir;
  private static CollectedRows pads;
  private static CollectedRows sessions;
  private static CollectedRows consultations;
  private static Crosswalk.Built built;

  @BeforeAll
  static void readAndBuild() throws Exception {
    dir = Fixtures.repoRoot().resolve("data-samples/dhis2");
    InputFile metadata = input("metadata_mali_pads.json");
    List<InputFile> context = List.of(metadata);
    CollectedRows meta = Dhis2Reading.metadata(metadata, context, "run-1");
    pads = Dhis2Reading.values(input("dataValueSet_pads_2010_2017.json"), context, "run-1");
    sessions = Dhis2Reading.values(input("dataValueSet_sessions_kayes_2017.json"), context, "run-1");
    consultations = Dhis2Reading.values(input("dataValueSet_consultations_2016.csv"), context, "run-1");
    built = new Crosswalk(tmp).add(meta.all()).add(pads.all()).add(sessions.all()).add(consultations.all()).build();
  }

  private static InputFile input(String name) throws IOException {
    return Dhis2Reading.input(dir.resolve(name), name);
  }

  private static void balanced(CollectedRows rows, long read, long loaded) {
    FileLoad load = rows.load();
    assertEquals(List.of(read, loaded, read - loaded), List.of(load.rowsRead(), load.rowsLoaded(), load.rowsRejected()),
        "rows in = loaded + rejected");
    assertEquals(loaded, rows.of(LakeTable.FIGURES).size());
    assertEquals(read - loaded, rows.of(LakeTable.REJECTED_ROWS).size());
  }

  private static double sum(String metric, String where) throws Exception {
    return Double.parseDouble(built.rows("select coalesce(sum(value), 0) from core.fct_observations where metric_code = ?"
        + " and " + where, metric).get(0));
  }

  @Test
  void metadataHasTheMaliTree() throws IOException {
    Dhis2Metadata md = Dhis2Metadata.read(dir.resolve("metadata_mali_pads.json"));
    assertEquals(34, md.orgUnits().size(), "1 country, 3 regions, 9 districts, 21 facilities");
    Map<Integer, Long> perLevel = md.orgUnits().stream()
        .collect(Collectors.groupingBy(u -> u.level(), Collectors.counting()));
    assertEquals(Map.of(1, 1L, 2, 3L, 3, 9L, 4, 21L), perLevel);
    assertEquals(List.of("Mali", "Région de Kayes", "District sanitaire de Kita",
        "CSCom ASACO Makandiambougou"), md.orgUnitTree().ancestry("EpJVGvUDIP4").stream()
        .map(u -> u.name()).toList());
    assertTrue(md.orgUnits().stream().allMatch(u -> u.id().matches("[A-Za-z][A-Za-z0-9]{10}")));
  }

  @Test
  void yearlyAndQuarterlyProjectFigures() throws Exception {
    CollectingSink<Dhis2DataValue> parsed = new CollectingSink<>();
    Dhis2DataValueSetJsonParser.parse(dir.resolve("dataValueSet_pads_2010_2017.json"), parsed);
    // 251 values, and 16 of cfu_leadership_trained (qT5nCfULd2w: Kayes and Ségou, yearly 2014-2017, by sex)
    assertEquals(267, parsed.total());
    assertEquals(267, parsed.accepted.size(), "the parser does not judge values");
    // the completeness rate, not mapped to a common metric, and the value of an org unit the
    // metadata do not know are not rejected for it
    balanced(pads, 267, 264);

    List<SourceFigure> figures = pads.of(LakeTable.FIGURES);
    assertEquals(144, figures.stream().filter(f -> "quarter".equals(f.periodType())).count());
    assertTrue(figures.stream().filter(f -> f.orgCode().equals(KAYES_REGION))
        .allMatch(f -> f.country().equals("Mali") && f.adm1().equals("Région de Kayes") && f.adm2() == null));
    assertEquals(List.of(MALI + "/" + KAYES_REGION), built.rows("select ltrim(path, '/') from intermediate.int_dhis2__org_units"
        + " where org_unit_uid = ?", KAYES_REGION));
    // governance members: by district, no breakdown
    assertTrue(figures.stream().filter(f -> f.measure().equals("IHToBv4dyt0") || f.measure().equals("IvPNUGvOrtT"))
        .allMatch(f -> f.breakdown() == null && f.adm2() != null && f.orgName().equals(f.adm2())));

    List<String> reasons = pads.of(LakeTable.REJECTED_ROWS).stream().map(Rejection::reason).toList();
    assertEquals(3, reasons.size());
    assertTrue(reasons.get(0).contains("non-numeric value 'douze'"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("deleted value"), reasons.get(1));
    assertEquals("missing value", reasons.get(2));
    // the unknown org unit's value is held at build, with the reason, and counts nowhere
    assertEquals(List.of("DHIS2 codes are in the metadata|unknown org unit 'Zq7NoSuchOu' (not in the DHIS2 metadata); deliver"
            + " the metadata that names it (a dhis2/ metadata JSON) and run again"),
        built.rows("select source_test, reason from intermediate.int_quarantine where source_file = ?", PADS));

    // the crosswalk: cells add up to their element's totals
    assertEquals(2057.0, sum("professionals_trained", "source_file = '" + PADS + "' and sex is null and age_group is null"));
    assertEquals(2057.0, Double.parseDouble(built.rows("select sum(value) from intermediate.int_figure_versions"
        + " where metric_code = 'professionals_trained' and counts").get(0)), "the cells that count");
    assertEquals(448.0, sum("training_sessions_local", "source_file = '" + PADS + "'"));
    assertEquals(List.of("female|55.0", "male|44.0"), built.rows("select sex, value from core.fct_observations"
        + " where metric_code = 'professionals_trained' and org_unit = 'Région de Kayes' and period = '2015' and sex is not null"
        + " order by sex"));
    assertEquals(List.of("governance_members|null|null|mali-sante", "governance_members_women|null|null|mali-sante"),
        built.rows("select distinct metric_code, sex, age_group, member from core.fct_observations"
            + " where metric_code like 'governance%' order by all"));
    // the completeness rate lands, and is listed with the line to add
    assertEquals(List.of("dhis2|mali-sante|dhis2_element|mKPZ45jJDw5|Taux de complétude des rapports SLIS|"
            + "schemas/mappings/dhis2_data_elements.csv|mKPZ45jJDw5,<metric_code>,,,Taux de complétude des rapports SLIS"),
        built.rows("select source_family, member, code_kind, source_code, source_label, mapping_file, suggested_line"
            + " from marts.unmapped_figures"));
  }

  @Test
  void monthlySessionsWithTheHeaderAfterTheValues() throws Exception {
    CollectingSink<Dhis2DataValue> parsed = new CollectingSink<>();
    Dhis2DataValueSetJsonParser.parse(dir.resolve("dataValueSet_sessions_kayes_2017.json"), parsed);
    assertTrue(parsed.accepted.stream().allMatch(v -> "2018-01-05".equals(v.completeDate())));
    balanced(sessions, 36, 36);
    List<SourceFigure> figures = sessions.of(LakeTable.FIGURES);
    assertTrue(figures.stream().allMatch(f -> f.adm2() != null && !f.orgName().equals(f.adm2())
        && "month".equals(f.periodType()) && f.periodStart().getYear() == 2017), "facilities, by month of 2017");
    assertEquals(12, figures.stream().map(f -> YearMonth.from(f.periodStart())).distinct().count());
    assertFalse(figures.stream().anyMatch(f -> YearMonth.from(f.periodStart()).equals(YearMonth.of(2016, 12))));

    assertEquals(54.0, sum("training_sessions_local", "source_file = '" + SESSIONS + "'"));
  }

  @Test
  void monthlyConsultationsBySexAndAgeFromCsv() throws Exception {
    balanced(consultations, 125, 122);
    assertEquals(List.of(122L, 124L, 125L),
        consultations.of(LakeTable.REJECTED_ROWS).stream().map(Rejection::sourceLine).toList());
    List<String> reasons = consultations.of(LakeTable.REJECTED_ROWS).stream().map(Rejection::reason).toList();
    assertTrue(reasons.get(0).contains("non-numeric value 'n/a'"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("deleted value"), reasons.get(1));
    assertTrue(reasons.get(2).startsWith("unparseable period: '2016M06'"), reasons.get(2));
    // the unknown org unit and option combo land, and the build holds them with the reason
    assertEquals(List.of(
            "123|unknown org unit 'Xk9NoSuchOu' (not in the DHIS2 metadata); deliver the metadata that names it (a dhis2/"
                + " metadata JSON) and run again",
            "126|unknown category option combo 'Qp3NoSuchCoc' (not in the DHIS2 metadata); deliver the metadata that names it"
                + " (a dhis2/ metadata JSON) and run again"),
        built.rows("select source_line, reason from intermediate.int_quarantine where source_file = ? order by 1", CONSULTATIONS));

    assertEquals(6834.0, sum("medical_consultations", "sex is null and age_group is null"));
    // each cell of one sex and age band, its band comparable or not
    assertEquals(List.of("1-4|false|24", "15-49|false|24", "5-14|true|24", "50+|false|24", "<1|false|24"),
        built.rows("select a.age_group, a.comparable, count(o.observation_id) from ref.age_groups as a"
            + " left join core.fct_observations as o on o.age_group = a.age_group and o.sex is not null"
            + " and o.metric_code = 'medical_consultations'"
            + " where a.age_group in ('<1', '1-4', '5-14', '15-49', '50+') group by all order by 1"));
    assertEquals(List.of("60"), built.rows("select count(*) from core.fct_observations where metric_code = 'medical_consultations'"
        + " and sex = 'female' and age_group is not null"));
    assertEquals(List.of("true"), built.rows("select bool_and(not derived) from core.fct_observations"
        + " where metric_code = 'medical_consultations' and sex is not null and age_group is not null"), "cells are no total");
  }

  @Test
  void sexCombosOfTheSampleMapToFemaleAndMale() throws Exception {
    assertEquals(List.of(COC_FEMALE + "|female", COC_MALE + "|male"), built.rows("select distinct breakdown, sex"
        + " from intermediate.int_figures__mapped where breakdown in (?, ?) order by sex", COC_FEMALE, COC_MALE));
  }
}
