package org.palabre.sources.dhis2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * The DHIS2 organisation-unit hierarchy (country, region, district, facility/ASACO), to place a
 * figure reported by a facility in its district, region and country.
 *
 * <p>The ancestry of a unit comes from its {@code path} when the export has one and every uid on
 * it is known; otherwise from the {@code parent} links. If a parent is missing from the metadata
 * the chain stops there (the ancestry is then partial: it starts below the missing unit); a cycle
 * in parent links stops at the repeated unit.
 */
public final class OrgUnitTree {

  private final Map<String, OrgUnit> units = new HashMap<>();

  public OrgUnitTree(Collection<OrgUnit> orgUnits) {
    for (OrgUnit unit : orgUnits) {
      units.put(unit.id(), unit);
    }
  }

  public boolean contains(String uid) {
    return uid != null && units.containsKey(uid);
  }

  /**
   * The unit and its ancestors, root first (ordered by level), ending with the unit itself; empty
   * when the unit is unknown.
   */
  public List<OrgUnit> ancestry(String uid) {
    OrgUnit unit = uid == null ? null : units.get(uid);
    if (unit == null) {
      return List.of();
    }
    List<OrgUnit> fromPath = fromPath(unit);
    return fromPath != null ? fromPath : fromParents(unit);
  }

  /** The ancestor (or the unit itself) at the given level, 1 being the root. */
  public Optional<OrgUnit> ancestorAtLevel(String uid, int level) {
    List<OrgUnit> chain = ancestry(uid);
    for (int i = 0; i < chain.size(); i++) {
      if (levelOf(chain, i) == level) {
        return Optional.of(chain.get(i));
      }
    }
    return Optional.empty();
  }

  /** The unit's level: as exported, else its depth when the ancestry reaches a root. */
  public Optional<Integer> level(String uid) {
    List<OrgUnit> chain = ancestry(uid);
    return chain.isEmpty() ? Optional.empty() : Optional.ofNullable(levelOrNull(chain,
        chain.size() - 1));
  }

  private static int levelOf(List<OrgUnit> chain, int index) {
    Integer level = levelOrNull(chain, index);
    return level == null ? -1 : level;
  }

  private static Integer levelOrNull(List<OrgUnit> chain, int index) {
    OrgUnit unit = chain.get(index);
    if (unit.level() != null) {
      return unit.level();
    }
    // Without an exported level, depth counts only when the chain starts at a true root.
    return chain.get(0).parentId() == null ? index + 1 : null;
  }

  private List<OrgUnit> fromPath(OrgUnit unit) {
    if (unit.path() == null || unit.path().isBlank()) {
      return null;
    }
    List<OrgUnit> chain = new ArrayList<>();
    for (String id : unit.path().split("/")) {
      if (id.isBlank()) {
        continue;
      }
      OrgUnit u = units.get(id.trim());
      if (u == null) {
        return null; // fall back on parent links
      }
      chain.add(u);
    }
    if (chain.isEmpty() || !chain.get(chain.size() - 1).id().equals(unit.id())) {
      return null;
    }
    return List.copyOf(chain);
  }

  private List<OrgUnit> fromParents(OrgUnit unit) {
    List<OrgUnit> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    OrgUnit current = unit;
    while (current != null && seen.add(current.id())) {
      chain.add(current);
      current = current.parentId() == null ? null : units.get(current.parentId());
    }
    Collections.reverse(chain);
    return List.copyOf(chain);
  }
}
