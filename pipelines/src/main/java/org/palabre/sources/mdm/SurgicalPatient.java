package org.palabre.sources.mdm;

import java.io.Serializable;

/**
 * One patient of an Opération Sourire mission sheet, pseudonymised and harmonised. Carries no name,
 * no clear patient code and no date of birth: only what the indicators need.
 *
 * @param missionId the mission the patient belongs to ({@link MissionSheet#missionId()})
 * @param patientPseudonym pseudonym of the field patient code ({@code p_} + 32 hex, see {@link
 *     org.palabre.privacy.Pseudonymiser}); the same patient has the same pseudonym in every mission
 * @param sex {@code female}, {@code male} or {@code unknown}
 * @param ageYears age in completed years at the start of the mission (given, or computed from the
 *     date of birth); null when neither was given
 * @param ageGroup the network age group: 0-4, 5-14, 15-17, 18-24, 25-59, 60+, unknown
 * @param pathologyRaw the pathology as the team wrote it, trimmed; null when blank
 * @param pathology common code: {@code cleft}, {@code burn}, {@code tumour}, {@code other}, or
 *     {@code unknown} when blank
 * @param operated whether the patient was operated during the mission
 * @param psychosocialFollowUp whether the patient has psychosocial follow-up; null when the sheet
 *     does not say
 * @param line 1-based line where the patient's object starts in the mission file
 */
public record SurgicalPatient(
    String missionId,
    String patientPseudonym,
    String sex,
    Integer ageYears,
    String ageGroup,
    String pathologyRaw,
    String pathology,
    boolean operated,
    Boolean psychosocialFollowUp,
    long line)
    implements Serializable {

  /** The network age group of an age in years (null gives {@code unknown}). */
  public static String ageGroup(Integer years) {
    if (years == null) {
      return "unknown";
    }
    if (years < 5) {
      return "0-4";
    }
    if (years < 15) {
      return "5-14";
    }
    if (years < 18) {
      return "15-17";
    }
    if (years < 25) {
      return "18-24";
    }
    if (years < 60) {
      return "25-59";
    }
    return "60+";
  }
}
