package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.palabre.privacy.Pseudonymiser;

class MissionSheetParserTest {

  private final Pseudonymiser pseudonymiser = Pseudonymiser.forSamples();
  private final MissionSheetParser parser = MissionSheetParser.create(pseudonymiser);

  private record Result(CollectingSink<MissionSheet> missions, CollectingSink<SurgicalPatient> patients) {}

  private Result parse(String resource) {
    Result r = new Result(new CollectingSink<>(), new CollectingSink<>());
    parser.parse(Fixtures.reader("missions/" + resource), r.missions, r.patients);
    return r;
  }

  private Result parseText(String json) {
    Result r = new Result(new CollectingSink<>(), new CollectingSink<>());
    parser.parse(Fixtures.string(json), r.missions, r.patients);
    return r;
  }

  /** The sheet's own words: labels as written (their codes are checked in warehouse.EntityCrosswalkTest). */
  @Test
  void englishSheetWithIsoDatesAndCountedTeam() {
    Result r = parse("os_fr_madagascar_2023.json");
    assertEquals(1, r.missions.accepted.size());
    assertEquals(List.of(), r.missions.rejected);
    MissionSheet m = r.missions.accepted.get(0);
    assertEquals(new MissionSheet("OS-MG-2023-01", "France", "Madagascar",
        "CHU Joseph Ravoahangy Andrianavalona, Antananarivo", LocalDate.of(2023, 5, 8), LocalDate.of(2023, 5, 19),
        Map.of("surgeons", 2, "anaesthetists", 1, "nurses", 3, "paediatrician", 1), 7, "active", null, null, null, 6, 1),
        m);

    assertEquals(List.of(), r.patients.rejected);
    List<SurgicalPatient> p = r.patients.accepted;
    assertEquals(6, p.size());
    assertEquals(new SurgicalPatient("OS-MG-2023-01", pseudonymiser.pseudonymise("MG-ANT-2023-0001"), "F", 7,
        "fente labio palatine", true, true, 11), p.get(0));
    assertEquals(new SurgicalPatient("OS-MG-2023-01", pseudonymiser.pseudonymise("MG-ANT-2023-0002"), "M", 24,
        "sequelles de brulure", true, false, 12), p.get(1));
    // "18 mois" is 1 year; a date of birth gives the age at the mission start
    assertEquals(1, p.get(2).ageYears());
    assertEquals(62, p.get(3).ageYears());
    assertFalse(p.get(3).operated());
    assertEquals("bec de lievre", p.get(4).pathologyLabel(), "BEC DE LIEVRE, normalised");
    assertNull(p.get(4).psychosocialFollowUp(), "not given -> null, not false");
    assertEquals("noma", p.get(5).pathologyLabel());
  }

  @Test
  void frenchKeysDdMmYyyyDatesTeamListTransferAndBadPatients() {
    Result r = parse("os_nl_tanzania_2022.json");
    MissionSheet m = r.missions.accepted.get(0);
    assertEquals("OS-TZ-2022-03", m.missionId());
    assertEquals("Pays-Bas", m.sectionRaw());
    assertEquals("Tanzanie", m.countryRaw());
    assertEquals(LocalDate.of(2022, 11, 14), m.startDate());
    assertEquals(LocalDate.of(2022, 11, 25), m.endDate());
    assertEquals(Map.of("chirurgien", 2, "anesthésiste", 1, "infirmière", 2, "photographe", 1), m.teamByRole());
    assertEquals(6, m.volunteers());
    assertEquals("transféré", m.statusRaw());
    assertEquals("Sauver la Face", m.transferPartner());
    assertEquals(LocalDate.of(2024, 6, 30), m.transferPlannedDate());
    assertEquals(LocalDate.of(2024, 9, 15), m.transferActualDate());
    assertEquals(7, m.patientsListed());
    assertFalse(m.toString().contains("Vries"), "volunteer names are not kept");

    // every patient ends in exactly one of the two outputs
    assertEquals(m.patientsListed(), r.patients.total());
    assertEquals(List.of(18L, 20L, 24L), r.patients.accepted.stream().map(SurgicalPatient::line).toList());
    assertEquals("?", r.patients.accepted.get(1).sexRaw(), "'?' is a sex as written, not a reason to reject");
    assertEquals("fente labio nasale", r.patients.accepted.get(1).pathologyLabel(), "unknown to the mapping, still kept");

    List<CollectingSink.Rejected> bad = r.patients.rejected;
    assertEquals(List.of(19L, 21L, 22L, 23L), bad.stream().map(CollectingSink.Rejected::line).toList());
    // a patient's values are personal: the reason names the field, never the value
    assertEquals("mission OS-TZ-2022-03, patient #2: age is out of range 0-120", bad.get(0).reason());
    assertEquals("mission OS-TZ-2022-03, patient #4: operated is not yes/no "
        + "(expected oui/non, yes/no, true/false, 1/0)", bad.get(1).reason());
    assertEquals("mission OS-TZ-2022-03, patient #5: patient code is missing", bad.get(2).reason());
    assertEquals("mission OS-TZ-2022-03, patient #6: duplicate patient code (same code as the patient at line 18)",
        bad.get(3).reason());
    assertEquals(List.of(""), bad.stream().map(CollectingSink.Rejected::raw).distinct().toList(),
        "a rejected patient keeps no raw text");
  }

