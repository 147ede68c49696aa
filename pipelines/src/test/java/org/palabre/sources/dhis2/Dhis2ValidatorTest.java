package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.palabre.model.Delivery;
import org.palabre.model.SourceFigure;

/**
 * The validator against the small test metadata: a value is rejected only when it cannot be read
 * as a figure (deleted, missing, not a number of its value type, bad period, an option combo of
 * another combo), never because the crosswalk does not map it nor because the delivered metadata
 * do not know one of its uids (the build holds those). What the crosswalk makes of the accepted
 * values is {@link CrosswalkDhis2Test}'s.
 */
class Dhis2ValidatorTest {

  private static Dhis2Metadata metadata;
  private static Dhis2Validator validator;

  @BeforeAll
  static void setUp() throws IOException {
    metadata = Dhis2MetadataTest.readSmall().build();
    validator = new Dhis2Validator(metadata);
  }

  private static Dhis2DataValue value(String de, String pe, String ou, String coc, String v) {
    return new Dhis2DataValue(de, pe, ou, coc, null, v, "john", null, "2015-01-01", null, false,
        false, null, null, 42);
  }

  private static CollectingSink<Dhis2Observation> check(Dhis2DataValue v) {
    CollectingSink<Dhis2Observation> sink = new CollectingSink<>();
    validator.validate(v, sink);
    assertEquals(1, sink.total(), "one value in, exactly one out");
    return sink;
  }

  private static String rejection(Dhis2DataValue v) {
    CollectingSink<Dhis2Observation> sink = check(v);
    assertEquals(1, sink.rejected.size(), "expected a rejection, got " + sink.accepted);
    assertEquals(42, sink.rejected.get(0).line());
    return sink.rejected.get(0).reason();
  }

  private static Dhis2Observation accepted(Dhis2DataValue v) {
    CollectingSink<Dhis2Observation> sink = check(v);
    assertEquals(List.of(), sink.rejected);
    return sink.accepted.get(0);
  }

  @Test
  void aPeriodThatStartsAfterTheRunDateIsRejectedAndTheRunsOwnQuarterIsNot() {
    LocalDate runDate = LocalDate.of(2026, 12, 1);
    CollectingSink<Dhis2Observation> sink = new CollectingSink<>();
    validator.validate(value("f7n9E0hX8qk", "2027Q1", "DiszpKrYNg8", "cocFem00001", "12"), runDate, sink);
    validator.validate(value("f7n9E0hX8qk", "2026Q4", "DiszpKrYNg8", "cocFem00001", "12"), runDate, sink);
    assertEquals(1, sink.rejected.size());
    assertEquals("period 2027Q1 is after the run date 2026-12-01: check the year", sink.rejected.get(0).reason());
    assertEquals("2026Q4", sink.accepted.get(0).period().iso());
  }

  @Test
  void aGoodValueBecomesAFigureInDhis2sOwnTermsWithItsPlaceInTheTree() {
    Dhis2Observation o =
        accepted(value("f7n9E0hX8qk", "2015Q2", "DiszpKrYNg8", "cocFem00001", "12"));
    assertEquals(new Dhis2Observation(metadata.dataElement("f7n9E0hX8qk").orElseThrow(),
        metadata.orgUnit("DiszpKrYNg8").orElseThrow(), "Mali", "Région de Kayes", "District sanitaire de Kita",
        Dhis2Period.parse("2015Q2"), new BigDecimal("12"), metadata.categoryOptionCombo("cocFem00001").orElseThrow(),
        null, "2015-01-01", null, 42), o);

    // the lake's figure: the uids with their names, the tree's names, the period parsed
    SourceFigure f = Dhis2DataValueFiles.figure(o, new Delivery("run", "sha", "dhis2", "dhis2/v.csv"), 6);
    assertEquals(new SourceFigure("run", "sha", "dhis2", "dhis2/v.csv", null, 42, 6, SourceFigure.DHIS2_DATA_VALUES,
        "DiszpKrYNg8", "CSCom ASACO Kita Ouest", "Mali", "Région de Kayes", "District sanitaire de Kita", null,
        "2015Q2", "quarter", "2015Q2", LocalDate.of(2015, 4, 1), LocalDate.of(2015, 6, 30), SourceFigure.DHIS2,
        "f7n9E0hX8qk", "Professionnels formés", "cocFem00001", "Féminin", null, 12.0, "2015-01-01", null), f);
  }

  @Test
  void optionCombosOfTheElementsCategoryComboAreAccepted() {
    Dhis2Observation m =
        accepted(value("Ix2HsbDMLea", "201503", "DiszpKrYNg8", "cocMal25591", "7.5"));
    assertEquals("cocMal25591", m.categoryOptionCombo().id());
    assertEquals(List.of("optMal00001", "opt2559001"), m.categoryOptionCombo().categoryOptionIds());
    assertEquals(new BigDecimal("7.5"), m.value());

    Dhis2Observation lt1 =
        accepted(value("Ix2HsbDMLea", "201503", "DiszpKrYNg8", "cocFemLt101", "3"));
    assertEquals("Féminin, <1", lt1.categoryOptionCombo().name());
  }

  @Test
  void defaultComboMeansNoDisaggregation() {
    Dhis2Observation o = accepted(value("eY5ehpbEsB7", "2015", "DiszpKrYNg8", null, "87.5"));
    assertNull(o.categoryOptionCombo());
    Dhis2Observation viaUid =
        accepted(value("eY5ehpbEsB7", "2015", "DiszpKrYNg8", "HllvX50cXC0", "87.5"));
    assertNull(viaUid.categoryOptionCombo());
    assertNull(Dhis2DataValueFiles.figure(viaUid, new Delivery("run", "sha", "dhis2", "dhis2/v.csv"), 6).breakdown());
  }

