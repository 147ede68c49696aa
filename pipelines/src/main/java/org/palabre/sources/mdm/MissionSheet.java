package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * One Opération Sourire surgical mission, as read from its mission sheet (one JSON document per
 * mission), harmonised. Its patients are separate {@link SurgicalPatient} records carrying the same
 * {@link #missionId}.
 *
 * @param missionId the mission's identifier as the team wrote it, trimmed (e.g. {@code OS-MG-2023-02})
 * @param section network section code running the mission: FR, NL, JP, DE (ISO alpha-2 of the member)
 * @param countryRaw the country as written (name in French or English, or an ISO code)
 * @param countryIso2 ISO 3166-1 alpha-2 of the country, null when the mapping does not know it
 * @param site hospital or site, as written; null when not given
 * @param startDate first day of the mission
 * @param endDate last day of the mission; null while a mission is still running
 * @param teamByRole number of volunteers per role code (surgeon, anaesthetist, nurse,
 *     paediatrician, physiotherapist, psychologist, speech_therapist, coordinator, logistician,
 *     other); names of volunteers are never kept
 * @param volunteers total of {@code teamByRole}
 * @param status {@code active}, {@code transferred} or {@code closed}
 * @param transferPartner organisation taking over the activities, as written; null if none
 * @param transferPlannedDate date the transfer is planned for; null if none
 * @param transferActualDate date the transfer took place; null if not (yet) done
 * @param patientsListed number of entries in the sheet's patient list (accepted + rejected patients)
 * @param line 1-based line where the mission object starts in its file
 */
public record MissionSheet(
    String missionId,
    String section,
    String countryRaw,
    String countryIso2,
    String site,
    LocalDate startDate,
    LocalDate endDate,
    Map<String, Integer> teamByRole,
    int volunteers,
    String status,
    String transferPartner,
    LocalDate transferPlannedDate,
    LocalDate transferActualDate,
    int patientsListed,
    long line)
    implements Serializable {

  public MissionSheet {
    teamByRole = Map.copyOf(teamByRole);
  }
}
