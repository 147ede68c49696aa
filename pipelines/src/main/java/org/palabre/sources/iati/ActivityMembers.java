package org.palabre.sources.iati;

import java.io.Serializable;
import org.palabre.codes.OrganisationDirectory;
import org.palabre.sources.iati.IatiActivity.ParticipatingOrg;

/**
 * Decides which network member an IATI activity belongs to. Donors (AFD, Global Affairs Canada,
 * foundations) publish most activities, so the member is not the reporting organisation by
 * default but the organisation that does the work. In order:
 *
 * <ol>
 *   <li>the first {@code participating-org} with role 4 (implementing) that
 *       {@code schemas/mappings/organisations.csv} knows, by name or by ref;
 *   <li>else the {@code reporting-org}, if known (a member publishing its own activity);
 *   <li>else the first known {@code participating-org} with role 2 (accountable);
 *   <li>else {@code unknown}, and the load report lists the activity so the mapping can grow.
 * </ol>
 */
final class ActivityMembers implements Serializable {

  /** The member of an activity, how it was found and under which organisation name. */
  record Member(String code, String basis, String orgName) {
    static final Member UNKNOWN = new Member("unknown", "none", null);
  }

  private final OrganisationDirectory directory;

  ActivityMembers(OrganisationDirectory directory) {
    this.directory = directory;
  }

  Member of(IatiActivity activity) {
    for (ParticipatingOrg org : activity.participatingOrgs()) {
      if ("4".equals(org.role())) {
        String member = member(org.name(), org.ref());
        if (member != null) {
          return new Member(member, "implementing-org", org.name() != null ? org.name() : org.ref());
        }
      }
    }
    IatiActivity.ReportingOrg reporting = activity.reportingOrg();
    if (reporting != null) {
      String member = member(reporting.name(), reporting.ref());
      if (member != null) {
        return new Member(member, "reporting-org", reporting.name() != null ? reporting.name() : reporting.ref());
      }
    }
    for (ParticipatingOrg org : activity.participatingOrgs()) {
      if ("2".equals(org.role())) {
        String member = member(org.name(), org.ref());
        if (member != null) {
          return new Member(member, "accountable-org", org.name() != null ? org.name() : org.ref());
        }
      }
    }
    return Member.UNKNOWN;
  }

  /** The member code of an organisation known by name or ref; null when neither is in the mapping. */
  String member(String name, String ref) {
    for (String label : new String[] {name, ref}) {
      if (label != null && !label.isBlank()) {
        OrganisationDirectory.Organisation org = directory.resolve(label);
        if (org.known()) {
          return org.memberCode();
        }
      }
    }
    return null;
  }
}
