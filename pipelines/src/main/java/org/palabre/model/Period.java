package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;

/**
 * A reporting period: its type ({@code day}, {@code week}, {@code month}, {@code quarter},
 * {@code year} or a source-specific type such as {@code financial_year}), its label as Palabre
 * writes it ({@code 2024-03}, {@code 2024Q1}, {@code 2024}) and its inclusive start and end dates.
 */
public record Period(String type, String label, LocalDate start, LocalDate end) implements Serializable {

  public static Period month(YearMonth month) {
    return new Period("month", month.toString(), month.atDay(1), month.atEndOfMonth());
  }

  public static Period day(LocalDate day) {
    return new Period("day", day.toString(), day, day);
  }

  public static Period year(int year) {
    return new Period("year", Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }

  public static Period quarter(int year, int quarter) {
    LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    return new Period("quarter", year + "Q" + quarter, start, start.plusMonths(3).minusDays(1));
  }

  /** The quarter holding a date. */
  public static Period quarterOf(LocalDate date) {
    return quarter(date.getYear(), date.get(IsoFields.QUARTER_OF_YEAR));
  }
}
