package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.CollectedRows;
import org.palabre.warehouse.Crosswalk;
import org.palabre.warehouse.SourceFigures;
import org.palabre.warehouse.WarehouseBuild;

/**
 * The shipped DHIS2 mapping files ({@code schemas/mappings/dhis2_*.csv}) through the SQL crosswalk:
 * every line is valid (the build's tests of {@code intermediate.int_crosswalk__lines} pass on them)
 * and does what it says. One build holds the Mali sample metadata and a second metadata file, as
 * another DHIS2 instance would export it, with an option for every line of
 * {@code dhis2_category_options.csv} matched the line's way (by uid; by code in another case; by
 * name in another case, without its accents, with underscores and doubled spaces), data elements
 * known by their codes only, and one value per option combo.
 */
class Dhis2MappingFilesTest {

  private static final String OPTIONS_FILE = "mappings/dhis2_category_options.csv";
  private static final String ELEMENTS_FILE = "mappings/dhis2_data_elements.csv";

  @TempDir static Path dir;
  private static Crosswalk.Built built;
  /** Option combo uid -> what the shipped line it was made for maps it to: "sex|age_group|line". */
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  /** A data row of a shipped mapping file, with its line in the file (what the crosswalk names). */
  record Line(int number, CSVRecord cells) {
    String get(String column) {
      return cells.get(column).strip();
    }
  }

