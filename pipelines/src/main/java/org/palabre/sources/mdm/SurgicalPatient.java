package org.palabre.sources.mdm;

import java.io.Serializable;

/**
 * One patient of an Opération Sourire mission sheet, pseudonymised, in the sheet's own words.
 * Carries no name, no clear patient code, no date of birth, and the pathology only as {@link
 * org.palabre.privacy.ClinicalText} allows: only what the indicators need.
 *
 * @param missionId the mission the patient belongs to ({@link MissionSheet#missionId()})
 * @param patientPseudonym pseudonym of the field patient code ({@code p_} + 32 hex, see {@link
 *     org.palabre.privacy.Pseudonymiser}); the same patient has the same pseudonym in every mission
 * @param sexRaw the sex as written ({@code F}, {@code homme}, {@code ?}); null when not given
 * @param ageYears age in completed years at the start of the mission (given, or computed from the
 *     date of birth); null when neither was given
 * @param pathologyLabel the pathology as written, normalised (case, accents, punctuation) when made
 *     of clinical words, else its keyed hash ({@code h_...}); null when blank
 * @param operated whether the patient was operated during the mission
 * @param psychosocialFollowUp whether the patient has psychosocial follow-up; null when the sheet
 *     does not say
 * @param line 1-based line where the patient's object starts in the mission file
 */
public record SurgicalPatient(
    String missionId,
    String patientPseudonym,
    String sexRaw,
    Integer ageYears,
    String pathologyLabel,
    boolean operated,
    Boolean psychosocialFollowUp,
    long line)
    implements Serializable {}
