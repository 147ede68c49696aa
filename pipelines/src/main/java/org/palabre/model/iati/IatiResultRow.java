package org.palabre.model.iati;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One {@code result/indicator/period} (table {@code iati_results}), flattened with its result and
 * indicator: target and actual value of the period, with the indicator's baseline.
 */
public record IatiResultRow(
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    String sourcePath,
    long activityLine,
    String activityPath,
    String iatiIdentifier,
    String resultType,
    String resultTitle,
    String indicatorMeasure,
    Boolean indicatorAscending,
    String indicatorTitle,
    Integer baselineYear,
    LocalDate baselineDate,
    Double baselineValue,
    LocalDate periodStart,
    LocalDate periodEnd,
    Double target,
    Double actual)
    implements Serializable {}