  /** The data rows of a shipped mapping file, comments and blank lines left out, each with its line number. */
  static List<Line> lines(String schemaPath) throws IOException {
    String[] physical = Crosswalk.shipped(schemaPath).split("\n", -1);
    String header = null;
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < physical.length; i++) {
      String text = physical[i].strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (header == null) {
        header = text;
        continue;
      }
      CSVRecord record = CSVFormat.DEFAULT.builder().setHeader(header.split(",")).get()
          .parse(new StringReader(text)).getRecords().get(0);
      lines.add(new Line(i + 1, record));
    }
    return lines;
  }

  /** A name as another instance may write it: upper case, no accents, an underscore, a doubled space. */
  static String respelled(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT);
    return s.replaceFirst(" ", "_").replace(" ", "  ");
  }

  private static String uid(String prefix, int n) {
    return prefix + String.format("%0" + (11 - prefix.length()) + "d", n);
  }

  @BeforeAll
  static void readAndBuild() throws Exception {
    StringBuilder options = new StringBuilder();
    StringBuilder combos = new StringBuilder();
    StringBuilder values = new StringBuilder("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n");
    int n = 0;
    for (Line line : lines(OPTIONS_FILE)) {
      String expected = ("sex".equals(line.get("dimension")) ? line.get("common_code") : "null") + "|"
          + ("age".equals(line.get("dimension")) ? line.get("common_code") : "null") + "|" + line.number();
      List<String> optionUids = new ArrayList<>();
      if (!line.get("option_uid").isEmpty()) {
        optionUids.add(line.get("option_uid")); // an option of the sample's metadata
      }
      if (!line.get("option_code").isEmpty()) {
        String uid = uid("optCode", line.number());
        options.append(String.format("{\"id\": \"%s\", \"code\": \"%s\", \"name\": \"code only %d\"},%n", uid,
            line.get("option_code").toLowerCase(Locale.ROOT), line.number()));
        optionUids.add(uid);
      }
      if (!line.get("option_name").isEmpty()) {
        String uid = uid("optName", line.number());
        options.append(String.format("{\"id\": \"%s\", \"name\": \"%s\"},%n", uid, respelled(line.get("option_name"))));
        optionUids.add(uid);
      }
      for (String option : optionUids) {
        String coc = uid("coc", ++n);
        combos.append(String.format("{\"id\": \"%s\", \"name\": \"combo %d\", \"categoryOptions\": [{\"id\": \"%s\"}]},%n",
            coc, n, option));
        values.append("elCons00001,2016,IFVNBRzHgmk,").append(coc).append(",,1\n");
        EXPECTED.put(coc, expected);
      }
    }
    // spellings of the first round's tests, and one option no line maps
    Map<String, String> spellings = new LinkedHashMap<>();
    spellings.put("  MASCULIN ", "male|null");
    spellings.put("feminin", "female|null");
    spellings.put("15-49 ans", "null|15-49");
    spellings.put("< 1", "null|<1");
    spellings.put("5-9 years", "null|5-9");
    spellings.put("10-14 ans", "null|10-14");
    spellings.put("5-14 ans", "null|5-14");
    spellings.put("60 ans et plus", "null|60+");
    spellings.put("Stratégie avancée", "null|null");
    for (var spelling : spellings.entrySet()) {
      String option = uid("optSpel", ++n);
      String coc = uid("coc", n);
      options.append(String.format("{\"id\": \"%s\", \"name\": \"%s\"},%n", option, spelling.getKey()));
      combos.append(String.format("{\"id\": \"%s\", \"name\": \"combo %d\", \"categoryOptions\": [{\"id\": \"%s\"}]},%n",
          coc, n, option));
      values.append("elCons00001,2016,IFVNBRzHgmk,").append(coc).append(",,1\n");
      EXPECTED.put(coc, spelling.getValue());
    }
    // data elements of another instance, known by the codes of the shipped lines only
    StringBuilder elements = new StringBuilder();
    int e = 0;
    for (Line line : lines(ELEMENTS_FILE)) {
      if (line.get("data_element").startsWith("MLI_")) {
        String uid = uid("elCode", ++e);
        elements.append(String.format("{\"id\": \"%s\", \"code\": \"%s\", \"name\": \"by code\", \"valueType\": \"NUMBER\"},%n",
            uid, line.get("data_element")));
        values.append(uid).append(",2017,IFVNBRzHgmk,,,").append(line.number()).append('\n');
      }
    }
    String other = "{\"dataElements\": [" + elements
        + "{\"id\": \"elCons00001\", \"code\": \"MLI_CONSULTATIONS_CURATIVES\", \"name\": \"Consultations\", \"valueType\": \"NUMBER\"}"
        + "],\n \"categoryOptions\": [" + options.substring(0, options.length() - 2) + "],\n \"categoryOptionCombos\": ["
        + combos.substring(0, combos.length() - 2) + "]}\n";
    // the sample's own data elements, by their uids
    for (String element : List.of("zLQFmRw2IH5", "ebxUDyVAcpS", "IHToBv4dyt0", "IvPNUGvOrtT", "W9BlIBGvFde", "mKPZ45jJDw5")) {
      values.append(element).append(",2018,IFVNBRzHgmk,,,1\n");
    }

    Path otherFile = dir.resolve("metadata_other_instance.json");
    Files.writeString(otherFile, other, StandardCharsets.UTF_8);
    Path valuesFile = dir.resolve("values.csv");
    Files.writeString(valuesFile, values, StandardCharsets.UTF_8);
    InputFile mali = Dhis2Reading.input(Fixtures.repoRoot().resolve("data-samples/dhis2/metadata_mali_pads.json"),
        "metadata_mali_pads.json");
    InputFile otherInstance = Dhis2Reading.input(otherFile, "metadata_other_instance.json");
    List<InputFile> metadata = List.of(mali, otherInstance);
    CollectedRows read = Dhis2Reading.values(Dhis2Reading.input(valuesFile, "values.csv"), metadata, "run-1");
    assertEquals(List.of(), read.of(LakeTable.REJECTED_ROWS));
    built = new Crosswalk(dir.resolve("crosswalk"))
        .add(Dhis2Reading.metadata(mali, metadata, "run-1").all())
        .add(Dhis2Reading.metadata(otherInstance, metadata, "run-1").all())
        .add(read.all())
        .build();
  }

  @Test
  void everyCategoryOptionLineMapsItsOptionByUidByCodeInAnyCaseAndByNameWhateverItsAccentsCaseSpacesAndUnderscores()
      throws Exception {
    Map<String, String> got = new LinkedHashMap<>();
    for (String row : built.rows("select breakdown, sex, age_group, mapping_status, breakdown_complete,"
        + " array_to_string(breakdown_mapping_lines, ' ') from intermediate.int_figures__mapped where breakdown is not null")) {
      String[] c = row.split("\\|", -1);
      assertEquals("mapped", c[3], row);
      String line = c[5].isEmpty() ? "" : c[5].substring(c[5].lastIndexOf(':') + 1);
      boolean fromTheFile = EXPECTED.get(c[0]).split("\\|").length == 3;
      got.put(c[0], c[1] + "|" + c[2] + (fromTheFile ? "|" + line : ""));
      // an option no line maps leaves the breakdown incomplete; any other is complete
      assertEquals(!EXPECTED.get(c[0]).equals("null|null"), Boolean.parseBoolean(c[4]), row);
    }
    assertEquals(EXPECTED, got);
    assertEquals(List.of("dhis2_option|Stratégie avancée (" + uid("optSpel", EXPECTED.size()) + ")|schemas/" + OPTIONS_FILE),
        built.rows("select code_kind, source_code, mapping_file from marts.unmapped_figures where code_kind = 'dhis2_option'"));
  }

  @Test
  void ageBandsThatAreNotCommonBandsAreMarkedNotComparableAsTheirLinesSay() throws Exception {
    for (Line line : lines(OPTIONS_FILE)) {
      if (!line.get("dimension").equals("age")) {
        continue;
      }
      List<String> band = built.rows("select cast(comparable as varchar) from ref.age_groups where age_group = ?",
          line.get("common_code"));
      assertEquals(List.of(line.get("comparable").isEmpty() ? "true" : line.get("comparable")), band,
          "line " + line.number() + ": " + line.get("common_code") + " is in the age groups with the comparability the line gives");
      if (line.get("note").startsWith("part of") || line.get("note").startsWith("straddles")) {
        assertEquals("false", line.get("comparable"), "line " + line.number());
      }
    }
    // the facts carry it: a cell of a band that is not a common one is not comparable
    assertEquals(List.of("15-49|false", "5-14|true", "<1|false"), built.rows("select distinct age_group, age_group_comparable"
        + " from core.fct_observations where age_group in ('<1', '5-14', '15-49') and sex is null order by 1"));
  }

  @Test
  void everyDataElementLineMapsTheSamplesElementByUidOrAnotherInstancesByCode() throws Exception {
    Map<String, String> metricOfLine = new LinkedHashMap<>();
    for (Line line : lines(ELEMENTS_FILE)) {
      metricOfLine.put(line.get("data_element"), line.get("metric_code") + "|" + line.number());
    }
    // by uid: the sample's elements, in 2018; the completeness rate is on no line
    assertEquals(List.of(
            "IHToBv4dyt0|" + metricOfLine.get("IHToBv4dyt0"), "IvPNUGvOrtT|" + metricOfLine.get("IvPNUGvOrtT"),
            "W9BlIBGvFde|" + metricOfLine.get("W9BlIBGvFde"), "ebxUDyVAcpS|" + metricOfLine.get("ebxUDyVAcpS"),
            "mKPZ45jJDw5|null|null", "zLQFmRw2IH5|" + metricOfLine.get("zLQFmRw2IH5")),
        built.rows("select measure, metric_code, regexp_extract(measure_mapping_line, '[0-9]+$') from"
            + " intermediate.int_figures__mapped where period = '2018' order by 1"));
    // by code: each value of 2017 is the line number of the code it was made for
    for (String row : built.rows("select cast(value as integer), metric_code, regexp_extract(measure_mapping_line, '[0-9]+$')"
        + " from intermediate.int_figures__mapped where period = '2017'")) {
      String[] c = row.split("\\|");
      assertEquals(c[0], c[2], row);
      assertTrue(metricOfLine.containsValue(c[1] + "|" + c[0]), row);
    }
    long byCode = lines(ELEMENTS_FILE).stream().filter(l -> l.get("data_element").startsWith("MLI_")).count();
    assertEquals(List.of(String.valueOf(byCode)),
        built.rows("select count(*) from intermediate.int_figures__mapped where period = '2017'"), "one value per code line");
  }

  @Test
  void theMemberLineCreditsEveryUnitOfTheMaliTreeToItsMember() throws Exception {
    List<Line> members = lines("mappings/dhis2_members.csv");
    assertEquals(1, members.size());
    assertEquals("IFVNBRzHgmk", members.get(0).get("org_unit"));
    assertEquals(List.of("34"), built.rows("select count(distinct org_unit_uid) from intermediate.int_dhis2__unit_members"
        + " where member_code = 'mali-sante'"), "every unit of the tree, through its root");
    assertEquals(List.of("mali-sante|ML"), built.rows("select distinct member, country_iso2 from intermediate.int_figures__mapped"));
    assertFalse(built.rows("select * from intermediate.int_crosswalk__lines where line_kind = 'dhis2_member'").isEmpty());
  }

  // --- a bad line fails the build, naming the file and the line

  private static final String OPTIONS_HEADER =
      "option_uid,option_code,option_name,dimension,common_code,comparable,valid_from,valid_to,note\n";

  /** The message of the build failure with {@code csv} in place of a shipped mapping file. */
  private static String refused(String schemaPath, String csv) {
    WarehouseBuild.BuildFailure e = assertThrows(WarehouseBuild.BuildFailure.class,
        () -> new Crosswalk(Files.createTempDirectory(dir, "refused")).schema(schemaPath, csv).build());
    return e.getMessage();
  }

  @Test
  void aBadSexCodeOrDimensionIsRefusedWithItsLine() {
    String sex = refused(OPTIONS_FILE, OPTIONS_HEADER + ",,Femme,sex,F,,,,\n");
    assertTrue(sex.contains("sexes and age groups a line maps to are in the code lists"), sex);
    assertTrue(sex.contains("mapping_line=schemas/mappings/dhis2_category_options.csv:2"), sex);
    String dimension = refused(OPTIONS_FILE, OPTIONS_HEADER + ",,Femme,gender,female,,,,\n");
    assertTrue(dimension.contains("HXL attributes and DHIS2 options say which dimension they are"), dimension);
    assertTrue(dimension.contains("dhis2_category_options.csv:2"), dimension);
  }

  @Test
  void aMetricThatIsNotACommonMetricIsRefusedWithItsLine() {
    String e = refused(ELEMENTS_FILE, "data_element,metric_code,valid_from,valid_to,note\nabc,Medical Consultations,,,\n");
    assertTrue(e.contains("every metric a line maps to is in the code list"), e);
    assertTrue(e.contains("mapping_line=schemas/mappings/dhis2_data_elements.csv:2, metric_code=Medical Consultations"), e);
  }

  @Test
  void datesThatEndBeforeTheyStartAreRefused() {
    String reversed = refused("mappings/dhis2_members.csv",
        "org_unit,member_code,valid_from,valid_to,note\nIFVNBRzHgmk,mali-sante,2016-01-01,2015-12-31,\n");
    assertTrue(reversed.contains("valid_to is not before valid_from"), reversed);
    assertTrue(reversed.contains("dhis2_members.csv:2"), reversed);
  }

  @Test
  void twoLinesForOneOptionMapItByTheLaterLine() throws Exception {
    // the first round refused a second line for a spelling already mapped; the crosswalk now takes
    // the later line (after the most specific dates), and names it as the line that mapped the figure
    Crosswalk.Built twice = new Crosswalk(Files.createTempDirectory(dir, "twice"))
        .schema(OPTIONS_FILE, OPTIONS_HEADER + ",,Femme,sex,female,,,,\n,,FEMME,sex,male,,,,\n")
        .add(List.of(
            SourceFigures.object("dhis2/metadata.json", 1, "categoryOption", "optFemme001", null, "Femme", null),
            SourceFigures.object("dhis2/metadata.json", 2, "categoryOptionCombo", "cocFemme001", null, "Femme", "optFemme001"),
            SourceFigures.dhis2("dhis2/values.csv", 2, "ouUnit00001", "CSCom", null, null, null, "2016", "W9BlIBGvFde",
                "cocFemme001", 4)))
        .build();
    assertEquals(List.of("medical_consultations|male|schemas/" + OPTIONS_FILE + ":3"), twice.rows("select metric_code, sex,"
        + " array_to_string(breakdown_mapping_lines, ' ') from intermediate.int_figures__mapped"));
  }

  // The comparable column of dhis2_category_options.csv agrees with schemas/codes/age_groups.csv,
  // and an age line's band is one of the age groups: the build refuses a line that says otherwise.

  @Test
  void aNonCommonBandMarkedComparableIsRefused() {
    String e = refused(OPTIONS_FILE, OPTIONS_HEADER + ",,15-49 ans,age,15-49,true,,,\n");
    assertTrue(e.contains("dhis2_category_options.csv:2"), e);
  }

  @Test
  void aCommonBandMarkedNotComparableIsRefused() {
    String e = refused(OPTIONS_FILE, OPTIONS_HEADER + ",,0-4 ans,age,0-4,false,,,\n");
    assertTrue(e.contains("dhis2_category_options.csv:2"), e);
  }

  @Test
  void anAgeBandNoCodeListKnowsIsRefusedWithItsLine() {
    String e = refused(OPTIONS_FILE, OPTIONS_HEADER + ",,Adolescents,age,10-19,false,,,\n");
    assertTrue(e.contains("sexes and age groups a line maps to are in the code lists"), e);
    assertTrue(e.contains("dhis2_category_options.csv:2"), e);
  }

  // A line with no uid, code or name could match no option: refused, as the first round's loader
  // refused it ("give option_uid, option_code or option_name").
  @Test
  void anOptionLineThatNamesNoOptionIsRefused() {
    String e = refused(OPTIONS_FILE, OPTIONS_HEADER + ",,,sex,female,,,,\n");
    assertTrue(e.contains("a DHIS2 option line names its option (uid, code or name)"), e);
    assertTrue(e.contains("line_number=2"), e);
  }
}
