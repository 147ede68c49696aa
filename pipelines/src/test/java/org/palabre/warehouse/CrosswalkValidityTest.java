package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.palabre.warehouse.SourceFigures.dhis2;
import static org.palabre.warehouse.SourceFigures.object;
import static org.palabre.warehouse.SourceFigures.orgUnit;
import static org.palabre.warehouse.SourceFigures.table;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.model.SourceFigure;

/**
 * A mapping line applies to the figures whose period starts within its {@code valid_from} /
 * {@code valid_to} dates, in every mapping file of the crosswalk: a line whose {@code valid_to}
 * is before a period does not map that period's figures, nor one whose {@code valid_from} is after
 * it; two lines for one code with successive dates map each period by its own line; a figure
 * without a period takes only the lines without dates. What no line maps for its period lands and
 * is listed in {@code marts.unmapped_figures}. One build, the shipped mappings with dated lines
 * added (the {@code --schemas} overlay).
 */
class CrosswalkValidityTest {

  @TempDir static Path dir;
  private static Crosswalk.Built built;

  private static final String REPORT = "samusocial/rapports.csv";
  private static final String TABLE = "hxl/3w.csv";
  private static final String VALUES = "dhis2/values.csv";
  private static final String METADATA = "dhis2/metadata.json";

  /** Adds lines at the end of a shipped mapping file; returns the mapping line of the first one ({@code file:line}). */
  private static String withLines(Crosswalk crosswalk, String schemaPath, String... lines) {
    crosswalk.schema(schemaPath, Crosswalk.shippedWith(schemaPath, lines));
    return "schemas/" + schemaPath + ":" + Crosswalk.firstAddedLine(schemaPath);
  }

  private static String columnsFrom;
  private static String tagsFrom;
  private static String attributesFrom;
  private static String organisationsFrom;
  private static String elementsFrom;
  private static String optionsFrom;
  private static String membersFrom;

