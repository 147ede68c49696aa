package org.palabre.model;

import java.io.Serializable;

/**
 * One organisation unit of a DHIS2 metadata delivery, as the lake table {@code dhis2_org_units}
 * holds it: the unit's DHIS2 ids, its place in the tree and the names of its ancestors at each
 * level. Levels are DHIS2's: 1 = {@code country}, 2 = {@code region}, 3 = {@code district}, 4 =
 * {@code facility} (Mali: pays, région, district sanitaire, CSCom/ASACO; Sierra Leone: national,
 * district, chiefdom, facility). A unit deeper than level 4 keeps its level-4 ancestor as facility.
 *
 * @param sourceLine the unit's position among the metadata objects of its file (1 = first)
 * @param level the unit's level, as exported or from its depth; null when the tree cannot say
 * @param path uids from the root down to the unit, {@code /root/.../uid}, as resolved by
 *     the DHIS2 reader (from the export's path or from the parent links)
 * <p>In DHIS2's own words: which country and network member a unit reports for is the
 * crosswalk's business ({@code schemas/mappings/dhis2_members.csv}, applied at build time).
 */
public record Dhis2OrgUnitRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // ids
    String uid,
    String code,
    String name,
    String shortName,
    // tree
    Integer level,
    String parentUid,
    String path,
    // names along the ancestry
    String country,
    String region,
    String district,
    String facility)
    implements Serializable {}
