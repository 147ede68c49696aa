package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.CollectedRows;
import org.palabre.warehouse.Crosswalk;
import org.palabre.warehouse.SourceFigures;

/**
 * The DHIS2 crosswalk at build time: the small test metadata and a value set holding one case per
 * line, read by the family's real parsers into the lake in DHIS2's own terms, then mapped with test
 * mapping files given as a {@code --schemas} overlay: data elements by uid or code, each option of
 * an option combo by uid, code in any case or name, the member from the nearest listed unit of the
 * org unit tree, the totals DHIS2 does not store derived from the cells, and what no line maps
 * landing all the same and listed in {@code marts.unmapped_figures}.
 */
class CrosswalkDhis2Test {

  @TempDir static Path dir;
  private static Crosswalk.Built built;

  /**
   * Metadata: Mali (ML) > Région de Kayes > District sanitaire de Kita > CSCom ASACO Kita Ouest
   * (DiszpKrYNg8); Orphan CSCom, whose parent is not exported.
   */
  static final String VALUES = """
      dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value
      f7n9E0hX8qk,2015Q2,DiszpKrYNg8,cocFem00001,,12
      f7n9E0hX8qk,2015Q2,DiszpKrYNg8,cocMal00001,,8
      f7n9E0hX8qk,2015Q2,DiszpKrYNg8,cocFixe0001,,5
      f7n9E0hX8qk,2015Q2,DiszpKrYNg8,cocTwoSex01,,3
      Ix2HsbDMLea,201503,DiszpKrYNg8,cocMal25591,,7.5
      Ix2HsbDMLea,201503,DiszpKrYNg8,cocFemLt101,,3
      eY5ehpbEsB7,2015,O6uvpzGd5pu,,,87.5
      eY5ehpbEsB7,2016,O6uvpzGd5pu,HllvX50cXC0,,90
      jH26dja2f30,201201,DiszpKrYNg8,,,yes
      unMapped001,2015,DiszpKrYNg8,,,4
      f7n9E0hX8qk,2015,Orphan00001,cocFem00001,,2
      """;

  /** The tree's root by its code, and one district, by its name in another case, for another member. */
  static final String MEMBERS = """
      org_unit,member_code,valid_from,valid_to,note
      ML,mali-sante,,,the root by its code
      DISTRICT SANITAIRE DE KITA,mdm-fr,,,a district by its name: its units report for another member
      """;

  @BeforeAll
  static void readAndBuild() throws Exception {
    InputFile metadata = Dhis2Reading.input(Fixtures.resource("metadata_small.json"), "metadata_small.json");
    Path valuesFile = dir.resolve("values.csv");
    Files.writeString(valuesFile, VALUES, StandardCharsets.UTF_8);
    InputFile values = Dhis2Reading.input(valuesFile, "values.csv");
    CollectedRows meta = Dhis2Reading.metadata(metadata, List.of(metadata), "run-1");
    CollectedRows read = Dhis2Reading.values(values, List.of(metadata), "run-1");
    assertEquals(List.of(), read.of(LakeTable.REJECTED_ROWS), "every value of the set is readable");
    assertEquals(11, read.of(LakeTable.FIGURES).size());
    built = new Crosswalk(dir.resolve("crosswalk"))
        .add(meta.all())
        .add(read.all())
        .schema("mappings/dhis2_data_elements.csv", Files.readString(Fixtures.resource("elements_small.csv")))
        .schema("mappings/dhis2_category_options.csv", Files.readString(Fixtures.resource("options_small.csv")))
        .schema("mappings/dhis2_members.csv", MEMBERS)
        .schema("codes/metrics.csv", Crosswalk.shippedWith("codes/metrics.csv",
            "completeness_rate,percent,reporting completeness,complétude des rapports",
            "meetings_held,meetings,meetings held,réunions tenues"))
        .build();
  }

