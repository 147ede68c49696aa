package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    Partnership.Columns columns = new Partnership.Columns("Section", "Type de partenariat", "Accord");
    assertEquals(List.of(
        new Partnership("Association Sourire Madagascar", "Madagascar", "MdM France", "Partenariat opérationnel", "écrit",
            LocalDate.of(2019, 3, 1), null, columns, 2),
        new Partnership("La Chaîne de l'Espoir", "Cambodge", "France", "transfert", "Convention signée",
            LocalDate.of(2024, 6, 1), LocalDate.of(2025, 5, 31), columns, 3),
        new Partnership("Clinique Saint-Luc", "Liban", "Belgique", "Prestataire de service", "tacite",
            LocalDate.of(2017, 1, 1), null, columns, 4),
        new Partnership("Coalition Santé Pour Tous", "Burkina Faso", "FR", "adhésion à un réseau", null,
            LocalDate.of(2020, 9, 15), null, columns, 6)),
        sink.accepted.subList(0, 4));
    // lines 9-11: an unknown section, type or agreement is loaded as written; the build holds it
    // with its reason (warehouse.EntityCrosswalkTest)
    assertEquals(List.of("Croix-Rouge", "FR", "FR"), sink.accepted.subList(4, 7).stream().map(Partnership::sectionRaw).toList());
    assertEquals("jumelage", sink.accepted.get(5).typeRaw());
    assertEquals("peut-être", sink.accepted.get(6).agreementRaw());

    assertEquals(List.of(8L, 12L, 13L), sink.rejected.stream().map(CollectingSink.Rejected::line).toList());
    assertEquals(List.of(
        "Date de fin 2020-12-31 is before Date de début 2021-01-01",
        "Partenaire is missing",
        "Date de début '2021-13-01' is not a date (expected yyyy-MM-dd or dd/MM/yyyy)"),
        sink.rejected.stream().map(CollectingSink.Rejected::reason).toList());
  }

  @Test
  void englishHeadersWithCommas() {
    CollectingSink<Partnership> sink = parse(
        "partner,country,member_section,partnership_type,agreement,start_date,end_date\n"
            + "Sauver la Face,KH,France,Transfer partnership,Written,2024-09-01,\n"
            + "\"Partner, Ltd\",Lao PDR,Japan,service provider,Tacit,,\n", ',');
    assertEquals(2, sink.accepted.size());
    assertEquals("Transfer partnership", sink.accepted.get(0).typeRaw());
    assertEquals("Written", sink.accepted.get(0).agreementRaw());
    assertEquals(new Partnership.Columns("member_section", "partnership_type", "agreement"), sink.accepted.get(0).columns());
    assertEquals("Partner, Ltd", sink.accepted.get(1).partner());
    assertEquals("Lao PDR", sink.accepted.get(1).countryRaw());
    assertEquals("Japan", sink.accepted.get(1).sectionRaw());
    assertEquals("Tacit", sink.accepted.get(1).agreementRaw());
    assertEquals(null, sink.accepted.get(1).startDate());
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

  @Test
  void aTableWithAPersonalColumnKeepsNoRowTextInTheRejects() {
    CollectingSink<Partnership> sink = parse("partner;country;section;type;agreement;contact;Téléphone\n"
        + "A;Mali;FR;alliance;tacit;Awa Traoré;+223 70 12 34 56\n"
        + ";Mali;FR;alliance;tacit;Awa Traoré;+223 70 12 34 56\n", ';');
    assertEquals(1, sink.accepted.size());
    assertEquals(List.of(new CollectingSink.Rejected(3, "partner is missing", "")), sink.rejected);
    assertEquals(1, parse("partner;country;section;type;agreement\n;Mali;FR;alliance;tacit\n", ';').rejected.stream()
        .filter(r -> r.raw().endsWith(";Mali;FR;alliance;tacit")).count(), "other tables keep the row's text");
  }
}
