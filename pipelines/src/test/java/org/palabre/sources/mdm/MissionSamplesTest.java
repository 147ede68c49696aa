package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.palabre.privacy.Pseudonymiser;

/**
 * Runs the mission-sheet parser on the bundled {@code data-samples/} and checks the reconciliation
 * (rows in = accepted + rejected), the deliberate defects, and that no clear patient code or name
 * leaks. What the labels map to is checked on the same samples in warehouse.EntitySamplesTest.
 */
class MissionSamplesTest {

  private static final Pattern CLEAR_CODE = Pattern.compile("\"(?:code|code_patient|patientCode)\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern NAME = Pattern.compile("\"(?:name|nom|fullName)\"\\s*:\\s*\"([^\"]+)\"");

  @Test
  void missionSheets() throws IOException {
    MissionSheetParser parser = MissionSheetParser.create(Pseudonymiser.forSamples());
    CollectingSink<MissionSheet> missions = new CollectingSink<>();
    CollectingSink<SurgicalPatient> patients = new CollectingSink<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(Fixtures.samples("missions"))) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    Set<String> codes = new java.util.HashSet<>();
    Set<String> names = new java.util.HashSet<>();
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      Matcher c = CLEAR_CODE.matcher(text);
      while (c.find()) {
        codes.add(c.group(1).trim().toUpperCase());
      }
      Matcher n = NAME.matcher(text);
      while (n.find()) {
        names.add(n.group(1));
      }
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        parser.parse(r, missions, patients);
      }
    }
    assertEquals(26, files.size());
    assertEquals(26, missions.total(), "one mission per document");
    assertEquals(25, missions.accepted.size());
    assertEquals(1, missions.rejected.size());
    assertTrue(missions.rejected.get(0).reason().startsWith("malformed JSON at line "), missions.rejected.get(0).reason());
    int listed = missions.accepted.stream().mapToInt(MissionSheet::patientsListed).sum();
    assertEquals(listed, patients.total(), "patients listed = accepted + rejected");
    assertEquals(1183 - 30, listed, "the malformed document's 30 patients are not counted");
    assertEquals(List.of(
        "48: mission OS-KH-2023-02, patient #4: duplicate patient code (same code as the patient at line 40)",
        "317: mission OS-LA-2023-01, patient #39: patient code is missing",
        "39: mission OS-MG-2023-01, patient #2: age is out of range 0-120",
        "312: mission OS-PK-2024-01, patient #38: date of birth is after the mission start date",
        "98: mission OS-SL-2023-01, patient #10: age is out of range 0-120",
        "229: mission OS-TZ-2022-02, patient #28: operated is not yes/no (expected oui/non, yes/no, true/false, 1/0)"),
        patients.rejected.stream().map(r -> r.line() + ": " + r.reason()).toList());
    assertTrue(patients.rejected.stream().allMatch(r -> r.raw().isEmpty()), "a rejected patient keeps no raw text");
    // every pathology of the samples is made of clinical words: none is withheld
    assertTrue(patients.accepted.stream().map(SurgicalPatient::pathologyLabel)
        .noneMatch(Pseudonymiser::isTextHash), "no pathology of the samples is withheld");

    // privacy: neither a clear code nor a name in any record or reject
    assertTrue(codes.size() > 1000 && names.size() > 5, "the samples carry clear codes and names to catch");
    StringBuilder out = new StringBuilder();
    missions.accepted.forEach(x -> out.append(x).append('\n'));
    missions.rejected.forEach(x -> out.append(x).append('\n'));
    patients.accepted.forEach(x -> out.append(x).append('\n'));
    patients.rejected.forEach(x -> out.append(x).append('\n'));
    String all = out.toString().toUpperCase();
    for (String code : codes) {
      assertFalse(all.contains(code), "clear patient code leaked");
    }
    for (String name : names) {
      assertFalse(all.contains(name.toUpperCase()), "patient name leaked");
    }
    assertTrue(patients.accepted.stream().allMatch(p -> Pseudonymiser.isPseudonym(p.patientPseudonym())));
  }
}