  @ParameterizedTest(name = "{0} {3}")
  @CsvSource(delimiter = '|', value = {
    // not mapped to a common metric: lands, and marts.unmapped_figures lists it
    "unMapped001|2015|DiszpKrYNg8|            ",
    // an option no line maps (Stratégie fixe): lands, and counts in its element's totals only
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocFixe0001",
    // a combo of two sexes: lands, its breakdown not comparable
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocTwoSex01",
    // uids the delivered metadata do not know: land, and the build holds them until a metadata file names them
    "f7n9E0hX8qk|2015|NoSuchOrgUn|cocFem00001",
    "NoSuchElem1|2015|DiszpKrYNg8|            ",
    "f7n9E0hX8qk|2015|DiszpKrYNg8|NoSuchCoc01",
  })
  void whatTheCrosswalkDoesNotMapIsNoReasonToReject(String de, String pe, String ou, String coc) {
    Dhis2Observation o = accepted(value(de, pe, ou, coc, "1"));
    assertEquals(de, o.dataElement().id());
    assertEquals(coc, o.categoryOptionCombo() == null ? null : o.categoryOptionCombo().id());
  }

  @Test
  void deletedValuesAreRejectedWhateverElse() {
    Dhis2DataValue deleted = new Dhis2DataValue("nope", "bad", "nope", null, null, null, null,
        null, null, null, false, true, null, null, 42);
    assertEquals("deleted value (deleted=true in DHIS2): not counted", rejection(deleted));
  }

  @ParameterizedTest(name = "{4} -> {5}")
  @CsvSource(delimiter = '|', value = {
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocFem00001|    |missing value",
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocFem00001|'  '|missing value",
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocFem00001|douze|non-numeric value 'douze' for INTEGER_ZERO_OR_POSITIVE data element f7n9E0hX8qk",
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocFem00001|-3|value -3 is not a zero or positive integer",
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocFem00001|2.5|value 2.5 is not a zero or positive integer",
    "intPos00001|2015|DiszpKrYNg8|            |0|value 0 is not a positive integer",
    "eY5ehpbEsB7|2015|DiszpKrYNg8|            |100.1|value 100.1 is not between 0 and 100",
    "unitInt0001|2015|DiszpKrYNg8|            |1.2|value 1.2 is not between 0 and 1",
    "tXt0000001a|2015|DiszpKrYNg8|            |bien|value type LONG_TEXT of data element tXt0000001a is not numeric",
    "jH26dja2f30|2015|DiszpKrYNg8|            |peut-être|value 'peut-être' is not a boolean for BOOLEAN data element",
    "jH26dja2f31|2015|DiszpKrYNg8|            |false|value 'false' is not true for TRUE_ONLY data element",
    "f7n9E0hX8qk|2015M3|DiszpKrYNg8|cocFem00001|1|unparseable period: '2015M3' is not a valid DHIS2 period",
    "f7n9E0hX8qk|2015|            |cocFem00001|1|missing org unit",
    "            |2015|DiszpKrYNg8|cocFem00001|1|missing data element",
    // a data element the metadata do not describe is read as a number
    "NoSuchElem1|2015|DiszpKrYNg8|            |douze|non-numeric value 'douze' for NUMBER data element NoSuchElem1",
    "f7n9E0hX8qk|2015|DiszpKrYNg8|cocFemLt101|1|category option combo 'cocFemLt101' (Féminin, <1) belongs to category combo ccSexeAge01, not to the data element's ccSexe00001",
  })
  void rejectsWithTheReason(String de, String pe, String ou, String coc, String v, String reason) {
    String got = rejection(value(de, pe, ou, coc, v));
    assertTrue(got.contains(reason), "expected '" + reason + "' in: " + got);
  }

  @Test
  void allProblemsOfAValueAreReportedTogether() {
    String reason = rejection(value(null, "2015W54", "", null, null));
    assertEquals(4, reason.split("; ").length, reason);
    assertTrue(reason.startsWith("missing value; unparseable period: '2015W54'"), reason);
    assertTrue(reason.contains("; missing org unit"), reason);
    assertTrue(reason.endsWith("; missing data element"), reason);
  }

  @ParameterizedTest
  @CsvSource({"true,1", "True,1", "T,1", "1,1", "yes,1", "false,0", "F,0", "0,0", "NO,0"})
  void booleansBecomeOneOrZero(String text, int expected) {
    Dhis2Observation o = accepted(value("jH26dja2f30", "201201", "DiszpKrYNg8", null, text));
    assertEquals(BigDecimal.valueOf(expected), o.value());
    assertEquals("jH26dja2f30", o.dataElement().id());
  }

  @Test
  void trueOnlyTrueIsOne() {
    assertEquals(BigDecimal.ONE,
        accepted(value("jH26dja2f31", "201201", "DiszpKrYNg8", null, "true")).value());
  }

  @Test
  void rejectionRawIsTheValueInDhis2CsvOrder() {
    CollectingSink<Dhis2Observation> sink = new CollectingSink<>();
    validator.validate(value("f7n9E0hX8qk", "2015", "NoSuchOrgUn", "cocFem00001", "douze"), sink);
    assertEquals("f7n9E0hX8qk,2015,NoSuchOrgUn,cocFem00001,,douze,john,2015-01-01,,false,false",
        sink.rejected.get(0).raw());
  }
}
