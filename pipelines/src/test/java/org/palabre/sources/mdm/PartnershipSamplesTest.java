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
 * defects are the only rejects.
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
    assertEquals(List.of(
        "42: Type de partenariat 'jumelage' is not in the partnership typology (schemas/mappings/partnership_types.csv)",
        "43: Date de fin 2021-06-01 is before Date de début 2022-06-01"), reasons(sink));
    assertEquals(40, sink.accepted.size());
    assertTrue(sink.accepted.stream().allMatch(p -> p.countryIso2() != null), "every sample country resolves");
    assertEquals(7, sink.accepted.stream().map(Partnership::type).distinct().count(), "the whole typology is used");
    assertTrue(sink.accepted.stream().filter(p -> p.agreement().equals("tacit")).count() >= 10);
  }

  @Test
  void koboSurvey() throws IOException {
    Path file = Fixtures.samples("partnerships").resolve("partner_survey_kobo_export.csv");
    CollectingSink<SurveyAnswer> sink = new CollectingSink<>();
    try (Reader r = Files.newBufferedReader(file)) {
      KoboSurveyParser.create().parse(r, ';', sink);
    }
    assertEquals(61, sink.total());
    assertEquals(List.of(
        "19: column 'quality/score_overall' value '6' is not a score 1-5 (blank or n/a for no answer)",
        "35: column 'quality/score_transparency' value '0' is not a score 1-5 (blank or n/a for no answer)",
        "50: column 'quality/score_communication' value '3,5' is not a score 1-5 (blank or n/a for no answer)"),
        reasons(sink));
    assertEquals(25, sink.accepted.stream().map(SurveyAnswer::countryIso2).distinct().count());
    assertTrue(sink.accepted.stream().allMatch(a -> a.countryIso2() != null));
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
    assertEquals(List.of(
        "8: date_closed 2021-01-05 is before date_raised 2021-02-10",
        "17: category 'retard de paiement' is not a red or orange line (schemas/mappings/alert_categories.csv)"),
        reasons(sink));
    assertEquals(7, sink.accepted.stream().filter(PartnerAlert::open).count());
    assertEquals(7, sink.accepted.stream().filter(a -> !a.open()).count());
    assertEquals(5, sink.accepted.stream().filter(a -> a.level().equals("red")).count());
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