  @BeforeAll
  static void build() throws Exception {
    Crosswalk crosswalk = new Crosswalk(dir);
    columnsFrom = withLines(crosswalk, "mappings/samusocial_columns.csv",
        "report,personnes suivies,people_reached,,,,2022-12-31,people followed counted people met until 2022",
        "report,personnes suivies,psychosocial_interviews,,,2023-01-01,,and psychosocial follow-ups from 2023",
        "report,consultations et orientations,medical_consultations,,,2024-01-01,,a column of the 2024 report model");
    tagsFrom = withLines(crosswalk, "mappings/hxl_tags.csv", "#served,,people_reached,,2019-12-31,until 2019");
    attributesFrom = withLines(crosswalk, "mappings/hxl_attributes.csv", "girls,sex,female,2021-01-01,,from 2021");
    organisationsFrom = withLines(crosswalk, "mappings/organisations.csv", "SSK,samusocial-sn,Dakar,SN,,2020-12-31,until 2020");
    elementsFrom = withLines(crosswalk, "mappings/dhis2_data_elements.csv",
        "deValid0001,professionals_trained,,2015-12-31,until 2015",
        "deAlways001,professionals_trained,,,");
    optionsFrom = withLines(crosswalk, "mappings/dhis2_category_options.csv", "optFilles01,,,sex,female,,2016-01-01,,from 2016");
    membersFrom = withLines(crosswalk, "mappings/dhis2_members.csv",
        "ouRoot00001,mali-sante,,2015-12-31,until 2015",
        "ouRoot00001,mdm-fr,2016-01-01,,handed over in 2016");

    String sn = "Samusocial Sénégal";
    crosswalk.add(List.of(
        table(REPORT, 2, 3, SourceFigure.ACTIVITY_REPORT, sn, "SN", "2022-12", SourceFigure.COLUMN, "personnes suivies", 10),
        table(REPORT, 3, 3, SourceFigure.ACTIVITY_REPORT, sn, "SN", "2023-01", SourceFigure.COLUMN, "personnes suivies", 11),
        table(REPORT, 4, 4, SourceFigure.ACTIVITY_REPORT, sn, "SN", "2023-12", SourceFigure.COLUMN, "consultations et orientations", 12),
        table(REPORT, 5, 4, SourceFigure.ACTIVITY_REPORT, sn, "SN", "2024-01", SourceFigure.COLUMN, "consultations et orientations", 13),
        table(TABLE, 2, 3, SourceFigure.ACTIVITY_TABLE, sn, "SN", "2019", SourceFigure.HXL, "#served", 20),
        table(TABLE, 3, 3, SourceFigure.ACTIVITY_TABLE, sn, "SN", "2020", SourceFigure.HXL, "#served", 21),
        table(TABLE, 4, 3, SourceFigure.ACTIVITY_TABLE, sn, "SN", null, SourceFigure.HXL, "#served", 22),
        table(TABLE, 5, 4, SourceFigure.ACTIVITY_TABLE, sn, "SN", "2020", SourceFigure.HXL, "#reached+girls", 23),
        table(TABLE, 6, 4, SourceFigure.ACTIVITY_TABLE, sn, "SN", "2021", SourceFigure.HXL, "#reached+girls", 24),
        table(TABLE, 7, 5, SourceFigure.ACTIVITY_TABLE, "SSK", null, "2020", SourceFigure.HXL, "#reached", 25),
        table(TABLE, 8, 5, SourceFigure.ACTIVITY_TABLE, "SSK", null, "2021", SourceFigure.HXL, "#reached", 26),
        dhis2(VALUES, 2, "ouFac000001", "CSCom", "Mali", "CSCom", null, "2015", "deValid0001", "cocFilles01", 30),
        dhis2(VALUES, 3, "ouFac000001", "CSCom", "Mali", "CSCom", null, "2016", "deValid0001", "cocFilles01", 31),
        dhis2(VALUES, 4, "ouFac000002", "CSPS", "Mali", "CSPS", null, "2015", "deAlways001", "cocFilles01", 32),
        dhis2(VALUES, 5, "ouFac000002", "CSPS", "Mali", "CSPS", null, "2016", "deAlways001", "cocFilles01", 33),
        orgUnit(METADATA, 1, "ouRoot00001", "Mali", 1, "/ouRoot00001", "Mali", null, null, null),
        orgUnit(METADATA, 2, "ouFac000001", "CSCom", 2, "/ouRoot00001/ouFac000001", "Mali", "CSCom", null, null),
        orgUnit(METADATA, 7, "ouFac000002", "CSPS", 2, "/ouRoot00001/ouFac000002", "Mali", "CSPS", null, null),
        object(METADATA, 3, "dataElement", "deValid0001", null, "Professionnels formés (modèle 2010)", null),
        object(METADATA, 4, "dataElement", "deAlways001", null, "Professionnels formés", null),
        object(METADATA, 5, "categoryOption", "optFilles01", null, "Filles", null),
        object(METADATA, 6, "categoryOptionCombo", "cocFilles01", null, "Filles", "optFilles01")));
    built = crosswalk.build();
  }

