package org.palabre.model;

import java.io.Serializable;

/**
 * One line of an outlier bounds table ({@code reference/}, lake table {@code outlier_bounds}): the
 * smallest and largest plausible value of a metric's monthly, quarterly or yearly figure, for the
 * network, a member or one reporting unit, optionally for one sex or age group (DHIS2's min-max
 * values). Codes are kept as written; the build matches them (intermediate.int_outliers).
 *
 * @param min null when the line gives only a maximum
 * @param max null when the line gives only a minimum
 */
public record OutlierBoundRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // which figures, as written (blank = all)
    String metricCode,
    String member,
    String reportingUnit,
    String sex,
    String ageGroup,
    // bounds
    Double min,
    Double max)
    implements Serializable {}
