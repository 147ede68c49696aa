package org.palabre.sources.dhis2;

import java.math.BigDecimal;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOptionCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * A DHIS2 data value that passed {@link Dhis2Validator}: a number, for a data element, an
 * organisation unit and an option combo that the delivery's metadata know, over a parsed period.
 * Still in DHIS2's own terms: which common metric, member and breakdown it is, is the
 * crosswalk's business (schemas/mappings/dhis2_*.csv, applied at build time).
 *
 * @param country the name of the unit's level-1 ancestor (DHIS2's country level); null when the tree cannot say
 * @param region its level-2 ancestor's name
 * @param district its level-3 ancestor's name
 * @param categoryOptionCombo the disaggregation; null for the default combo
 * @param attributeOptionCombo uid of the attribute combo; null for the default combo
 * @param value the figure; BOOLEAN data elements give 1 or 0
 * @param lastUpdated when DHIS2 last updated the value, as written (null when the export does not say)
 * @param completeDate when the data set's report was completed (the data value set header's {@code completeDate}), as written; null when not given
 * @param sourceLine line of the source file where the value starts (its position in compact JSON)
 */
public record Dhis2Observation(
    DataElement dataElement,
    OrgUnit orgUnit,
    String country,
    String region,
    String district,
    Dhis2Period period,
    BigDecimal value,
    CategoryOptionCombo categoryOptionCombo,
    String attributeOptionCombo,
    String lastUpdated,
    String completeDate,
    long sourceLine) {}
