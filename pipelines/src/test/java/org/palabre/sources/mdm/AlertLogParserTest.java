package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLogParserTest {

  /**
   * The log's own words. What the categories and levels map to, and the alerts the build holds
   * (AL-2021-005: a level contradicting its category; AL-2021-006: no red or orange line), are
   * checked in warehouse.EntityCrosswalkTest, on this same file.
   */
  @Test
  void redAndOrangeLinesOpenAndClosedAndBadRows() {
    CollectingSink<PartnerAlert> sink = new CollectingSink<>();
    AlertLogParser.create().parse(Fixtures.reader("partnerships/alerts.csv"), ',', sink);
    assertEquals(8, sink.total());

    PartnerAlert.Columns columns = new PartnerAlert.Columns("category", "level", "member_section");
    assertEquals(new PartnerAlert("AL-2019-001", "Qualité des soins", "rouge", LocalDate.of(2019, 3, 12),
        LocalDate.of(2019, 9, 30), "Liban", "Clinique Saint-Luc", "BE", columns, 2), sink.accepted.get(0));
    PartnerAlert speech = sink.accepted.get(1);
    assertEquals("propos discriminants", speech.categoryRaw());
    assertEquals("orange", speech.levelRaw());
    assertEquals(LocalDate.of(2020, 1, 15), speech.dateRaised());
    assertTrue(speech.open());
    assertEquals("Harcèlement moral et sexuel", sink.accepted.get(2).categoryRaw());
    assertEquals(null, sink.accepted.get(2).sectionRaw());
    assertEquals(null, sink.accepted.get(2).levelRaw());
    assertEquals(List.of("AL-2019-001", "AL-2020-002", "AL-2020-003", "AL-2021-005", "AL-2021-006", "AL-2022-008"),
        sink.accepted.stream().map(PartnerAlert::alertId).toList(), "unknown labels are the build's to hold");
    PartnerAlert abortion = sink.accepted.get(5);
    assertEquals("Droit à l'avortement", abortion.categoryRaw());
    assertFalse(abortion.open());
    assertEquals(9, abortion.line());
    assertFalse(sink.accepted.toString().contains("médicaments"), "descriptions are not kept");

    assertEquals(List.of(
        new CollectingSink.Rejected(5, "date_closed 2021-01-05 is before date_raised 2021-02-10",
            "AL-2021-004,2021-02-10,2021-01-05,Mali,Groupe Y,FR,corruption,red,"),
        new CollectingSink.Rejected(8, "date_raised is missing", "AL-2021-007,,,Mali,Groupe Y,FR,corruption,,")),
        sink.rejected);
  }

  @Test
  void aLogWithoutLevelNorSectionColumnsKeepsNoColumnName() {
    CollectingSink<PartnerAlert> sink = new CollectingSink<>();
    AlertLogParser.create().parse(Fixtures.string("date;partenaire;pays;catégorie\n2024-01-02;Groupe Y;Mali;corruption\n"), ';',
        sink);
    assertEquals(new PartnerAlert.Columns("catégorie", null, null), sink.accepted.get(0).columns());
  }
}
