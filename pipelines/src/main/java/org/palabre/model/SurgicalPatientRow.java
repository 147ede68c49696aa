package org.palabre.model;

import java.io.Serializable;

/**
 * One patient of a mission sheet, pseudonymised (lake table {@code surgical_patients}): no name, no
 * clear code, no date of birth, the pathology normalised or hashed ({@code privacy.ClinicalText}). Field names are the
 * {@code schemas/lake/surgical_patients.avsc} columns in camel case; nullable columns are the boxed or
 * reference-typed components.
 */
public record SurgicalPatientRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // surgical patients
    String missionId,
    String patientPseudonym,
    String sexRaw,
    Integer ageYears,
    String pathologyLabel,
    boolean operated,
    Boolean psychosocialFollowUp)
    implements Serializable {}
