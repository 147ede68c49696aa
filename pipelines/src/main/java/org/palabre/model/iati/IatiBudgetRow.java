package org.palabre.model.iati;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One IATI {@code budget} (table {@code iati_budgets}): the value as published ({@code valueText}
 * is the exact number, {@code value} the same as a double), its currency and value date, and its
 * EUR value at the rate of the value date or the closest earlier one ({@code rateDate}).
 */
public record IatiBudgetRow(
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    String sourcePath,
    long activityLine,
    String activityPath,
    String iatiIdentifier,
    String budgetType,
    String budgetStatus,
    LocalDate periodStart,
    LocalDate periodEnd,
    double value,
    String valueText,
    String currency,
    LocalDate valueDate,
    double valueEur,
    double rateUnitsPerEur,
    LocalDate rateDate)
    implements Serializable {}
