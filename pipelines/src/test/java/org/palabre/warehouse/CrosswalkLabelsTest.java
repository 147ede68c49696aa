package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.palabre.db.DuckDb;
import org.palabre.text.Labels;

/**
 * The label keys the crosswalk matches by in SQL ({@code sql/macros/labels.sql}, defined as the
 * build defines them, in DuckDB) are the readers' ({@link Labels}): a column header the reader
 * normalised in Java meets the alias a mapping line gives in SQL only if both sides normalise
 * alike.
 */
class CrosswalkLabelsTest {

  private static Connection db;

  @BeforeAll
  static void defineTheMacros() throws Exception {
    db = DuckDb.inMemory();
    try (Statement st = db.createStatement()) {
      WarehouseBuild.defineMacros(st);
    }
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  private static String sql(String macro, String label) throws Exception {
    try (PreparedStatement st = db.prepareStatement("select " + macro + "(?)")) {
      st.setString(1, label);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {
    "Personnes rencontrées", " PERSONNES  Rencontrees ", "personnes_rencontrees", "Nuitées d'hébergement",
    "Nuitées d\u2019hébergement", "Côte d’Ivoire", "Straße", "ẞ", "Œuvre, cœur", "Sœur Æther æ", "Pointe-Noire",
    "Samu-Social  Pointe_Noire", "#reached +ind +F", "#org+impl", "a__b--c", "+", "#", "\tTab\tseparated\r\n",
    "São Tomé", "Ärzte der Welt", "Médecins du Monde Japon", "e\u0301cole (accent apart)", "espace\u00A0insécable",
    "Bucureşti", "București", "Ørsted", "Łódź", "İstanbul", "n°1", "½ journée", "x² / m³", "Dont_Femmes", "NUITÉES",
    "", "   "
  })
  void labelKeyIsTheReadersNormalisationAndLabelSlugItsSlug(String label) throws Exception {
    assertEquals(Labels.normalise(label), sql("label_key", label));
    assertEquals(Labels.slug(label), sql("label_slug", label));
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', value = {
    "' Fé_MI nin\u00A0'|feminin",
    "60 ANS ET PLUS|60ansetplus",
    "Âge inconnu|ageinconnu",
    "< 1|<1",
    "15-49 ans|15-49ans",
  })
  void optionKeysIgnoreAccentsCaseSpacesAndUnderscores(String name, String key) throws Exception {
    assertEquals(key, sql("option_key", name));
  }

  // Java's toLowerCase lowers a final capital sigma to 'ς', DuckDB's lower to 'σ': both sides must
  // fold them alike, or a header ending in Σ never meets the same alias in a mapping file.
  @org.junit.jupiter.api.Test
  void aFinalCapitalSigmaLowersAlikeInTheReaderAndInSql() throws Exception {
    assertEquals(Labels.normalise("ΑΡΙΘΜΟΣ ΑΤΟΜΩΝ"), sql("label_key", "ΑΡΙΘΜΟΣ ΑΤΟΜΩΝ"));
  }
}
