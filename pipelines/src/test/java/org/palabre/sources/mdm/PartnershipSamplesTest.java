package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled partnership and advocacy samples: rows in = accepted + rejected, and the deliberate
 * defects that cannot be read are the only rejects. What the labels map to (and the rows the build
 * holds for an unknown label: the registry's 'jumelage', the log's 'retard de paiement') is checked
 * on the same samples in warehouse.EntitySamplesTest.
 */
class PartnershipSamplesTest {

  private static long dataRows(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).count();
  }

  private static List<String> reasons(CollectingSink<?> sink) {
    return sink.rejected.stream().map(r -> r.line() + ": " + r.reason()).toList();
  }

  @Test
  void registry() throws IOException {
    Path file = Fixtures.samples("partnerships").resolve("partnership_registry.csv");
    CollectingSink<Partnership> sink = new CollectingSink<>();
    try (Reader r = Files.newBufferedReader(file)) {
      PartnershipRegistryParser.create().parse(r, ';', sink);
    }
    assertEquals(dataRows(file), sink.total());
    assertEquals(List.of("43: Date de fin 2021-06-01 is before Date de début 2022-06-01"), reasons(sink));
    assertEquals(41, sink.accepted.size());
    assertEquals("jumelage", sink.accepted.stream().filter(p -> p.line() == 42).findFirst().orElseThrow().typeRaw());
  }

  @Test
  void koboSurvey() throws IOException {
    // the sample is the export as a workbook: a notes sheet, then the export under a title block
    // and merged group headings (header on row 4), dates and whole numbers typed, _index a formula
    Path file = Fixtures.samples("partnerships").resolve("partner_survey_kobo_export.xlsx");
    CollectingSink<SurveyAnswer> sink = new CollectingSink<>();
    try (org.palabre.sources.workbooks.Workbook workbook = org.palabre.sources.workbooks.Workbooks.open(file)) {
      org.palabre.sources.tables.BufferedTable export = new org.palabre.sources.tables.BufferedTable(workbook.tables().get(1));
      long header = export.headerLine(25, KoboSurveyParser::recognises);
      assertEquals(4, header);
      KoboSurveyParser.create().parse(export, ',', header, sink);
    }
    assertEquals(61, sink.total());
    assertEquals(List.of(
        "22: column 'quality/score_overall' value '6' is not a score 1-5 (blank or n/a for no answer)",
        "38: column 'quality/score_transparency' value '0' is not a score 1-5 (blank or n/a for no answer)",
        "53: column 'quality/score_communication' value '3,5' is not a score 1-5 (blank or n/a for no answer)"),
        reasons(sink));
    assertEquals(25, sink.accepted.stream().map(SurveyAnswer::countryRaw).distinct().count());
    assertTrue(sink.accepted.stream().allMatch(a -> a.countryRaw() != null));
    double mean = sink.accepted.stream().filter(a -> a.overallScore() != null)
        .mapToInt(SurveyAnswer::overallScore).average().orElseThrow();
    assertTrue(mean > 2.5 && mean < 3.5, "the seed's survey: about 3/5, was " + mean);
  }

  @Test
  void alertLog() throws IOException {
    Path file = Fixtures.samples("partnerships").resolve("red_orange_alerts.csv");
    CollectingSink<PartnerAlert> sink = new CollectingSink<>();
    try (Reader r = Files.newBufferedReader(file)) {
      AlertLogParser.create().parse(r, ',', sink);
    }
    assertEquals(16, sink.total());
    assertEquals(List.of("8: date_closed 2021-01-05 is before date_raised 2021-02-10"), reasons(sink));
    assertEquals(8, sink.accepted.stream().filter(PartnerAlert::open).count(), "7 and line 17, which the build holds");
    assertEquals(7, sink.accepted.stream().filter(a -> !a.open()).count());
  }

  @Test
  void advocacyLog() throws IOException {
    Path file = Fixtures.samples("reference").resolve("advocacy_actions.csv");
    CollectingSink<AdvocacyAction> sink = new CollectingSink<>();
    try (Reader r = Files.newBufferedReader(file)) {
      new AdvocacyLogParser().parse(r, ',', sink);
    }
    assertEquals(16, sink.total());
    assertEquals(List.of(
        "17: Participation des usagers 'peut-être' is not yes/no (expected oui/non, yes/no, true/false, 1/0)"),
        reasons(sink));
    assertEquals(7, sink.accepted.stream().filter(AdvocacyAction::serviceUsersInvolved).count());
    assertEquals(
        List.of("Accès aux soins des personnes migrantes"),
        sink.accepted.stream().collect(Collectors.groupingBy(AdvocacyAction::theme, Collectors.counting()))
            .entrySet().stream().filter(e -> e.getValue() == 3).map(java.util.Map.Entry::getKey).toList());
  }
}
