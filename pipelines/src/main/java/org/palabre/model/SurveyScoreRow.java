package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One score of one partner-survey submission (KoboToolbox export), lake table {@code partner_survey_answers}: one row per submission x score question; a submission without any score is one row with a null score item. Field names are the
 * {@code schemas/lake/partner_survey_answers.avsc} columns in camel case; nullable columns are the boxed or
 * reference-typed components.
 */
public record SurveyScoreRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // partner survey answers
    long submissionId,
    String uuid,
    String submissionTime,
    LocalDate submissionDate,
    String validationStatus,
    String countryRaw,
    String sectionRaw,
    String partnerTypeRaw,
    String scoreItem,
    Integer score)
    implements Serializable {}
