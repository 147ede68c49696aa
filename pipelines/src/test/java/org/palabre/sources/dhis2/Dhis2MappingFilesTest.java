package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.palabre.sources.dhis2.Dhis2CategoryOptionMapping.Dimension;
import org.palabre.sources.dhis2.Dhis2CategoryOptionMapping.Target;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;

class Dhis2MappingFilesTest {

  private static final String OPTIONS_HEADER =
      "option_uid,option_code,option_name,dimension,common_code,comparable,note\n";

  @Test
  void shippedCategoryOptionMappingLoadsAndKeepsNonCommonBandsApart() {
    Dhis2CategoryOptionMapping m = Dhis2CategoryOptionMapping.fromClasspath();
    assertEquals(Optional.of(new Target(Dimension.SEX, "female", true)),
        m.lookup("KygNtyIHjFu", null, null));
    assertEquals(Optional.of(new Target(Dimension.SEX, "female", true)),
        m.lookup(null, "sexe_f", null), "by code, any case");
    assertEquals(Optional.of(new Target(Dimension.SEX, "male", true)),
        m.lookup(null, null, "  MASCULIN "), "by name, case and spaces ignored");
    assertEquals(Optional.of(new Target(Dimension.SEX, "female", true)),
        m.lookup(null, null, "feminin"), "accents ignored");
    assertEquals(Optional.of(new Target(Dimension.AGE, "1-4", false)),
        m.lookup("SMUfXzFfoTq", null, null));
    assertEquals(Optional.of(new Target(Dimension.AGE, "15-49", false)),
        m.lookup(null, null, "15-49 ans"));
    assertEquals(Optional.of(new Target(Dimension.AGE, "50+", false)),
        m.lookup(null, null, "50+"));
    assertEquals(Optional.of(new Target(Dimension.AGE, "<1", false)),
        m.lookup(null, null, "< 1"));
    assertEquals(Optional.of(new Target(Dimension.AGE, "5-9", false)),
        m.lookup(null, null, "5-9 years"));
    assertEquals(Optional.of(new Target(Dimension.AGE, "10-14", false)),
        m.lookup(null, null, "10-14 ans"));
    assertEquals(Optional.of(new Target(Dimension.AGE, "5-14", true)),
        m.lookup(null, null, "5-14 ans"));
    assertEquals(Optional.of(new Target(Dimension.AGE, "60+", true)),
        m.lookup(null, null, "60 ans et plus"));
    assertEquals(Optional.of(new Target(Dimension.OTHER, null, true)),
        m.lookup("xYerKDKCefk", null, null));
    assertEquals(Optional.empty(), m.lookup("unknownUid1", "NOPE", "Stratégie avancée"));
  }

  @Test
  void shippedDataElementMappingCoversTheMaliMetrics() {
    Dhis2DataElementMapping m = Dhis2DataElementMapping.fromClasspath();
    assertEquals(Optional.of("professionals_trained"), m.metricOf(de("zLQFmRw2IH5", null)));
    assertEquals(Optional.of("training_sessions_local"), m.metricOf(de("ebxUDyVAcpS", null)));
    assertEquals(Optional.of("governance_members"), m.metricOf(de("IHToBv4dyt0", null)));
    assertEquals(Optional.of("governance_members_women"), m.metricOf(de("IvPNUGvOrtT", null)));
    assertEquals(Optional.of("medical_consultations"), m.metricOf(de("W9BlIBGvFde", null)));
    assertEquals(Optional.of("medical_consultations"),
        m.metricOf(de("otherUid001", "MLI_CONSULTATIONS_CURATIVES")), "by code");
    assertEquals(Optional.empty(), m.metricOf(de("mKPZ45jJDw5", "MLI_TAUX_COMPLETUDE")));
  }

  @Test
  void aNonCommonBandMarkedComparableIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> options(OPTIONS_HEADER + ",,15-49 ans,age,15-49,true,\n"));
    assertTrue(e.getMessage().contains("age band '15-49' is not a common band"), e.getMessage());
    assertTrue(e.getMessage().contains("keep it with comparable=false"), e.getMessage());
  }

  @Test
  void aCommonBandMarkedNotComparableIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> options(OPTIONS_HEADER + ",,0-4 ans,age,0-4,false,\n"));
    assertTrue(e.getMessage().contains("is a common band, so comparable must be true"));
  }

  @Test
  void badSexCodeDimensionAndConflictsAreRefusedWithTheLine() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> options(OPTIONS_HEADER + ",,Femme,sex,F,,\n")).getMessage()
        .contains("sex must be one of [female, male, unknown], not 'F'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> options(OPTIONS_HEADER + ",,Femme,gender,female,,\n")).getMessage()
        .contains("test.csv line 2: dimension must be sex, age or other"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> options(OPTIONS_HEADER + ",,Femme,sex,female,,\n,,FEMME,sex,male,,\n"))
        .getMessage().contains("test.csv line 3: 'femme' is already mapped"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> options(OPTIONS_HEADER + ",,,sex,female,,\n")).getMessage()
        .contains("give option_uid, option_code or option_name"));
  }

  @Test
  void dataElementMappingRefusesConflictsAndBadCodes() {
    String header = "data_element,metric_code,note\n";
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dhis2DataElementMapping.read(
        new StringReader(header + "abc,people_reached,\nabc,medical_consultations,\n"), "t.csv"))
        .getMessage().contains("t.csv line 3: data element 'abc' is already mapped to"
            + " people_reached"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dhis2DataElementMapping.read(
        new StringReader(header + "abc,Medical Consultations,\n"), "t.csv"))
        .getMessage().contains("snake_case metric_code"));
  }

  @Test
  void normalisedNamesIgnoreAccentsCaseSpacesAndUnderscores() {
    assertEquals("feminin", Dhis2CategoryOptionMapping.normaliseName(" Fé_MI nin\u00A0"));
    assertEquals("60ansetplus", Dhis2CategoryOptionMapping.normaliseName("60 ANS ET PLUS"));
    assertEquals("ageinconnu", Dhis2CategoryOptionMapping.normaliseName("Âge inconnu"));
  }

  private static Dhis2CategoryOptionMapping options(String csv) throws IOException {
    return Dhis2CategoryOptionMapping.read(new StringReader(csv), "test.csv");
  }

  private static DataElement de(String id, String code) {
    return new DataElement(id, code, "x", "NUMBER", "SUM", null);
  }
}
