package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One harmonised figure, the grain of the lake's {@code observations} table: a metric from the
 * common code list, for one place and period, optionally broken down by sex and age group. A null
 * sex or age group means "all" (the total over it). Provenance (delivery, file, line) travels with
 * the figure so any indicator can be traced back to the rows it came from.
 */
public record Observation(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // place
    String member,
    String orgUnit,
    String countryIso2,
    String adm1,
    String adm2,
    String sector,
    // period (all null when the source gives none)
    String periodType,
    String period,
    LocalDate periodStart,
    LocalDate periodEnd,
    // figure
    String metricCode,
    String sex,
    String ageGroup,
    double value,
    boolean derived)
    implements Serializable {}
