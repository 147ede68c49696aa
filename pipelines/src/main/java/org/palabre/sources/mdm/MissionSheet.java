package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * One Opération Sourire surgical mission, as read from its mission sheet (one JSON document per
 * mission), in the sheet's own words: labels as written, dates parsed. Its patients are separate
 * {@link SurgicalPatient} records carrying the same {@link #missionId}.
 *
 * @param missionId the mission's identifier as the team wrote it, trimmed (e.g. {@code OS-MG-2023-02})
 * @param sectionRaw the network section as written ({@code FR}, {@code MdM France}, {@code Pays-Bas}...)
 * @param countryRaw the country as written (name in French or English, or an ISO code)
 * @param site hospital or site, as written; null when not given
 * @param startDate first day of the mission
 * @param endDate last day of the mission; null while a mission is still running
 * @param teamByRole number of volunteers per role as written ({@code chirurgiens}, {@code nurses});
 *     names of volunteers are never kept
 * @param volunteers total of {@code teamByRole}
 * @param statusRaw the status as written ({@code actif}, {@code transféré}, {@code closed}...)
 * @param transferPartner organisation taking over the activities, as written; null if none
 * @param transferPlannedDate date the transfer is planned for; null if none
 * @param transferActualDate date the transfer took place; null if not (yet) done
 * @param patientsListed number of entries in the sheet's patient list (accepted + rejected patients)
 * @param line 1-based line where the mission object starts in its file
 */
public record MissionSheet(
    String missionId,
    String sectionRaw,
    String countryRaw,
    String site,
    LocalDate startDate,
    LocalDate endDate,
    Map<String, Integer> teamByRole,
    int volunteers,
    String statusRaw,
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
