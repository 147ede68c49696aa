package org.palabre.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.palabre.ReferenceInputs;
import org.palabre.model.Observation;
import org.palabre.sources.hxl.ReadHxlTables;

/** The HXL project's own test files (libhxl-python) load as they are. */
class HxlConformanceTest {

  private static ActivityTableParserTest.Parsed parse(String name) throws Exception {
    return ActivityTableParserTest.parse(ReadHxlTables.SETTINGS, Files.readAllBytes(ReferenceInputs.folder("hxl").resolve(name)));
  }

  /** line -> "metric|sex|age=value" for every figure, with place and date. */
  private static Map<Long, String> summary(ActivityTableParserTest.Parsed p) {
    Map<Long, String> lines = new TreeMap<>();
    for (Observation o : p.out().accepted) {
      lines.merge(o.sourceLine(), o.member() + " " + o.countryIso2() + " " + o.adm1() + " " + o.periodStart() + " "
          + o.metricCode() + "|" + o.sex() + "=" + o.value() + (o.derived() ? "*" : ""), (a, b) -> a + "; " + b);
    }
    return lines;
  }

  private static final Map<Long, String> VALID = Map.of(
      4L, "acnur PA Los Santos 2015-03-01 people_targeted|female=100.0; acnur PA Los Santos 2015-03-01 people_targeted|male=100.0; "
          + "acnur PA Los Santos 2015-03-01 people_targeted|null=200.0*",
      6L, "unicef CO Chocó null people_targeted|female=250.0; unicef CO Chocó null people_targeted|male=300.0; "
          + "unicef CO Chocó null people_targeted|null=550.0*",
      7L, "oms VE Amazonas null people_targeted|female=80.0; oms VE Amazonas null people_targeted|male=95.0; "
          + "oms VE Amazonas null people_targeted|null=175.0*");

  @Test
  void validUtf8FileWithTwoTextRowsAboveTheHashtags() throws Exception {
    var p = parse("libhxl_input-valid_utf8.csv");
    assertEquals(List.of(4L, 4L, 0L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertEquals("UTF-8", p.load().encoding());
    assertEquals(VALID, summary(p));
  }

  @Test
  void sameFileInLatin1GivesTheSameFigures() throws Exception {
    var p = parse("libhxl_input-valid_latin1.csv");
    assertEquals(List.of(4L, 4L, 0L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertEquals("Windows-1252", p.load().encoding());
    assertEquals(VALID, summary(p));
  }

  @Test
  void multipleHeaderRowsAndAnUntaggedColumn() throws Exception {
    var p = parse("libhxl_input-multiple-headers.csv");
    assertEquals(List.of(2L, 2L, 0L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertEquals(Map.of(
        4L, "org-x null Coast null people_affected|null=100.0",
        5L, "org-y null Mountains null people_affected|null=200.0"), summary(p));
  }
}
