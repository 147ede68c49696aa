package org.palabre.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.palabre.model.Period;

/**
 * Reads the month, date, quarter or year that members write in their reports, in French or
 * English: {@code 2023-04}, {@code 04/2023}, {@code avril 2023}, {@code Avr. 2023},
 * {@code April 2023}, {@code 202304}, {@code 15/04/2023}, {@code 2023-04-15},
 * {@code 1 March 2015}, {@code 1er mars 2015}, {@code 2023Q2}, {@code T2 2023}, {@code 2023}.
 * A date becomes a one-day period; the indicator models roll it up to its month.
 */
public final class Periods {

  public static final String ACCEPTED =
      "2023-04, 04/2023, avril 2023, April 2023, 202304, 15/04/2023, 2023-04-15, 1 March 2015, "
          + "2023Q2, T2 2023, 2023";

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("janvier", 1), Map.entry("janv", 1), Map.entry("jan", 1), Map.entry("january", 1),
          Map.entry("fevrier", 2), Map.entry("fevr", 2), Map.entry("fev", 2), Map.entry("feb", 2),
          Map.entry("february", 2), Map.entry("mars", 3), Map.entry("mar", 3), Map.entry("march", 3),
          Map.entry("avril", 4), Map.entry("avr", 4), Map.entry("apr", 4), Map.entry("april", 4),
          Map.entry("mai", 5), Map.entry("may", 5), Map.entry("juin", 6), Map.entry("jun", 6),
          Map.entry("june", 6), Map.entry("juillet", 7), Map.entry("juil", 7), Map.entry("jul", 7),
          Map.entry("july", 7), Map.entry("aout", 8), Map.entry("aou", 8), Map.entry("aug", 8),
          Map.entry("august", 8), Map.entry("septembre", 9), Map.entry("sept", 9), Map.entry("sep", 9),
          Map.entry("september", 9), Map.entry("octobre", 10), Map.entry("oct", 10),
          Map.entry("october", 10), Map.entry("novembre", 11), Map.entry("nov", 11),
          Map.entry("november", 11), Map.entry("decembre", 12), Map.entry("dec", 12),
          Map.entry("december", 12));

  private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})[-/. ](\\d{1,2})");
  private static final Pattern COMPACT_YEAR_MONTH = Pattern.compile("(\\d{4})(\\d{2})");
  private static final Pattern MONTH_YEAR = Pattern.compile("(\\d{1,2})[-/. ](\\d{4})");
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})");
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[t ].*)?");
  private static final Pattern NAMED_MONTH_YEAR = Pattern.compile("(?:(\\d{1,2})(?:er|st|nd|rd|th)? )?([a-z]+) (\\d{4})");
  private static final Pattern YEAR_NAMED_MONTH = Pattern.compile("(\\d{4}) ([a-z]+)");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4}) ?[qt]([1-4])|[qt]([1-4]) (\\d{4})");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");

  private static final Pattern RUN_ID_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T.*");

  private Periods() {}

  /**
   * The date of a run, from its id: the ingest's run ids begin with the run's UTC date ({@code
   * 20261201T093000123Z-1a2b3c}; a test injects another date through {@code
   * IngestJob.Options.runDate}); today (UTC) for any other id.
   */
  public static LocalDate runDate(String runId) {
    Matcher m = runId == null ? null : RUN_ID_DATE.matcher(runId);
    if (m != null && m.matches()) {
      try {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      } catch (DateTimeException e) {
        // not a date: today
      }
    }
    return LocalDate.now(java.time.ZoneOffset.UTC);
  }

  /**
   * The one rule for dates of what happened, in every family: nothing reported can be dated after
   * the run. A period that starts after the run date (a figure's month, an alert raised, an
   * advocacy action, a partnership's start, a mission's start, a survey submitted) is a typing
   * error, most often the year; forecasts (targets, planned budgets and end dates) are not checked.
   *
   * @param what how the reason names the value ("period", "Date de début")
   * @return null when the period has started by the run date; otherwise the reason, e.g. "period
   *     2099-03 is after the run date 2026-12-01: check the year"
   */
  public static String afterRunDate(String what, Period period, LocalDate runDate) {
    return period == null ? null : afterRunDate(what, period.label(), period.start(), runDate);
  }

  /** As {@link #afterRunDate(String, Period, LocalDate)} for a date. */
  public static String afterRunDate(String what, LocalDate date, LocalDate runDate) {
    return date == null ? null : afterRunDate(what, date.toString(), date, runDate);
  }

  /** As {@link #afterRunDate(String, Period, LocalDate)} for a period written {@code label} that starts on {@code start}. */
  public static String afterRunDate(String what, String label, LocalDate start, LocalDate runDate) {
    return start == null || !start.isAfter(runDate) ? null
        : what + " " + label + " is after the run date " + runDate + ": check the year";
  }

  /**
   * The period written in {@code text}.
   *
   * @throws IllegalArgumentException naming the accepted forms when the text is not a period
   */
  public static Period parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("no period given; write it as one of: " + ACCEPTED);
    }
    String raw = text.strip();
    // numeric forms are matched on the raw text (Labels.normalise would drop their punctuation)
    String lower = raw.toLowerCase(Locale.ROOT);
    try {
      Matcher m;
      if ((m = ISO_DATE.matcher(lower)).matches()) {
        return Period.day(LocalDate.of(year(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
      }
      if ((m = DAY_MONTH_YEAR.matcher(lower)).matches()) {
        return Period.day(LocalDate.of(year(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))));
      }
      if ((m = YEAR_MONTH.matcher(lower)).matches()) {
        return Period.month(YearMonth.of(year(m.group(1)), Integer.parseInt(m.group(2))));
      }
      if ((m = MONTH_YEAR.matcher(lower)).matches()) {
        return Period.month(YearMonth.of(year(m.group(2)), Integer.parseInt(m.group(1))));
      }
      if ((m = COMPACT_YEAR_MONTH.matcher(lower)).matches()) {
        return Period.month(YearMonth.of(year(m.group(1)), Integer.parseInt(m.group(2))));
      }
      if ((m = YEAR.matcher(lower)).matches()) {
        return Period.year(year(m.group(1)));
      }
      String words = Labels.normalise(raw);
      if ((m = QUARTER.matcher(words)).matches()) {
        return m.group(1) != null
            ? Period.quarter(year(m.group(1)), Integer.parseInt(m.group(2)))
            : Period.quarter(year(m.group(4)), Integer.parseInt(m.group(3)));
      }
      if ((m = NAMED_MONTH_YEAR.matcher(words)).matches()) {
        Integer month = MONTHS.get(m.group(2));
        if (month != null) {
          YearMonth ym = YearMonth.of(year(m.group(3)), month);
          return m.group(1) == null ? Period.month(ym) : Period.day(ym.atDay(Integer.parseInt(m.group(1))));
        }
      }
      if ((m = YEAR_NAMED_MONTH.matcher(words)).matches()) {
        Integer month = MONTHS.get(m.group(2));
        if (month != null) {
          return Period.month(YearMonth.of(year(m.group(1)), month));
        }
      }
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + raw + "' is not a valid date: " + e.getMessage());
    }
    throw new IllegalArgumentException("'" + raw + "' is not a month, date, quarter or year; write it as one of: " + ACCEPTED);
  }

  private static int year(String digits) {
    int year = Integer.parseInt(digits);
    if (year < 1900 || year > 2100) {
      throw new DateTimeException("year " + year + " is out of range 1900-2100");
    }
    return year;
  }
}