  @Test
  void malformedJsonRejectsTheWholeDocumentWithLineAndColumn() {
    Result r = parse("os_jp_laos_malformed.json");
    assertEquals(List.of(), r.missions.accepted);
    assertEquals(0, r.patients.total(), "no patient of a rejected document is emitted");
    assertEquals(1, r.missions.rejected.size());
    CollectingSink.Rejected rej = r.missions.rejected.get(0);
    assertEquals(0, rej.line());
    assertTrue(rej.reason().startsWith("malformed JSON at line 9, column 6: Unexpected character ('{' (code 123)): "
        + "was expecting comma to separate Array entries"), rej.reason());
    assertEquals("", rej.raw(), "raw withheld: the document holds a patient name");
  }

  @Test
  void invalidMissionFieldsRejectTheMissionAtItsLine() {
    // an unknown section is no reason to reject at read time: the build holds the mission (EntityCrosswalkTest)
    Result section = parse("os_bad_section.json");
    assertEquals(List.of(), section.missions.rejected);
    assertEquals("Croix-Rouge", section.missions.accepted.get(0).sectionRaw());
    assertEquals(1, section.patients.accepted.size());

    Result dates = parse("os_end_before_start.json");
    assertEquals("mission OS-PK-2024-02: end_date 2024-04-10 is before start_date 2024-04-20",
        dates.missions.rejected.get(0).reason());
  }

  @Test
  void otherMissionLevelRejections() {
    assertEquals("mission_id is missing",
        parseText("{\"section\":\"FR\",\"country\":\"MG\",\"start_date\":\"2023-01-01\",\"status\":\"active\"}")
            .missions.rejected.get(0).reason());
    assertEquals("mission X: status is missing (expected active, transferred or closed)",
        parseText("{\"id\":\"X\",\"section\":\"FR\",\"country\":\"MG\",\"start_date\":\"2023-01-01\"}")
            .missions.rejected.get(0).reason());
    assertEquals("suspended",
        parseText("{\"id\":\"X\",\"section\":\"FR\",\"country\":\"MG\",\"start_date\":\"2023-01-01\",\"status\":\"suspended\"}")
            .missions.accepted.get(0).statusRaw(), "an unknown status is the build's to hold");
    assertEquals("mission X: start_date '31/02/2023' is not a date (expected yyyy-MM-dd or dd/MM/yyyy)",
        parseText("{\"id\":\"X\",\"section\":\"FR\",\"country\":\"MG\",\"start_date\":\"31/02/2023\",\"status\":\"active\"}")
            .missions.rejected.get(0).reason());
    assertEquals("expected one mission object per document, found a list at line 1",
        parseText("[{\"id\":\"X\"}]").missions.rejected.get(0).reason());
    assertEquals("empty document: expected one mission object", parseText("  \n").missions.rejected.get(0).reason());
    assertEquals("content after the mission object at line 2, column 1: one mission per document",
        parseText("{\"id\":\"X\"}\n{\"id\":\"Y\"}").missions.rejected.get(0).reason());
  }

  @Test
  void countriesSectionsAndStatusesAreKeptAsWritten() {
    String sheet = "{\"id\":\"X\",\"section\":\"Japon\",\"country\":\"%s\",\"start_date\":\"2024-01-08\",\"status\":\"Clôturée\"}";
    assertEquals("Atlantide", parseText(String.format(sheet, "Atlantide")).missions.accepted.get(0).countryRaw());
    MissionSheet m = parseText(String.format(sheet, "PK")).missions.accepted.get(0);
    assertEquals("PK", m.countryRaw());
    assertEquals("Japon", m.sectionRaw());
    assertEquals("Clôturée", m.statusRaw());
    assertEquals(0, m.patientsListed());
    assertEquals("mission X: country is missing",
        parseText("{\"id\":\"X\",\"section\":\"JP\",\"start_date\":\"2024-01-08\",\"status\":\"closed\"}")
            .missions.rejected.get(0).reason());
  }