  /** status|metric|sex|the mapping line of the measure|of the place, for the figure at the line. */
  private static String mapped(String file, long line) throws Exception {
    List<String> rows = built.rows("select mapping_status, metric_code, sex, measure_mapping_line, place_mapping_line, member"
        + " from intermediate.int_figures__mapped where source_file = ? and source_line = ?", file, line);
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  private static String next(String line, int by) {
    int colon = line.lastIndexOf(':');
    return line.substring(0, colon + 1) + (Integer.parseInt(line.substring(colon + 1)) + by);
  }

  @Test
  void aColumnLineAppliesOnlyWithinItsDatesAndTheNextLineTakesOver() throws Exception {
    String until2022 = columnsFrom;
    String from2023 = next(columnsFrom, 1);
    String from2024 = next(columnsFrom, 2);
    assertEquals("mapped|people_reached|null|" + until2022, prefix(mapped(REPORT, 2), 4));
    assertEquals("mapped|psychosocial_interviews|null|" + from2023, prefix(mapped(REPORT, 3), 4));
    // valid_from after the period: not mapped yet; within: mapped
    assertEquals("unmapped|null|null|null", prefix(mapped(REPORT, 4), 4));
    assertEquals("mapped|medical_consultations|null|" + from2024, prefix(mapped(REPORT, 5), 4));
    assertEquals(List.of("column|consultations et orientations|1|2023-12|2023-12"), built.rows("select code_kind, source_code, figures,"
        + " first_period, last_period from marts.unmapped_figures where source_family = 'samusocial'"));
  }

  @Test
  void aHashtagLineWithValidToBeforeThePeriodDoesNotApplyNorToFiguresWithoutAPeriod() throws Exception {
    assertEquals("mapped|people_reached|null|" + tagsFrom, prefix(mapped(TABLE, 2), 4));
    assertEquals("unmapped|null|null|null", prefix(mapped(TABLE, 3), 4));
    assertEquals("unmapped|null|null|null", prefix(mapped(TABLE, 4), 4));
    assertEquals(List.of("hxl_tag|#served|2|2020|2020|#served,,<metric_code>,,,#served"), built.rows("select code_kind,"
        + " source_code, figures, first_period, last_period, suggested_line from marts.unmapped_figures where source_code = '#served'"));
  }

  @Test
  void anAttributeLineWithValidFromAfterThePeriodDoesNotApply() throws Exception {
    assertEquals("unmapped|null|null", prefix(mapped(TABLE, 5), 3));
    assertEquals("mapped|people_reached|female", prefix(mapped(TABLE, 6), 3));
    assertEquals(List.of(attributesFrom), built.rows("select array_to_string(breakdown_mapping_lines, ' ')"
        + " from intermediate.int_figures__mapped where source_file = ? and source_line = 6", TABLE));
    assertEquals(List.of("hxl_attribute|girls|1|2020|girls,<sex|age_group|sector|population_group|ignore>,<code>,,,"),
        built.rows("select code_kind, source_code, figures, first_period, suggested_line from marts.unmapped_figures"
            + " where code_kind = 'hxl_attribute'"));
  }

  @Test
  void anOrganisationLineAppliesWithinItsDatesOnly() throws Exception {
    assertEquals(List.of("7|samusocial-sn|Dakar|SN|" + organisationsFrom, "8|ssk|SSK|null|null"),
        built.rows("select source_line, member, org_unit, country_iso2, place_mapping_line from intermediate.int_figures__mapped"
            + " where org_name = 'SSK' order by 1"));
    assertEquals(List.of("organisation|ssk|SSK|1|2021"), built.rows("select code_kind, member, source_code, figures, first_period"
        + " from marts.unmapped_figures where code_kind = 'organisation'"));
  }

  @Test
  void dhis2ElementOptionAndMemberLinesApplyWithinTheirDates() throws Exception {
    // the element's line ends in 2015; the option's starts in 2016; the root changes member in 2016
    // (deAlways001 at another unit, so that the two elements' cells are never the same figure)
    assertEquals(List.of(
            "2|2015|mapped|professionals_trained|null|false|" + elementsFrom + "|mali-sante|" + membersFrom,
            "3|2016|unmapped|null|female|true|null|mdm-fr|" + next(membersFrom, 1),
            "4|2015|mapped|professionals_trained|null|false|" + next(elementsFrom, 1) + "|mali-sante|" + membersFrom,
            "5|2016|mapped|professionals_trained|female|true|" + next(elementsFrom, 1) + "|mdm-fr|" + next(membersFrom, 1)),
        built.rows("select source_line, period, mapping_status, metric_code, sex, breakdown_complete, measure_mapping_line,"
            + " member, place_mapping_line from intermediate.int_figures__mapped where source_family = 'dhis2' order by 1"));
    assertEquals(List.of(optionsFrom), built.rows("select array_to_string(breakdown_mapping_lines, ' ')"
        + " from intermediate.int_figures__mapped where source_family = 'dhis2' and source_line = 5"));
    // 2015: the cells whose option is not valid yet count in the element's total only
    assertEquals(List.of("2015|CSCom|mali-sante|null|30.0|true", "2015|CSPS|mali-sante|null|32.0|true",
            "2016|CSPS|mdm-fr|female|33.0|false", "2016|CSPS|mdm-fr|null|33.0|true"),
        built.rows("select period, org_unit, member, sex, value, derived from core.fct_observations where source_family = 'dhis2'"
            + " order by all"));
    assertEquals(List.of("dhis2_element|deValid0001|1|2016", "dhis2_option|Filles (optFilles01)|2|2015"),
        built.rows("select code_kind, source_code, figures, first_period from marts.unmapped_figures where source_family = 'dhis2'"
            + " order by 1"));
  }

  private static String prefix(String row, int cells) {
    String[] c = row.split("\\|", -1);
    return String.join("|", java.util.Arrays.copyOf(c, cells));
  }
}
