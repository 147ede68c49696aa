package org.palabre.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.sources.hxl.ReadHxlTables;
import org.palabre.warehouse.Crosswalk;

/**
 * An HDX-style table tagged with cluster and population-group attributes, read by the real HXL
 * reader and mapped by the real crosswalk: every figure column is kept (two columns with the same
 * hashtag too, told apart by their column), sector attributes become the figure's sector and
 * population groups its population group, and an attribute no mapping knows leaves its figure
 * unmapped with the line to add; pasting that line, filled in, maps it at the next build.
 */
class CrosswalkHxlTest {

  @TempDir static Path dir;
  private static ActivityTableParserTest.Parsed parsed;
  private static Crosswalk.Built built;

  static final String CLUSTERS = """
      Activités par cluster,,,,,,,,
      Organisation,Pays,Année,Dans le besoin (santé),Ciblés (nutrition),Atteints (eau),Atteints (eau) bis,Atteintes (déplacées),Touchés (tsunami)
      #org,#country,#date,#inneed+health,#targeted +nutrition,#reached+wash,#reached +wash,#reached+idps+f,#affected+tsunami
      Samusocial Sénégal,SN,2023,1200,800,500,450,90,30
      """;

  private static final String FILE = "hxl/clusters.csv";

  @BeforeAll
  static void readAndBuild() throws Exception {
    parsed = ActivityTableParserTest.parse(dir.resolve("input"), ReadHxlTables.SETTINGS, "clusters.csv",
        CLUSTERS.getBytes(StandardCharsets.UTF_8));
    built = new Crosswalk(dir.resolve("crosswalk")).add(parsed.rows().all()).build();
  }

  @Test
  void everyFigureColumnIsKeptWithAllItsAttributes() {
    assertEquals(Map.of("4:#inneed+health", 1200.0, "5:#targeted+nutrition", 800.0, "6:#reached+wash", 500.0,
        "7:#reached+wash", 450.0, "8:#reached+f+idps", 90.0, "9:#affected+tsunami", 30.0), parsed.measures(4));
    assertTrue(parsed.load().warnings().contains("columns [6, 7] carry the same measure #reached+wash: each is read, told apart"
        + " by its column"), parsed.load().warnings());
  }

  @Test
  void sectorAttributesBecomeTheSectorAndPopulationGroupsThePopulationGroup() throws Exception {
    assertEquals(List.of(
            "4|mapped|people_affected|null|health|null",
            "5|mapped|people_targeted|null|nutrition|null",
            "6|mapped|people_reached|null|wash|null",
            "7|mapped|people_reached|null|wash|null",
            "8|mapped|people_reached|female|null|idps",
            "9|unmapped|null|null|null|null"),
        built.rows("select source_column, mapping_status, metric_code, sex, sector, population_group"
            + " from intermediate.int_figures__mapped order by source_column"));
    // both wash columns count: rows of an activity table add up, and the two are told apart by their column
    assertEquals(List.of(
            "people_affected|health|null|1200.0", "people_reached|wash|null|450.0", "people_reached|wash|null|500.0",
            "people_reached|null|idps|90.0", "people_targeted|nutrition|null|800.0"),
        built.rows("select metric_code, sector, population_group, value from core.fct_observations where not derived order by all"));
  }

  @Test
  void anUnknownAttributeLeavesTheFigureUnmappedWithTheLineToAddAndTheLineMapsItAtTheNextBuild() throws Exception {
    List<String> unmapped = built.rows("select code_kind, source_code, figures, mapping_file, suggested_line"
        + " from marts.unmapped_figures");
    assertEquals(List.of("hxl_attribute|tsunami|1|schemas/mappings/hxl_attributes.csv"
        + "|tsunami,<sex|age_group|sector|population_group|ignore>,<code>,,,"), unmapped);

    // the M&E officer's loop: the suggested line, filled in, added to the file; a rebuild, no re-read
    String line = unmapped.get(0).substring(unmapped.get(0).indexOf("|tsunami,") + 1)
        .replace("<sex|age_group|sector|population_group|ignore>", "ignore").replace("<code>", "");
    Crosswalk.Built rebuilt = new Crosswalk(dir.resolve("rebuilt")).add(parsed.rows().all())
        .schema("mappings/hxl_attributes.csv", Crosswalk.shippedWith("mappings/hxl_attributes.csv", line))
        .build();
    assertEquals(List.of("mapped|people_affected|30.0"), rebuilt.rows("select mapping_status, metric_code, value"
        + " from intermediate.int_figures__mapped where source_column = 9"));
    assertEquals(List.of(), rebuilt.rows("select * from marts.unmapped_figures"));
  }
}
