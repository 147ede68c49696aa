package org.palabre.sources.dhis2;

import java.math.BigDecimal;
import java.util.List;

/**
 * A DHIS2 data value that passed {@link Dhis2Validator}: a figure for a common metric, at a known
 * organisation unit, over a parsed period, with sex and age group in Palabre's codes. This is what
 * the DHIS2 pipeline writes to the lake.
 *
 * @param metricCode common metric, from {@code schemas/mappings/dhis2_data_elements.csv}
 * @param dataElement DHIS2 data element uid
 * @param orgUnit DHIS2 organisation unit uid
 * @param orgUnitPath uids from the root (country) down to {@code orgUnit}, included
 * @param period the reporting period with its dates
 * @param sex {@code female}, {@code male}, {@code unknown}; null when the value is not
 *     disaggregated by sex (a total)
 * @param ageGroup a common band ({@code 0-4} ... {@code 60+}) or the source's own band when
 *     {@code ageGroupComparable} is false; null when not disaggregated by age
 * @param ageGroupComparable false when {@code ageGroup} is not one of the common bands
 * @param value the figure; BOOLEAN data elements give 1 or 0
 * @param categoryOptionCombo DHIS2 disaggregation combo uid; null for the default combo
 * @param attributeOptionCombo DHIS2 attribute combo uid; null for the default combo
 * @param sourceLine line of the source file where the value starts
 */
public record Dhis2Observation(
    String metricCode,
    String dataElement,
    String orgUnit,
    List<String> orgUnitPath,
    Dhis2Period period,
    String sex,
    String ageGroup,
    boolean ageGroupComparable,
    BigDecimal value,
    String categoryOptionCombo,
    String attributeOptionCombo,
    long sourceLine) {

  public Dhis2Observation {
    orgUnitPath = List.copyOf(orgUnitPath);
  }
}
