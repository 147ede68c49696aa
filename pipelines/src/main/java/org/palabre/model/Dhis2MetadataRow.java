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
 *     categoryOption}, {@code categoryOptionCombo} or {@code dataSet}
 * @param members the uids it is made of, space-separated: a combo's categories, a category's or an
 *     option combo's options, a data set's data elements; null for the others
 * @param periodType a data set's period type ({@code Monthly}); null for the others
 * @param timelyDays a data set's days after the period's end a report is on time
 * @param orgUnits a data set's assigned org units, space-separated
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
    String members,
    String periodType,
    Integer timelyDays,
    String orgUnits)
    implements Serializable {}
