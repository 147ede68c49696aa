package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One Opération Sourire mission sheet in its own words (lake table {@code missions}): labels as
 * written, mapped at build time. Field names are the
 * {@code schemas/lake/missions.avsc} columns in camel case; nullable columns are the boxed or
 * reference-typed components.
 */
public record MissionRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // missions
    String missionId,
    String sectionRaw,
    String countryRaw,
    String site,
    LocalDate startDate,
    LocalDate endDate,
    String teamRaw,
    int volunteers,
    String statusRaw,
    String transferPartner,
    LocalDate transferPlannedDate,
    LocalDate transferActualDate,
    int patientsListed)
    implements Serializable {}
