package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartnershipRegistryParserTest {

  private final PartnershipRegistryParser parser = PartnershipRegistryParser.create();

  private CollectingSink<Partnership> parse(String text, char separator) {
    CollectingSink<Partnership> sink = new CollectingSink<>();
    parser.parse(Fixtures.string(text), separator, sink);
    return sink;
  }

  @Test
  void frenchRegistryWithSemicolonsQuotedLineBreaksAndBadRows() {
    CollectingSink<Partnership> sink = new CollectingSink<>();
    parser.parse(Fixtures.reader("partnerships/registry.csv"), ';', sink);

    assertEquals(10, sink.total(), "10 data rows (the blank line is not a row)");
    assertEquals(List.of(
        new Partnership("Association Sourire Madagascar", "Madagascar", "MG", "FR", "Partenariat opérationnel",
            "operational", "written", LocalDate.of(2019, 3, 1), null, 2),
        new Partnership("La Chaîne de l'Espoir", "Cambodge", "KH", "FR", "transfert", "transfer", "written",
            LocalDate.of(2024, 6, 1), LocalDate.of(2025, 5, 31), 3),
        new Partnership("Clinique Saint-Luc", "Liban", "LB", "BE", "Prestataire de service", "service_provider", "tacit",
            LocalDate.of(2017, 1, 1), null, 4),
        new Partnership("Coalition Santé Pour Tous", "Burkina Faso", "BF", "FR", "adhésion à un réseau",
            "coalition_membership", "unknown", LocalDate.of(2020, 9, 15), null, 6)),
        sink.accepted);

    assertEquals(List.of(8L, 9L, 10L, 11L, 12L, 13L), sink.rejected.stream().map(CollectingSink.Rejected::line).toList());
    assertEquals(List.of(
        "Date de fin 2020-12-31 is before Date de début 2021-01-01",
        "Section 'Croix-Rouge' is not a network member (schemas/mappings/mdm_sections.csv)",
        "Type de partenariat 'jumelage' is not in the partnership typology (schemas/mappings/partnership_types.csv)",
        "Accord 'peut-être' is neither written nor tacit (schemas/mappings/agreement_types.csv)",
        "Partenaire is missing",
        "Date de début '2021-13-01' is not a date (expected yyyy-MM-dd or dd/MM/yyyy)"),
        sink.rejected.stream().map(CollectingSink.Rejected::reason).toList());
    assertEquals("Groupe Y;Mali;FR;jumelage;écrit;2021-01-01;;", sink.rejected.get(2).raw());
  }

  @Test
  void englishHeadersWithCommas() {
    CollectingSink<Partnership> sink = parse(
        "partner,country,member_section,partnership_type,agreement,start_date,end_date\n"
            + "Sauver la Face,KH,France,Transfer partnership,Written,2024-09-01,\n"
            + "\"Partner, Ltd\",Lao PDR,Japan,service provider,Tacit,,\n", ',');
    assertEquals(2, sink.accepted.size());
    assertEquals("transfer", sink.accepted.get(0).type());
    assertEquals("written", sink.accepted.get(0).agreement());
    assertEquals("Partner, Ltd", sink.accepted.get(1).partner());
    assertEquals("LA", sink.accepted.get(1).countryIso2());
    assertEquals("JP", sink.accepted.get(1).memberSection());
    assertEquals("tacit", sink.accepted.get(1).agreement());
    assertTrue(sink.accepted.get(1).activeOn(LocalDate.of(2000, 1, 1)), "no dates: active");
    assertFalse(new Partnership("p", "c", null, "FR", "t", "transfer", "written", LocalDate.of(2024, 1, 1),
        LocalDate.of(2024, 12, 31), 1).activeOn(LocalDate.of(2025, 1, 1)));
  }

  @Test
  void missingColumnRejectsEveryRowAndExtraFieldsRejectTheRow() {
    CollectingSink<Partnership> sink = parse("partner;country;section\nA;Mali;FR\nB;Niger;FR\n", ';');
    assertEquals(2, sink.rejected.size());
    assertEquals("header has no column partnership_type, agreement (header: partner|country|section)",
        sink.rejected.get(0).reason());
    assertEquals(3, sink.rejected.get(1).line());

    CollectingSink<Partnership> extra = parse(
        "partner;country;section;type;agreement\nA;Mali;FR;alliance;tacit;oops\nB;Mali;FR;alliance;tacit;\n", ';');
    assertEquals("row has 6 fields, the header has 5 (a separator inside an unquoted value?)", extra.rejected.get(0).reason());
    assertEquals(1, extra.accepted.size(), "a trailing empty field is tolerated");

    CollectingSink<Partnership> empty = parse("\n\n", ';');
    assertEquals(List.of(new CollectingSink.Rejected(0, "empty file: no header row", "")), empty.rejected);
  }
}
