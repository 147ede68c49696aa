package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One Opération Sourire mission sheet, harmonised (lake table {@code missions}). Field names are the
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
    String section,
    String countryRaw,
    String countryIso2,
    String site,
    LocalDate startDate,
    LocalDate endDate,
    String team,
    int volunteers,
    String status,
    String transferPartner,
    LocalDate transferPlannedDate,
    LocalDate transferActualDate,
    int patientsListed)
    implements Serializable {}
