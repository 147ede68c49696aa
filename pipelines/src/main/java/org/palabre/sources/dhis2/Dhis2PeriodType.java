package org.palabre.sources.dhis2;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The DHIS2 period types Palabre reads, with the name DHIS2 gives them (its {@code PeriodTypeEnum}
 * names, e.g. {@code FinancialApril}) and the ISO notation DHIS2 writes in data value sets.
 *
 * <p>The start/end rules live in {@link Dhis2Period#parse}; this enum only names the types.
 */
public enum Dhis2PeriodType {
  DAILY("Daily", "yyyyMMdd (or yyyy-MM-dd)"),
  WEEKLY("Weekly", "yyyyWn (ISO 8601 week, Monday start)"),
  WEEKLY_WEDNESDAY("WeeklyWednesday", "yyyyWedWn"),
  WEEKLY_THURSDAY("WeeklyThursday", "yyyyThuWn"),
  WEEKLY_SATURDAY("WeeklySaturday", "yyyySatWn"),
  WEEKLY_SUNDAY("WeeklySunday", "yyyySunWn"),
  BI_WEEKLY("BiWeekly", "yyyyBiWn"),
  MONTHLY("Monthly", "yyyyMM (or yyyy-MM)"),
  BI_MONTHLY("BiMonthly", "yyyyMMB (MM = 01..06)"),
  QUARTERLY("Quarterly", "yyyyQn"),
  QUARTERLY_NOV("QuarterlyNov", "yyyyNovQn"),
  SIX_MONTHLY("SixMonthly", "yyyySn"),
  SIX_MONTHLY_APRIL("SixMonthlyApril", "yyyyAprilSn"),
  SIX_MONTHLY_NOV("SixMonthlyNov", "yyyyNovSn"),
  YEARLY("Yearly", "yyyy"),
  FINANCIAL_APRIL("FinancialApril", "yyyyApril"),
  FINANCIAL_JULY("FinancialJuly", "yyyyJuly"),
  FINANCIAL_OCT("FinancialOct", "yyyyOct"),
  FINANCIAL_NOV("FinancialNov", "yyyyNov");

  private final String dhis2Name;
  private final String notation;

  Dhis2PeriodType(String dhis2Name, String notation) {
    this.dhis2Name = dhis2Name;
    this.notation = notation;
  }

  /** The name DHIS2 uses for this type, e.g. {@code SixMonthlyApril}. */
  public String dhis2Name() {
    return dhis2Name;
  }

  /** How DHIS2 writes a period of this type, e.g. {@code yyyyAprilSn}. */
  public String notation() {
    return notation;
  }

  /** Every accepted form, for error messages: {@code Daily yyyyMMdd, Weekly yyyyWn, ...}. */
  public static String acceptedForms() {
    return Arrays.stream(values())
        .map(t -> t.dhis2Name + " " + t.notation)
        .collect(Collectors.joining(", "));
  }
}
