package org.palabre.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.ReferenceInputs;
import org.palabre.model.SourceFigure;
import org.palabre.sources.hxl.ReadHxlTables;
import org.palabre.warehouse.Crosswalk;

/**
 * The HXL project's own test files (libhxl-python) load as they are: read in their own words, then
 * mapped by the real crosswalk. The same table in UTF-8 and in Latin-1 reports the same figures, so
 * each is built apart (in one lake the later delivery would replace the other's figures).
 */
class HxlConformanceTest {

  @TempDir static Path dir;

  private static ActivityTableParserTest.Parsed utf8;
  private static ActivityTableParserTest.Parsed latin1;
  private static ActivityTableParserTest.Parsed multipleHeaders;
  private static Crosswalk.Built utf8AndMultipleHeaders;
  private static Crosswalk.Built latin1Alone;

  @BeforeAll
  static void readAndBuild() throws Exception {
    Path hxl = ReferenceInputs.folder("hxl");
    utf8 = parse(hxl, "libhxl_input-valid_utf8.csv");
    latin1 = parse(hxl, "libhxl_input-valid_latin1.csv");
    multipleHeaders = parse(hxl, "libhxl_input-multiple-headers.csv");
    utf8AndMultipleHeaders = new Crosswalk(dir.resolve("a")).add(utf8.rows().all()).add(multipleHeaders.rows().all()).build();
    latin1Alone = new Crosswalk(dir.resolve("b")).add(latin1.rows().all()).build();
  }

  private static ActivityTableParserTest.Parsed parse(Path folder, String name) throws Exception {
    return ActivityTableParserTest.parse(dir.resolve("input"), ReadHxlTables.SETTINGS, name,
        Files.readAllBytes(folder.resolve(name)));
  }

  /** line -> "org country adm1 sector period_raw period_start measure=value" for every figure read. */
  private static Map<Long, String> read(ActivityTableParserTest.Parsed p) {
    Map<Long, String> lines = new TreeMap<>();
    for (SourceFigure f : p.figures()) {
      lines.merge(f.sourceLine(), f.orgName() + " " + f.country() + " " + f.adm1() + " " + f.sector() + " " + f.periodRaw()
          + " " + f.periodStart() + " " + f.sourceColumn() + ":" + f.measure() + "=" + f.value(), (a, b) -> a + "; " + b);
    }
    return lines;
  }

  /** line -> "member country adm1 period_start metric|sex=value" for every figure counted, derived ones marked *. */
  private static Map<Long, String> mapped(Crosswalk.Built built, ActivityTableParserTest.Parsed p) throws Exception {
    Map<Long, String> lines = new TreeMap<>();
    String file = p.load().sourceFile();
    for (String row : built.rows("""
        select source_line, member || ' ' || coalesce(country_iso2, 'null') || ' ' || coalesce(adm1, 'null') || ' '
            || coalesce(cast(period_start as varchar), 'null') || ' ' || metric_code || '|' || coalesce(sex, 'null') || '='
            || value || case when derived then '*' else '' end
        from (
            select source_line, member, country_iso2, adm1, period_start, metric_code, sex, value, false as derived
            from intermediate.int_figures__mapped where mapping_status = 'mapped' and source_file = ?
            union all
            select source_line, member, country_iso2, adm1, period_start, metric_code, sex, value, derived
            from core.fct_observations where derived and source_file = ?)
        order by source_line, metric_code, sex nulls last
        """, file, file)) {
      int bar = row.indexOf('|');
      lines.merge(Long.parseLong(row.substring(0, bar)), row.substring(bar + 1), (a, b) -> a + "; " + b);
    }
    return lines;
  }

  private static final Map<Long, String> VALID_READ = Map.of(
      4L, "ACNUR Panamá Los Santos WASH 1 March 2015 2015-03-01 5:#targeted+f=100.0; "
          + "ACNUR Panamá Los Santos WASH 1 March 2015 2015-03-01 6:#targeted+m=100.0",
      6L, "UNICEF Colombia Chocó Educación null null 5:#targeted+f=250.0; UNICEF Colombia Chocó Educación null null 6:#targeted+m=300.0",
      7L, "OMS Venezuela Amazonas WASH null null 5:#targeted+f=80.0; OMS Venezuela Amazonas WASH null null 6:#targeted+m=95.0");

  private static final Map<Long, String> VALID_MAPPED = Map.of(
      4L, "acnur PA Los Santos 2015-03-01 people_targeted|female=100.0; acnur PA Los Santos 2015-03-01 people_targeted|male=100.0; "
          + "acnur PA Los Santos 2015-03-01 people_targeted|null=200.0*",
      6L, "unicef CO Chocó null people_targeted|female=250.0; unicef CO Chocó null people_targeted|male=300.0; "
          + "unicef CO Chocó null people_targeted|null=550.0*",
      7L, "oms VE Amazonas null people_targeted|female=80.0; oms VE Amazonas null people_targeted|male=95.0; "
          + "oms VE Amazonas null people_targeted|null=175.0*");

  @Test
  void validUtf8FileWithTwoTextRowsAboveTheHashtags() throws Exception {
    assertEquals(List.of(4L, 4L, 0L), List.of(utf8.load().rowsRead(), utf8.load().rowsLoaded(), utf8.load().rowsRejected()));
    assertEquals("UTF-8", utf8.load().encoding());
    assertEquals(VALID_READ, read(utf8));
    assertEquals(VALID_MAPPED, mapped(utf8AndMultipleHeaders, utf8));
  }

  @Test
  void sameFileInLatin1GivesTheSameFigures() throws Exception {
    assertEquals(List.of(4L, 4L, 0L), List.of(latin1.load().rowsRead(), latin1.load().rowsLoaded(), latin1.load().rowsRejected()));
    assertEquals("Windows-1252", latin1.load().encoding());
    assertEquals(VALID_READ, read(latin1));
    assertEquals(VALID_MAPPED, mapped(latin1Alone, latin1));
  }

  @Test
  void multipleHeaderRowsAndAnUntaggedColumn() throws Exception {
    var p = multipleHeaders;
    assertEquals(List.of(2L, 2L, 0L), List.of(p.load().rowsRead(), p.load().rowsLoaded(), p.load().rowsRejected()));
    assertEquals(Map.of(
        4L, "Org X null Coast null null null 4:#affected=100.0",
        5L, "Org Y null Mountains null null null 4:#affected=200.0"), read(p));
    assertEquals(Map.of(
        4L, "org-x null Coast null people_affected|null=100.0",
        5L, "org-y null Mountains null people_affected|null=200.0"), mapped(utf8AndMultipleHeaders, p));
  }
}
