package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLogParserTest {

  @Test
  void redAndOrangeLinesOpenAndClosedAndBadRows() {
    CollectingSink<PartnerAlert> sink = new CollectingSink<>();
    AlertLogParser.create().parse(Fixtures.reader("partnerships/alerts.csv"), ',', sink);
    assertEquals(8, sink.total());

    assertEquals(new PartnerAlert("AL-2019-001", "Qualité des soins", "quality_of_care", "red", LocalDate.of(2019, 3, 12),
        LocalDate.of(2019, 9, 30), "Liban", "LB", "Clinique Saint-Luc", "BE", 2), sink.accepted.get(0));
    PartnerAlert speech = sink.accepted.get(1);
    assertEquals("discriminatory_speech", speech.category());
    assertEquals("orange", speech.level());
    assertEquals(LocalDate.of(2020, 1, 15), speech.dateRaised());
    assertTrue(speech.open());
    assertEquals("harassment", sink.accepted.get(2).category());
    assertEquals(null, sink.accepted.get(2).memberSection());
    PartnerAlert abortion = sink.accepted.get(3);
    assertEquals("abortion_rights", abortion.category());
    assertFalse(abortion.open());
    assertEquals(9, abortion.line());
    assertFalse(sink.accepted.toString().contains("médicaments"), "descriptions are not kept");

    assertEquals(List.of(
        new CollectingSink.Rejected(5, "date_closed 2021-01-05 is before date_raised 2021-02-10",
            "AL-2021-004,2021-02-10,2021-01-05,Mali,Groupe Y,FR,corruption,red,"),
        new CollectingSink.Rejected(6, "level 'orange' contradicts category 'corruption', which is a red line",
            "AL-2021-005,2021-04-01,,Mali,Groupe Y,FR,corruption,orange,"),
        new CollectingSink.Rejected(7, "category 'vol de matériel' is not a red or orange line (schemas/mappings/alert_categories.csv)",
            "AL-2021-006,2021-05-01,,Mali,Groupe Y,FR,vol de matériel,,"),
        new CollectingSink.Rejected(8, "date_raised is missing", "AL-2021-007,,,Mali,Groupe Y,FR,corruption,,")),
        sink.rejected);
  }

  @Test
  void everyCategoryOfTheSeedHasItsLevel() {
    LabelMapping categories = LabelMapping.load("schemas/mappings/alert_categories.csv");
    for (String red : List.of("quality_of_care", "discrimination_access_to_care", "armed_violence", "corruption")) {
      assertEquals("red", categories.find(red).orElseThrow().get("level"), red);
    }
    for (String orange : List.of("staff_discrimination", "discriminatory_speech", "harassment",
        "confidentiality_data_ethics", "lack_of_involvement", "financial_accountability", "gender_equality",
        "abortion_rights", "sex_workers_rights")) {
      assertEquals("orange", categories.find(orange).orElseThrow().get("level"), orange);
    }
  }
}
