package org.palabre.sources.iati;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One {@code result/indicator/period}, flattened with its result and indicator, so that a target and
 * an actual value can be read without joins. An indicator without any period gives no record.
 *
 * <p>IATI 2.03 allows several {@code baseline}, {@code target} and {@code actual} elements (per
 * location or dimension); this record keeps the first of each.
 *
 * @param iatiIdentifier the activity's identifier
 * @param line line where {@code <period>} starts
 * @param path where it is in the file, e.g. {@code iati-activity[3]/result[1]/indicator[1]/period[2]} ({@link IatiRecord#path()})
 * @param resultType ResultType code (1 output, 2 outcome, 3 impact, 9 other); nullable
 * @param resultTitle {@code result/title} narrative; nullable
 * @param indicatorMeasure IndicatorMeasure code (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5
 *     qualitative); nullable
 * @param indicatorAscending {@code @ascending}: true when higher is better; null when absent
 * @param indicatorTitle {@code indicator/title} narrative; nullable
 * @param baselineYear {@code baseline/@year}; nullable
 * @param baselineDate {@code baseline/@iso-date}; nullable
 * @param baselineValue {@code baseline/@value}; nullable
 * @param periodStart {@code period-start/@iso-date}
 * @param periodEnd {@code period-end/@iso-date}
 * @param target {@code target/@value}; nullable (qualitative indicators have none)
 * @param actual {@code actual/@value}; nullable
 */
public record IatiResultPeriod(
    String iatiIdentifier,
    long line,
    String path,
    String resultType,
    String resultTitle,
    String indicatorMeasure,
    Boolean indicatorAscending,
    String indicatorTitle,
    Integer baselineYear,
    LocalDate baselineDate,
    BigDecimal baselineValue,
    LocalDate periodStart,
    LocalDate periodEnd,
    BigDecimal target,
    BigDecimal actual)
    implements IatiRecord {}
