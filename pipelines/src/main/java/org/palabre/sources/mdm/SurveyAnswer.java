package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * One answer (submission) of the MdM partner survey, from a KoboToolbox CSV export, in the
 * export's own words: country, section and partner type as answered, mapped at build time
 * ({@code sql/intermediate/int_mdm__survey_answers.sql}). Free-text answers (comments,
 * respondent names) are not kept.
 *
 * @param submissionId Kobo's {@code _id}
 * @param uuid Kobo's {@code _uuid}, unique per submission
 * @param index Kobo's {@code _index} (row number in the export), null if absent
 * @param submissionTime Kobo's {@code _submission_time}, UTC
 * @param validationStatus {@code approved}, {@code not_approved}, {@code on_hold}, or null when not
 *     validated
 * @param countryRaw the {@code country} answer as exported (choice name or label), null when not answered
 * @param sectionRaw the {@code member_section} answer as exported, null when not answered
 * @param partnerTypeRaw the {@code partner_type} answer as exported, null when not answered
 * @param scores the 1–5 scores answered, by question name without its group and {@code score_}
 *     prefix ({@code quality/score_overall} → {@code overall}); unanswered scores are absent
 * @param multipleChoices select-multiple answers by question name (without group), values split on
 *     spaces as Kobo writes them
 * @param line 1-based line of the answer in the export
 * @param figures the numeric answers of questions Palabre has no use for yet (not a score, a
 *     choice, a country, a section, a partner type or form metadata): figures of the lake, in the
 *     export's own words, for the crosswalk to map (listed in {@code marts.unmapped_figures} until
 *     it does)
 */
public record SurveyAnswer(
    long submissionId,
    String uuid,
    Integer index,
    LocalDateTime submissionTime,
    String validationStatus,
    String countryRaw,
    String sectionRaw,
    String partnerTypeRaw,
    Map<String, Integer> scores,
    Map<String, List<String>> multipleChoices,
    long line,
    List<Figure> figures)
    implements Serializable {

  /** A numeric answer: the question's column as written, its 1-based column, the number. */
  public record Figure(String column, int columnNumber, double value) implements Serializable {}

  public SurveyAnswer {
    scores = Map.copyOf(scores);
    multipleChoices = Map.copyOf(multipleChoices);
    figures = List.copyOf(figures);
  }

  /** An answer without figures. */
  public SurveyAnswer(long submissionId, String uuid, Integer index, LocalDateTime submissionTime, String validationStatus,
      String countryRaw, String sectionRaw, String partnerTypeRaw, Map<String, Integer> scores,
      Map<String, List<String>> multipleChoices, long line) {
    this(submissionId, uuid, index, submissionTime, validationStatus, countryRaw, sectionRaw, partnerTypeRaw, scores,
        multipleChoices, line, List.of());
  }

  /** The overall partnership-quality score, null when not answered. */
  public Integer overallScore() {
    return scores.get("overall");
  }
}
