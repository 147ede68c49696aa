package org.palabre.sources.dhis2;

/**
 * One DHIS2 data value as read from a data value set (JSON or CSV), before any check against
 * metadata: the text as DHIS2 wrote it, with the data value set's header already applied where the
 * value did not say otherwise. {@link Dhis2Validator} turns it into a {@link Dhis2Observation}.
 *
 * @param dataElement data element uid (or code, if the export used codes)
 * @param period DHIS2 ISO period, unparsed (e.g. {@code 201503}); see {@link Dhis2Period}
 * @param orgUnit organisation unit uid
 * @param categoryOptionCombo disaggregation combo uid; null means the default combo
 * @param attributeOptionCombo attribute combo uid; null means the default combo
 * @param value the value as text (JSON numbers keep their written form); null when missing
 * @param storedBy user who stored the value
 * @param created creation timestamp as written (JSON only; null from CSV)
 * @param lastUpdated last update timestamp as written
 * @param comment free-text comment
 * @param followup marked for follow-up
 * @param deleted the value was deleted in DHIS2 (soft delete); such values must not be counted
 * @param dataSet data set uid from the data value set header, if any
 * @param completeDate completion date from the data value set header, if any
 * @param sourceLine 1-based line of the file where this value starts
 */
public record Dhis2DataValue(
    String dataElement,
    String period,
    String orgUnit,
    String categoryOptionCombo,
    String attributeOptionCombo,
    String value,
    String storedBy,
    String created,
    String lastUpdated,
    String comment,
    boolean followup,
    boolean deleted,
    String dataSet,
    String completeDate,
    long sourceLine) {

  /** The same value, placed at another line (or position) of its file. */
  public Dhis2DataValue withSourceLine(long line) {
    return new Dhis2DataValue(dataElement, period, orgUnit, categoryOptionCombo,
        attributeOptionCombo, value, storedBy, created, lastUpdated, comment, followup, deleted,
        dataSet, completeDate, line);
  }
}
