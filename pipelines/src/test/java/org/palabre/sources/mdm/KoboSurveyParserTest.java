package org.palabre.sources.mdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KoboSurveyParserTest {

  private final KoboSurveyParser parser = KoboSurveyParser.create();

  @Test
  void koboExportWithGroupsSelectMultipleMetadataAndBadScores() {
    CollectingSink<SurveyAnswer> sink = new CollectingSink<>();
    parser.parse(Fixtures.reader("partnerships/kobo_export.csv"), ';', sink);
    assertEquals(6, sink.total());

    assertEquals(new SurveyAnswer(41001, "0b6c7d0e-1f2a-4b3c-9d4e-5f6a7b8c9d01", 1,
        LocalDateTime.of(2018, 5, 2, 6, 26, 10), "approved", "madagascar", "fr", "operational",
        Map.of("overall", 3, "communication", 4, "co_construction", 2), Map.of("themes", List.of("srh", "migration")), 2),
        sink.accepted.get(0));
    SurveyAnswer liban = sink.accepted.get(1);
    assertEquals(Map.of("overall", 2), liban.scores(), "n/a and blank are no answer");
    assertEquals(2, liban.overallScore());
    assertEquals("Liban", liban.countryRaw());
    assertEquals("be", liban.sectionRaw());
    assertEquals("service_provider", liban.partnerTypeRaw());
    assertNull(liban.validationStatus());
    SurveyAnswer cambodia = sink.accepted.get(2);
    assertEquals(7, cambodia.line());
    assertEquals("membre du réseau MdM", cambodia.partnerTypeRaw(), "as exported: the build maps it");
    assertEquals("not_approved", cambodia.validationStatus());
    assertEquals(LocalDateTime.of(2018, 5, 5, 9, 10, 5, 123_000_000), cambodia.submissionTime());
    assertEquals(Map.of(), cambodia.multipleChoices());
    assertFalse(sink.accepted.toString().contains("budget"), "free-text comments are not kept");

    assertEquals(List.of(
        new CollectingSink.Rejected(4, "column 'quality/score_overall' value '7' is not a score 1-5 (blank or n/a for no answer)",
            sink.rejected.get(0).raw()),
        new CollectingSink.Rejected(5, "column 'quality/score_communication' value 'bien' is not a score 1-5 (blank or n/a for no answer)",
            sink.rejected.get(1).raw()),
        new CollectingSink.Rejected(6, "_uuid 0b6c7d0e-1f2a-4b3c-9d4e-5f6a7b8c9d01 was already submitted at line 2 (duplicate submission)",
            sink.rejected.get(2).raw())),
        sink.rejected);
    assertEquals(true, sink.rejected.get(0).raw().contains(";41003;"));
  }

  @Test
  void exportWithoutGroupsInHeadersAndCommaSeparator() {
    CollectingSink<SurveyAnswer> sink = new CollectingSink<>();
    parser.parse(Fixtures.string(
        "country,partner_type,score_overall,score_trust,_id,_uuid,_submission_time,_index\n"
            + "Sierra Leone,transfert,4,,77,u-1,2018-05-14T09:12:33,1\n"
            + "Sierra Leone,transfert,0,,78,u-2,2018-05-14T09:12:33,2\n"
            + "Sierra Leone,transfert,5,,abc,u-3,2018-05-14T09:12:33,3\n"
            + "Sierra Leone,transfert,5,,79,u-4,14/05/2018,4\n"
            + "Sierra Leone,transfert,5,,80,,2018-05-14T09:12:33,5\n"), ',', sink);
    assertEquals(1, sink.accepted.size());
    assertEquals("Sierra Leone", sink.accepted.get(0).countryRaw());
    assertEquals("transfert", sink.accepted.get(0).partnerTypeRaw());
    assertEquals(null, sink.accepted.get(0).sectionRaw());
    assertEquals(Map.of("overall", 4), sink.accepted.get(0).scores());
    assertEquals(List.of(
        "column 'score_overall' value '0' is not a score 1-5 (blank or n/a for no answer)",
        "_id 'abc' is not a submission number",
        "_submission_time '14/05/2018' is not a timestamp (expected yyyy-MM-ddTHH:mm:ss)",
        "_uuid is missing"), sink.rejected.stream().map(CollectingSink.Rejected::reason).toList());
  }

  @Test
  void notAKoboExport() {
    CollectingSink<SurveyAnswer> sink = new CollectingSink<>();
    parser.parse(Fixtures.string("country;score\nMali;3\n"), ';', sink);
    assertEquals("not a KoboToolbox export: header has no column _uuid, _id, _submission_time",
        sink.rejected.get(0).reason());
    assertEquals(1, sink.total());
  }
}
