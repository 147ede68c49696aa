package org.palabre.sources.dhis2;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.palabre.codes.SchemaFiles;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;
import org.palabre.text.Labels;

/**
 * Which network member a DHIS2 organisation unit reports for, from {@value #RESOURCE}: the member
 * of the nearest listed unit on the unit's ancestry (the unit itself first, the tree root last),
 * matched by uid, code or normalised name. Harmonisation is data: a new DHIS2 instance is a line in
 * that file.
 */
public final class Dhis2MemberMapping implements Serializable {

  public static final String RESOURCE = "schemas/mappings/dhis2_members.csv";

  private final Map<String, String> byUidOrCode = new HashMap<>();
  private final Map<String, String> byName = new HashMap<>();

  Dhis2MemberMapping(List<Map<String, String>> rows) {
    for (Map<String, String> row : rows) {
      String key = row.get("org_unit") == null ? "" : row.get("org_unit").trim();
      String member = row.get("member_code") == null ? "" : row.get("member_code").trim();
      if (key.isEmpty() || member.isEmpty()) {
        throw new IllegalArgumentException(RESOURCE + ": every line needs org_unit and member_code: " + row);
      }
      byUidOrCode.put(key, member);
      byName.put(Labels.normalise(key), member);
    }
  }

  public static Dhis2MemberMapping fromClasspath() {
    return new Dhis2MemberMapping(SchemaFiles.readCsv("mappings/dhis2_members.csv"));
  }

  /** The member of the nearest listed unit of {@code ancestry} (root first, the unit last). */
  public Optional<String> memberOf(List<OrgUnit> ancestry) {
    for (int i = ancestry.size() - 1; i >= 0; i--) {
      OrgUnit unit = ancestry.get(i);
      for (String key : new String[] {unit.id(), unit.code()}) {
        if (key != null && byUidOrCode.containsKey(key)) {
          return Optional.of(byUidOrCode.get(key));
        }
      }
      if (unit.name() != null && byName.containsKey(Labels.normalise(unit.name()))) {
        return Optional.of(byName.get(Labels.normalise(unit.name())));
      }
    }
    return Optional.empty();
  }
}
