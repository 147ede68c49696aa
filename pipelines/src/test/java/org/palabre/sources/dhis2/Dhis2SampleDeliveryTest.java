package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Mali sample delivery in {@code data-samples/dhis2/} read end to end (parse, then validate
 * with the shipped mapping files): the figures that must come out, and the bad values planted on
 * purpose that must end in the rejects with their reason.
 */
class Dhis2SampleDeliveryTest {

  private static final String MALI = "IFVNBRzHgmk";
  private static final String KAYES_REGION = "XxJE162L13X";
  private static final String SEGOU_REGION = "zDhOqO5WwaJ";
  private static final String COC_FEMALE = "KwLIRra7ojI";
  private static final String COC_MALE = "JgliwVDHbBW";

  private static Path dir;
  private static Dhis2Validator validator;

  @BeforeAll
  static void setUp() throws IOException {
    dir = Fixtures.repoRoot().resolve("data-samples/dhis2");
    Dhis2Metadata metadata = Dhis2Metadata.read(dir.resolve("metadata_mali_pads.json"));
    validator = Dhis2Validator.withShippedMappings(metadata);
  }

  private record Outcome(CollectingSink<Dhis2DataValue> parsed,
      CollectingSink<Dhis2Observation> validated) {}

  private static Outcome validate(CollectingSink<Dhis2DataValue> parsed) {
    CollectingSink<Dhis2Observation> out = new CollectingSink<>();
    parsed.accepted.forEach(v -> validator.validate(v, out));
    return new Outcome(parsed, out);
  }

  private static Outcome json(String name) throws IOException {
    CollectingSink<Dhis2DataValue> parsed = new CollectingSink<>();
    Dhis2DataValueSetJsonParser.parse(dir.resolve(name), parsed);
    return validate(parsed);
  }

