package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MissionPathologyMappingTest {

  @Test
  void frenchAndEnglishSpellingsWithCaseAccentsSpacingAndHyphens() {
    PathologyMapping m = PathologyMapping.load();
    Map<String, String> expected = Map.ofEntries(
        Map.entry("fente labio-palatine", "cleft"), Map.entry("Fente Labio Palatine", "cleft"),
        Map.entry("FENTE  LABIO–PALATINE", "cleft"), Map.entry("fente labiale", "cleft"),
        Map.entry("bec de lièvre", "cleft"), Map.entry("Bec-de-lievre", "cleft"), Map.entry("cleft lip", "cleft"),
        Map.entry("Cleft  palate", "cleft"), Map.entry("cleft_lip", "cleft"),
        Map.entry("brûlure", "burn"), Map.entry("BRULURE", "burn"), Map.entry("séquelles de brûlure", "burn"),
        Map.entry("Sequelles de brulure", "burn"), Map.entry("burn sequelae", "burn"), Map.entry("Burn contracture", "burn"),
        Map.entry("tumeur", "tumour"), Map.entry("Tumour", "tumour"), Map.entry("tumor", "tumour"),
        Map.entry("noma", "other"), Map.entry(" Noma ", "other"));
    expected.forEach((label, code) -> assertEquals(code, m.code(label), label));
    assertEquals(Map.of(), m.unmappedLabels(), "all of these are in the mapping file");
    assertEquals("unknown", m.code("  "));
  }

  @Test
  void unknownSpellingIsOtherAndReported() {
    PathologyMapping m = PathologyMapping.load();
    assertEquals("other", m.code("macrostomie"));
    assertEquals("other", m.code("macrostomie"));
    assertEquals("other", m.code("Brûlure main droite"));
    assertEquals(Map.of("macrostomie", 2L, "Brûlure main droite", 1L), m.unmappedLabels());
  }

  @Test
  void mappingFilesLoadAndConflictingLinesAreRefused() throws Exception {
    for (String f : new String[] {"pathologies", "partnership_types", "alert_categories", "mdm_sections", "sex_labels",
        "mission_statuses", "team_roles", "agreement_types"}) {
      assertTrue(LabelMapping.load("schemas/mappings/" + f + ".csv").size() > 5, f);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LabelMapping.parse("test.csv",
        Fixtures.string("label,code\nTumeur,tumour\ntumeur,other\n")));
    assertTrue(e.getMessage().contains("label 'tumeur' is already mapped"), e.getMessage());
  }
}