  /** A pathology reaches the lake normalised when made of clinical words, else as a keyed hash. */
  @Test
  void aPathologyWithANameOrAPhoneNumberIsKeptOnlyAsAKeyedHash() {
    String sheet = "{\"id\":\"X\",\"section\":\"FR\",\"country\":\"MG\",\"start_date\":\"2024-01-08\",\"status\":\"active\","
        + "\"patients\":[{\"code\":\"A1\",\"operated\":\"oui\",\"pathology\":\"%s\"}]}";
    assertEquals("brulure main droite", parseText(String.format(sheet, "Brûlure main droite")).patients.accepted.get(0).pathologyLabel());
    assertEquals("fente labiale 2e degre", parseText(String.format(sheet, "Fente labiale 2e degré")).patients.accepted.get(0)
        .pathologyLabel(), "two digits are no phone number");
    for (String leaky : List.of("Fente labiale - Rasoa Bemanana", "brûlure, tél 034 12 345 67", "Rasoa", "cleft lip 0612345678")) {
      String kept = parseText(String.format(sheet, leaky)).patients.accepted.get(0).pathologyLabel();
      assertTrue(Pseudonymiser.isTextHash(kept), leaky + " -> " + kept);
      assertEquals(pseudonymiser.textHash(org.palabre.text.Labels.normalise(leaky)), kept, "equal texts, equal hashes");
    }
    assertNull(parseText(String.format(sheet, " n/a ")).patients.accepted.get(0).pathologyLabel());
  }

  @Test
  void utf8BytesWithBomAreRead() {
    byte[] bytes = ("\uFEFF{\"id\":\"X\",\"section\":\"DE\",\"country\":\"Cambodge\",\"start_date\":\"2023-01-01\","
        + "\"status\":\"active\",\"patients\":[{\"code\":\"KH-1\",\"sex\":\"F\",\"age\":3,\"pathology\":\"brûlure\",\"operated\":1}]}")
        .getBytes(StandardCharsets.UTF_8);
    CollectingSink<MissionSheet> missions = new CollectingSink<>();
    CollectingSink<SurgicalPatient> patients = new CollectingSink<>();
    parser.parse(new ByteArrayInputStream(bytes), missions, patients);
    assertEquals("Cambodge", missions.accepted.get(0).countryRaw());
    assertEquals("brulure", patients.accepted.get(0).pathologyLabel());
  }

  @Test
  void noEmittedRecordOrRejectCarriesAClearCodeOrAName() {
    List<String> clear = List.of("MG-ANT-2023-00", "TZ-MWZ-2022-01", "tz-mwz", "LA-VTE", "KH-PNH",
        "Rakotomalala", "Hery", "Neema", "Mushi", "Souksavanh", "Phommachanh", "1961", "Vries", "Bakker", "Schmidt");
    StringBuilder everything = new StringBuilder();
    for (String f : List.of("os_fr_madagascar_2023.json", "os_nl_tanzania_2022.json", "os_jp_laos_malformed.json",
        "os_bad_section.json", "os_end_before_start.json")) {
      Result r = parse(f);
      r.missions.accepted.forEach(x -> everything.append(x).append('\n'));
      r.patients.accepted.forEach(x -> everything.append(x).append('\n'));
      r.missions.rejected.forEach(x -> everything.append(x).append('\n'));
      r.patients.rejected.forEach(x -> everything.append(x).append('\n'));
      r.patients.accepted.forEach(p -> assertTrue(Pseudonymiser.isPseudonym(p.patientPseudonym())));
    }
    for (String c : clear) {
      assertFalse(everything.toString().toLowerCase().contains(c.toLowerCase()), "leaked: " + c);
    }
  }

  /**
   * What the indicator models' hand-computed check starts from: over the two accepted fixture
   * missions, the operated patients and their labels as written (their codes: EntityCrosswalkTest).
   */
  @Test
  void handComputedOperatedPatientsOfTheFixture() {
    List<SurgicalPatient> all = new java.util.ArrayList<>();
    all.addAll(parse("os_fr_madagascar_2023.json").patients.accepted);
    all.addAll(parse("os_nl_tanzania_2022.json").patients.accepted);
    List<SurgicalPatient> operated = all.stream().filter(SurgicalPatient::operated).toList();

    assertEquals(9, all.size());
    assertEquals(7, operated.size());
    assertEquals(List.of("fente labio palatine", "sequelles de brulure", "fente labiale", "bec de lievre", "noma", "burn contracture",
        "fente labio nasale"), operated.stream().map(SurgicalPatient::pathologyLabel).toList());
    assertEquals(Map.of("F", 2L, "M", 1L, "femme", 1L, "female", 1L, "male", 1L, "?", 1L),
        operated.stream().collect(Collectors.groupingBy(SurgicalPatient::sexRaw, TreeMap::new, Collectors.counting())));
    assertEquals(3, operated.stream().filter(p -> Boolean.TRUE.equals(p.psychosocialFollowUp())).count());
    assertEquals(1, operated.stream().filter(p -> p.psychosocialFollowUp() == null).count());
  }
}
