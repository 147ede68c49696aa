package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvocacyLogParserTest {

  @Test
  void frenchHeadersYesNoVariantsAndBadRows() {
    CollectingSink<AdvocacyAction> sink = new CollectingSink<>();
    new AdvocacyLogParser().parse(Fixtures.reader("reference/advocacy_actions.csv"), ',', sink);
    assertEquals(6, sink.total());
    assertEquals(new AdvocacyAction("Accès aux soins des personnes migrantes", "MdM France", LocalDate.of(2023, 3, 14),
        "Audition au Sénat sur l'AME", true, 2), sink.accepted.get(0));
    assertEquals(LocalDate.of(2023, 10, 5), sink.accepted.get(1).date());
    assertEquals(false, sink.accepted.get(1).serviceUsersInvolved());
    assertEquals(true, sink.accepted.get(2).serviceUsersInvolved());
    assertEquals(List.of(
        new CollectingSink.Rejected(5, "Date '2024-02-30' is not a date (expected yyyy-MM-dd or dd/MM/yyyy)",
            "Accès aux soins,MdM Espagne,2024-02-30,Rapport annuel,non"),
        new CollectingSink.Rejected(6, "Participation des usagers is missing (expected yes/no)",
            "Santé sexuelle,MdM Suisse,2024-04-02,Plaidoyer local,"),
        new CollectingSink.Rejected(7, "Membre is missing", "Santé sexuelle,,2024-04-02,Plaidoyer local,non")),
        sink.rejected);
  }

  @Test
  void unrecognisedYesNoIsRejected() {
    CollectingSink<AdvocacyAction> sink = new CollectingSink<>();
    new AdvocacyLogParser().parse(Fixtures.string(
        "theme;member;date;description;service_users_involved\nHarm reduction;MdM Belgium;2024-01-10;x;sometimes\n"),
        ';', sink);
    assertEquals("service_users_involved 'sometimes' is not yes/no (expected oui/non, yes/no, true/false, 1/0)",
        sink.rejected.get(0).reason());
  }
}
