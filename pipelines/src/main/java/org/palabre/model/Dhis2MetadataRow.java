package org.palabre.model;

import java.io.Serializable;

/**
 * One DHIS2 metadata object of a metadata delivery other than an organisation unit (lake table
 * {@code dhis2_metadata}): a data element, a category combo, a category, a category option or a
 * category option combo, in DHIS2's own words, so that the crosswalk can map a value's data element
 * and option combo (by uid, code or name) at build time.
 *
 * @param sourceLine the object's position among the metadata objects of its file (1 = first)
 * @param objectType {@code dataElement}, {@code categoryCombo}, {@code category}, {@code
 *     categoryOption} or {@code categoryOptionCombo}
 * @param members the uids it is made of, space-separated: a combo's categories, a category's or an
 *     option combo's options; null for the others
 */
public record Dhis2MetadataRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // object
    String objectType,
    String uid,
    String code,
    String name,
    String valueType,
    String aggregationType,
    String categoryCombo,
    String members)
    implements Serializable {}