  /** How the crosswalk mapped the figure of one line of the value set. */
  private static String mapped(long line) throws Exception {
    List<String> rows = built.rows("select metric_code, sex, age_group, mapping_status, breakdown_complete,"
        + " measure_mapping_line, array_to_string(breakdown_mapping_lines, ' '), array_to_string(unmapped_options, '; ')"
        + " from intermediate.int_figures__mapped"
        + " where source_file = 'dhis2/values.csv' and source_line = ?", line);
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  private static final String ELEMENTS = "schemas/mappings/dhis2_data_elements.csv:";
  private static final String OPTIONS = "schemas/mappings/dhis2_category_options.csv:";

  @Test
  void dataElementsMapByUidOrCodeAndOptionsByUidCodeInAnyCaseOrName() throws Exception {
    // f7n9E0hX8qk by its uid; option F by the line of code "f"; SEX_M by the line "sex_m"
    assertEquals("professionals_trained|female|null|mapped|true|" + ELEMENTS + "3|" + OPTIONS + "3|", mapped(2));
    assertEquals("professionals_trained|male|null|mapped|true|" + ELEMENTS + "3|" + OPTIONS + "5|", mapped(3));
    // Ix2HsbDMLea by its code CONS; opt2559001 by its uid, then SEX_M by code
    assertEquals("medical_consultations|male|25-59|mapped|true|" + ELEMENTS + "4|" + OPTIONS + "7 " + OPTIONS + "5|",
        mapped(6));
    // "< 1" by the name "<1" (spaces ignored): a band of its own
    assertEquals("medical_consultations|female|<1|mapped|true|" + ELEMENTS + "4|" + OPTIONS + "3 " + OPTIONS + "6|",
        mapped(7));
    // the default combo, absent or by its uid: no breakdown
    assertEquals("completeness_rate|null|null|mapped|true|" + ELEMENTS + "5||", mapped(8));
    assertEquals("completeness_rate|null|null|mapped|true|" + ELEMENTS + "5||", mapped(9));
    // a BOOLEAN element: yes is 1
    assertEquals("meetings_held|null|null|mapped|true|" + ELEMENTS + "6||", mapped(10));
    assertEquals(List.of("1.0"), built.rows("select value from intermediate.int_figures__mapped where source_line = 10"));
  }

  @Test
  void anOptionOutsideTheMappingLeavesTheCellCountingInItsElementsTotalsOnly() throws Exception {
    // Féminin, fixe: "Stratégie fixe" is mapped by no line; the cell is female, its breakdown not complete
    assertEquals("professionals_trained|female|null|mapped|false|" + ELEMENTS + "3|" + OPTIONS + "3"
        + "|Stratégie fixe (optFixe0001)", mapped(4));
    // two sexes in one combo: no sex, not complete
    assertEquals("professionals_trained|null|null|mapped|false|" + ELEMENTS + "3|" + OPTIONS + "3 " + OPTIONS + "5|",
        mapped(5));
    // cells reach the facts through their sums only: women 12 + 5 (fixe), men 8, all 12 + 8 + 5 + 3
    assertEquals(List.of(
            "female|null|17.0|true|2", "male|null|8.0|false|1", "null|null|28.0|true|4"),
        built.rows("select o.sex, o.age_group, o.value, o.derived, d.parts from core.fct_observations as o"
            + " left join intermediate.int_figures__derived as d on d.observation_id = o.observation_id"
            + " where o.metric_code = 'professionals_trained' and o.period = '2015Q2' order by all"));
    assertEquals(List.of("dhis2|mdm-fr|dhis2_option|Stratégie fixe (optFixe0001)|Féminin, fixe|1|2015Q2|2015Q2"
            + "|schemas/mappings/dhis2_category_options.csv|optFixe0001,,Stratégie fixe,<sex|age|other>,<common_code>,<true|false>,,,"),
        built.rows("select source_family, member, code_kind, source_code, source_label, figures, first_period, last_period,"
            + " mapping_file, suggested_line from marts.unmapped_figures where code_kind = 'dhis2_option'"));
  }

  @Test
  void totalsAreDerivedFromTheCellsByCellSexAgeAndOverall() throws Exception {
    // male x 25-59 7.5 and female x <1 3: each cell, each sex, each age group, and the total; <1 is not a common band
    assertEquals(List.of(
            "female|<1|false|3.0|false",
            "female|null|true|3.0|true",
            "male|25-59|true|7.5|false",
            "male|null|true|7.5|true",
            "null|25-59|true|7.5|true",
            "null|<1|false|3.0|true",
            "null|null|true|10.5|true"),
        built.rows("select sex, age_group, age_group_comparable, value, derived from core.fct_observations"
            + " where metric_code = 'medical_consultations' and period = '2015-03' order by all"));
    // a total is traced to its first cell
    assertEquals(List.of("dhis2/values.csv|6"), built.rows("select distinct source_file, source_line from core.fct_observations"
        + " where metric_code = 'medical_consultations' and sex is null and age_group is null"));
  }

  @Test
  void theMemberIsTheNearestListedUnitsOnTheAncestryAndTheCountryComesFromTheTree() throws Exception {
    assertEquals(List.of(
            "completeness_rate|2015|mali-sante|Région de Kayes|ML|Région de Kayes|null",
            "completeness_rate|2016|mali-sante|Région de Kayes|ML|Région de Kayes|null",
            "medical_consultations|2015-03|mdm-fr|CSCom ASACO Kita Ouest|ML|Région de Kayes|District sanitaire de Kita",
            "meetings_held|2012-01|mdm-fr|CSCom ASACO Kita Ouest|ML|Région de Kayes|District sanitaire de Kita",
            "professionals_trained|2015|null|Orphan CSCom|null|null|null",
            "professionals_trained|2015Q2|mdm-fr|CSCom ASACO Kita Ouest|ML|Région de Kayes|District sanitaire de Kita"),
        built.rows("select distinct metric_code, period, member, org_unit, country_iso2, adm1, adm2 from core.fct_observations"
            + " order by all"));
    assertEquals(List.of("schemas/mappings/dhis2_members.csv:3"), built.rows("select distinct place_mapping_line"
        + " from intermediate.int_figures__mapped where org_code = 'DiszpKrYNg8'"));
  }

  @Test
  void anUnmappedDataElementLandsAndIsListedWithTheLineToAdd() throws Exception {
    assertEquals("null|null|null|unmapped|true|null||", mapped(11));
    assertEquals(List.of(), built.rows("select * from core.fct_observations where source_line = 11"));
    assertEquals(List.of("dhis2|mdm-fr|dhis2_element|unMapped001|Non cartographié|1|2015|schemas/mappings/dhis2_data_elements.csv"
            + "|unMapped001,<metric_code>,,,Non cartographié"),
        built.rows("select source_family, member, code_kind, source_code, source_label, figures, first_period,"
            + " mapping_file, suggested_line from marts.unmapped_figures where code_kind = 'dhis2_element'"));
  }

  // A value given twice in a DHIS2 file is an update (the later wins), but two different data
  // elements mapped to one common metric at one unit and period are two values, not one given
  // twice: both count (intermediate.int_figure_versions tells repeats by the source's measure).
  @Test
  void twoDataElementsMappedToOneMetricAtOneUnitAndPeriodBothCount() throws Exception {
    Crosswalk.Built manyToOne = new Crosswalk(dir.resolve("many-to-one"))
        .schema("mappings/dhis2_data_elements.csv", Crosswalk.shippedWith("mappings/dhis2_data_elements.csv",
            "deUnder5001,medical_consultations,,,Consultations (moins de 5 ans)",
            "deOver50001,medical_consultations,,,Consultations (5 ans et plus)"))
        .add(List.of(
            SourceFigures.orgUnit("dhis2/metadata.json", 1, "ouUnit00001", "CSCom", 1, "/ouUnit00001", "CSCom", null, null, null),
            SourceFigures.dhis2("dhis2/consultations.csv", 2, "ouUnit00001", "CSCom", "Mali", "Kayes", null, "2016-03",
                "deUnder5001", null, 40),
            SourceFigures.dhis2("dhis2/consultations.csv", 3, "ouUnit00001", "CSCom", "Mali", "Kayes", null, "2016-03",
                "deOver50001", null, 60)))
        .build();
    assertEquals(List.of("2|true|null", "3|true|null"), manyToOne.rows("select source_line, counts, left_out_because"
        + " from intermediate.int_figure_versions order by 1"));
    assertEquals(List.of("100.0"), manyToOne.rows("select sum(value) from core.fct_observations"
        + " where metric_code = 'medical_consultations'"));
  }
}