  private static BigDecimal sum(List<Dhis2Observation> obs, String metric) {
    return obs.stream().filter(o -> o.metricCode().equals(metric))
        .map(Dhis2Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void metadataHasTheMaliTree() throws IOException {
    Dhis2Metadata md = Dhis2Metadata.read(dir.resolve("metadata_mali_pads.json"));
    assertEquals(34, md.orgUnits().size(), "1 country, 3 regions, 9 districts, 21 facilities");
    Map<Integer, Long> perLevel = md.orgUnits().stream()
        .collect(Collectors.groupingBy(u -> u.level(), Collectors.counting()));
    assertEquals(Map.of(1, 1L, 2, 3L, 3, 9L, 4, 21L), perLevel);
    assertEquals(List.of("Mali", "Région de Kayes", "District sanitaire de Kita",
        "CSCom ASACO Makandiambougou"), md.orgUnitTree().ancestry("EpJVGvUDIP4").stream()
        .map(u -> u.name()).toList());
    assertTrue(md.orgUnits().stream().allMatch(u -> u.id().matches("[A-Za-z][A-Za-z0-9]{10}")));
  }

  @Test
  void yearlyAndQuarterlyProjectFigures() throws IOException {
    Outcome o = json("dataValueSet_pads_2010_2017.json");
    assertEquals(267, o.parsed.total());
    assertEquals(267, o.parsed.accepted.size());
    assertEquals(267, o.validated.total(), "rows in = accepted + rejected");
    assertEquals(262, o.validated.accepted.size());

    List<Dhis2Observation> obs = o.validated.accepted;
    assertEquals(new BigDecimal("2057"), sum(obs, "professionals_trained"));
    assertEquals(new BigDecimal("448"), sum(obs, "training_sessions_local"));
    // people trained in female leadership in the CFUs: Kayes and Ségou, by sex, 2014-2017
    assertEquals(new BigDecimal("427"), sum(obs, "cfu_leadership_trained"));
    assertEquals(List.of(KAYES_REGION, SEGOU_REGION), obs.stream().filter(x -> x.metricCode().equals("cfu_leadership_trained"))
        .map(Dhis2Observation::orgUnit).distinct().sorted().toList());
    Map<String, BigDecimal> kayes2015 = obs.stream()
        .filter(x -> x.metricCode().equals("professionals_trained")
            && x.orgUnit().equals(KAYES_REGION) && x.period().iso().equals("2015"))
        .collect(Collectors.toMap(Dhis2Observation::sex, Dhis2Observation::value));
    assertEquals(Map.of("female", new BigDecimal("55"), "male", new BigDecimal("44")), kayes2015);
    assertTrue(obs.stream().filter(x -> x.orgUnit().equals(KAYES_REGION))
        .allMatch(x -> x.orgUnitPath().equals(List.of(MALI, KAYES_REGION))));
    assertEquals(144, obs.stream()
        .filter(x -> x.period().type() == Dhis2PeriodType.QUARTERLY).count());
    assertTrue(obs.stream().filter(x -> x.metricCode().startsWith("governance"))
        .allMatch(x -> x.sex() == null && x.orgUnitPath().size() == 3));

    List<String> reasons = o.validated.rejected.stream().map(r -> r.reason()).toList();
    assertEquals(5, reasons.size());
    assertTrue(reasons.get(0).contains("unknown org unit 'Zq7NoSuchOu'"), reasons.get(0));
    assertTrue(reasons.get(1).contains("non-numeric value 'douze'"), reasons.get(1));
    assertTrue(reasons.get(2).startsWith("deleted value"), reasons.get(2));
    assertTrue(reasons.get(3).contains("(Taux de complétude des rapports SLIS) is not mapped to a"
        + " common metric: add a line to schemas/mappings/dhis2_data_elements.csv"),
        reasons.get(3));
    assertEquals("missing value", reasons.get(4));
  }

  @Test
  void monthlySessionsWithTheHeaderAfterTheValues() throws IOException {
    Outcome o = json("dataValueSet_sessions_kayes_2017.json");
    assertEquals(36, o.validated.total());
    assertEquals(36, o.validated.accepted.size());
    assertEquals(new BigDecimal("54"), sum(o.validated.accepted, "training_sessions_local"));
    assertTrue(o.parsed.accepted.stream().allMatch(v -> "2018-01-05".equals(v.completeDate())));
    assertTrue(o.validated.accepted.stream().allMatch(x -> x.orgUnitPath().size() == 4
        && x.period().type() == Dhis2PeriodType.MONTHLY
        && x.period().containingMonth().orElseThrow().getYear() == 2017));
    assertEquals(12, o.validated.accepted.stream()
        .map(x -> x.period().containingMonth().orElseThrow()).distinct().count());
    assertFalse(o.validated.accepted.stream()
        .anyMatch(x -> x.period().containingMonth().orElseThrow().equals(YearMonth.of(2016, 12))));
  }

  @Test
  void monthlyConsultationsBySexAndAgeFromCsv() throws IOException {
    CollectingSink<Dhis2DataValue> parsed = new CollectingSink<>();
    try (Reader r = Files.newBufferedReader(dir.resolve("dataValueSet_consultations_2016.csv"),
        StandardCharsets.UTF_8)) {
      Dhis2DataValueSetCsvParser.parse(r, parsed);
    }
    Outcome o = validate(parsed);
    assertEquals(125, parsed.total());
    assertEquals(125, o.validated.total());
    assertEquals(120, o.validated.accepted.size());
    List<Dhis2Observation> obs = o.validated.accepted;
    assertEquals(new BigDecimal("6834"), sum(obs, "medical_consultations"));
    Map<String, Long> perBand = obs.stream().collect(Collectors.groupingBy(
        x -> x.ageGroup() + (x.ageGroupComparable() ? "" : " (not comparable)"),
        Collectors.counting()));
    assertEquals(Map.of("<1 (not comparable)", 24L, "1-4 (not comparable)", 24L, "5-14", 24L,
        "15-49 (not comparable)", 24L, "50+ (not comparable)", 24L), perBand);
    assertEquals(60, obs.stream().filter(x -> "female".equals(x.sex())).count());

    assertEquals(List.of(122L, 123L, 124L, 125L, 126L),
        o.validated.rejected.stream().map(r -> r.line()).toList());
    List<String> reasons = o.validated.rejected.stream().map(r -> r.reason()).toList();
    assertTrue(reasons.get(0).contains("non-numeric value 'n/a'"), reasons.get(0));
    assertTrue(reasons.get(1).contains("unknown org unit 'Xk9NoSuchOu'"), reasons.get(1));
    assertTrue(reasons.get(2).startsWith("deleted value"), reasons.get(2));
    assertTrue(reasons.get(3).startsWith("unparseable period: '2016M06'"), reasons.get(3));
    assertTrue(reasons.get(4).contains("unknown category option combo 'Qp3NoSuchCoc'"),
        reasons.get(4));
  }

  @Test
  void sexCombosOfTheSampleMapToFemaleAndMale() throws IOException {
    Outcome o = json("dataValueSet_pads_2010_2017.json");
    assertEquals(List.of("female", "male"), o.validated.accepted.stream()
        .filter(x -> COC_FEMALE.equals(x.categoryOptionCombo())
            || COC_MALE.equals(x.categoryOptionCombo()))
        .map(Dhis2Observation::sex).distinct().sorted().toList());
  }
}
