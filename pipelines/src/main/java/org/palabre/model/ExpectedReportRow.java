package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One line of a reporting calendar ({@code reference/expected_reports.csv}, lake table {@code
 * expected_reports}): which reporting unit (or every unit of a member) must send which dataset, how
 * often, from when to when, and how many days after a period's end its report is on time. Member,
 * unit and dataset are kept as written; the build matches them to the units and datasets the data
 * know (intermediate.int_reporting_expected).
 *
 * @param frequency {@code month}, {@code quarter}, {@code year}, or {@code mission} (one report due
 *     {@code daysAllowed} days after {@code to}: a mission sheet)
 * @param fromDate first day of the {@code from} period; null when blank (from the unit's first report)
 * @param toDate last day of the {@code to} period; null when blank (to the last complete period before the run)
 * @param daysAllowed null when blank (the default of its dataset, schemas/settings.csv)
 */
public record ExpectedReportRow(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    long sourceLine,
    // who, as written
    String member,
    String reportingUnit,
    String dataset,
    // when
    String frequency,
    String fromRaw,
    LocalDate fromDate,
    String toRaw,
    LocalDate toDate,
    Integer daysAllowed)
    implements Serializable {}
