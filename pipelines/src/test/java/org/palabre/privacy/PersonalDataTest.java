package org.palabre.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.palabre.codes.SchemaFiles;
import org.palabre.text.Labels;

/** What the readers recognise as personal, and what of a clinical free text reaches the lake. */
class PersonalDataTest {

  private final ClinicalText clinical = ClinicalText.load();
  private final Pseudonymiser key = Pseudonymiser.forSamples();

  @Test
  void personalColumnsInFrenchEnglishHxlAndKoboHeaders() {
    for (String personal : List.of("Nom", "NOM", "Prénom", "nom_prenom", "Date de naissance", "date_of_birth", "DDN",
        "Téléphone", "tel", "Code patient", "patient_code", "identification/nom", "#contact+name", "#contact+phone",
        "#indiv+name", "#date+birth", "#org+email", "Contact", "Adresse")) {
      assertTrue(PersonalColumns.isPersonal(personal), personal);
    }
    for (String other : List.of("Nom du dispositif", "partner_name", "nom_du_partenaire", "#org+name", "#adm1+name", "#date",
        "Dispositif", "Mois", "Personnes rencontrées", "date", "pathology", "quality/score_overall", "#reached+f")) {
      assertFalse(PersonalColumns.isPersonal(other), other);
    }
    assertEquals(List.of("Nom", "Téléphone"), PersonalColumns.in(List.of("Dispositif", "Nom", "Mois", "Téléphone")));
  }

  @Test
  void aListOfPeopleIsFoundInItsFirstLinesAndItsReasonsLoseTheirValues() {
    Set<String> headers = PersonalColumns.headersOfListOfPeople("Titre du fichier\nNom;Mois;Personnes\nAwa;2024-01;3\n");
    assertEquals(Set.of("Nom", "Mois", "Personnes"), headers);
    assertEquals(Set.of(), PersonalColumns.headersOfListOfPeople("Dispositif;Mois;Personnes rencontrées\nSSBF;2024-01;3\n"));
    assertEquals("column 'Personnes': '…' is not a number", PersonalColumns.withoutQuotedValues(
        "column 'Personnes': 'Awa Traoré' is not a number", headers));
  }

  @Test
  void aReasonOfAListOfPeopleLosesTheRowsValuesQuotedOrNot() {
    Set<String> headers = PersonalColumns.headersOfListOfPeople("Nom,Prénom,Téléphone,Date\n");
    String raw = "Ravelojaona,Tsiory,0349876543,201603";
    // a reader that names the code as it read it (a DHIS2 data element from the first column)
    assertEquals("line 12, column 4: non-numeric value '…' for NUMBER data element …; phone … (…)",
        PersonalColumns.withoutValues("line 12, column 4: non-numeric value 'Tsiory' for NUMBER data element Ravelojaona;"
            + " phone 0349876543 (201603)", raw, headers));
    // the headers, short cells and small numbers stay: the reason still says where
    assertEquals("column 'Nom' of line 12: 7 is not a date", PersonalColumns.withoutValues(
        "column 'Nom' of line 12: 7 is not a date", "Nom,7,12,ab", headers));
  }

  @Test
  void aClinicalLabelIsKeptNormalisedAnythingElseAsAKeyedHash() {
    assertEquals("fente labio palatine", clinical.kept("Fente labio-palatine", key));
    assertEquals("sequelles de brulure main gauche", clinical.kept("Séquelles de brûlure (main gauche)", key));
    assertEquals("brulure 2e degre", clinical.kept("brûlure 2e degré", key));
    for (String leaky : List.of("fente labiale Rasoa", "Rasoa Bemanana", "brûlure, tel 06 12 34 56 78", "tumeur 0341234567",
        "cleft lip, patient@example.org")) {
      String kept = clinical.kept(leaky, key);
      assertTrue(Pseudonymiser.isTextHash(kept), leaky + " -> " + kept);
      assertFalse(kept.contains("rasoa"), kept);
    }
    assertEquals(clinical.kept("Rasoa Bemanana", key), clinical.kept("RASOA  bemanana", key), "equal texts, equal hashes");
    assertFalse(clinical.kept("Rasoa Bemanana", key).equals(Pseudonymiser.withKey("another-key-of-the-network-0123".getBytes())
        .textHash(Labels.normalise("Rasoa Bemanana"))), "keyed: another key, another hash");
    assertEquals(null, clinical.kept("  ", key));
  }

  /** A label the network maps must reach the lake: the pathology mapping and the clinical vocabulary stay in step. */
  @Test
  void everyLabelOfThePathologyMappingIsMadeOfClinicalWords() {
    for (Map<String, String> line : SchemaFiles.readCsv("mappings/pathologies.csv")) {
      String label = Labels.normalise(line.get("label"));
      assertTrue(clinical.isClinical(label), "schemas/mappings/pathologies.csv has '" + line.get("label")
          + "': add its words to " + ClinicalText.VOCABULARY);
    }
  }
}
