package org.palabre.sources.iati;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One {@code budget} of an activity, validated: a number, a currency and a period are always there.
 *
 * @param iatiIdentifier the activity's identifier
 * @param line line where {@code <budget>} starts
 * @param path where it is in the file, e.g. {@code iati-activity[3]/budget[2]} ({@link IatiRecord#path()})
 * @param type BudgetType code: {@code 1} original, {@code 2} revised; {@code 1} when the file omits
 *     it (2.03 requires it; a first budget is normally the original)
 * @param status BudgetStatus code: {@code 1} indicative, {@code 2} committed; {@code 1} when absent,
 *     as the standard says an absent status means indicative
 * @param periodStart {@code period-start/@iso-date}
 * @param periodEnd {@code period-end/@iso-date}
 * @param value {@code value} text, as a number (spaces, thousands commas and a leading '+' removed)
 * @param currency {@code value/@currency}, else the activity's {@code @default-currency}
 * @param valueDate {@code value/@value-date}, else {@link #periodStart} when the file omits it
 */
public record IatiBudget(
    String iatiIdentifier,
    long line,
    String path,
    String type,
    String status,
    LocalDate periodStart,
    LocalDate periodEnd,
    BigDecimal value,
    String currency,
    LocalDate valueDate)
    implements IatiRecord {}
