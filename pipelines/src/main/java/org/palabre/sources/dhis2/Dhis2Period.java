package org.palabre.sources.dhis2;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DHIS2 period as written in data value sets ({@code 201503}, {@code 2015W12}, {@code
 * 2015AprilS2}, ...), with the calendar dates it covers. {@link #parse} understands every ISO
 * notation DHIS2 uses on the ISO calendar and follows dhis2-core's {@code
 * DateUnitPeriodTypeParser} for the dates:
 *
 * <ul>
 *   <li>weekly types: week 1 is the first week (starting on the type's first day) with 4 or more
 *       days in the year, as {@code WeekFields.of(firstDay, 4)}; {@code 2015W1} starts 2014-12-29.
 *       A week number must exist in that week system: {@code 2015W53} and {@code 2020W53} exist,
 *       {@code 2016W53} does not. (DHIS2 checks Wednesday/Thursday/Saturday/Sunday weeks against
 *       the ISO week count instead; Palabre refuses a week that would spill into the next
 *       week-based year rather than guess.)
 *   <li>{@code BiWeekly} {@code yyyyBiWn}: starts on the Monday of ISO week {@code 2n-1} and
 *       lasts 14 days; valid while {@code 2n-1} is a week of that ISO year (so in a 53-week year
 *       {@code BiW27} is ISO week 53 plus week 1 of the next year, as in DHIS2).
 *   <li>{@code QuarterlyNov}, {@code SixMonthlyNov} and {@code FinancialNov} are named after the
 *       year they <em>end</em> in: {@code 2015Nov} is 2014-11-01..2015-10-31, {@code 2015NovQ1}
 *       is 2014-11-01..2015-01-31, {@code 2015NovS1} is 2014-11-01..2015-04-30.
 *   <li>{@code FinancialApril}, {@code FinancialJuly}, {@code FinancialOct} and {@code
 *       SixMonthlyApril} are named after the year they <em>start</em> in: {@code 2015April} is
 *       2015-04-01..2016-03-31, {@code 2015AprilS2} is 2015-10-01..2016-03-31.
 * </ul>
 *
 * @param type the period type
 * @param iso the period exactly as written in the source
 * @param start first day, inclusive
 * @param end last day, inclusive
 */
public record Dhis2Period(Dhis2PeriodType type, String iso, LocalDate start, LocalDate end) {

  private static final Pattern DAILY = Pattern.compile("(\\d{4})(-?)(\\d{2})\\2(\\d{2})");
  private static final Pattern WEEKLY = Pattern.compile("(\\d{4})(|Wed|Thu|Sat|Sun|Bi)W(\\d{1,2})");
  private static final Pattern MONTHLY = Pattern.compile("(\\d{4})-?(\\d{2})");
  private static final Pattern BI_MONTHLY = Pattern.compile("(\\d{4})(\\d{2})B");
  private static final Pattern QUARTERLY = Pattern.compile("(\\d{4})(|Nov)Q(\\d)");
  private static final Pattern SIX_MONTHLY = Pattern.compile("(\\d{4})(|April|Nov)S(\\d)");
  private static final Pattern YEARLY = Pattern.compile("(\\d{4})(|April|July|Oct|Nov)");

  public Dhis2Period {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(iso, "iso");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** The period type's DHIS2 name, e.g. {@code Monthly} or {@code FinancialApril}. */
  public String typeName() {
    return type.dhis2Name();
  }

  /**
   * Parses a DHIS2 ISO period string.
   *
   * @throws IllegalArgumentException if the text is not a DHIS2 period or names a period that does
   *     not exist (month 13, week 53 of a 52-week year, ...); the message lists the accepted forms
   */
  public static Dhis2Period parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(String.valueOf(text), "the period is empty");
    }
    String iso = text.trim();
    Matcher m;
    if ((m = YEARLY.matcher(iso)).matches()) {
      return yearly(iso, year(m), m.group(2));
    }
    if ((m = MONTHLY.matcher(iso)).matches()) {
      int month = checkRange(iso, "month", Integer.parseInt(m.group(2)), 12);
      YearMonth ym = YearMonth.of(year(m), month);
      return new Dhis2Period(Dhis2PeriodType.MONTHLY, iso, ym.atDay(1), ym.atEndOfMonth());
    }
    if ((m = DAILY.matcher(iso)).matches()) {
      int month = checkRange(iso, "month", Integer.parseInt(m.group(3)), 12);
      YearMonth ym = YearMonth.of(year(m), month);
      int day = checkRange(iso, "day", Integer.parseInt(m.group(4)), ym.lengthOfMonth());
      LocalDate date = ym.atDay(day);
      return new Dhis2Period(Dhis2PeriodType.DAILY, iso, date, date);
    }
    if ((m = WEEKLY.matcher(iso)).matches()) {
      return weekly(iso, year(m), m.group(2), Integer.parseInt(m.group(3)));
    }
    if ((m = BI_MONTHLY.matcher(iso)).matches()) {
      int n = checkRange(iso, "bi-month", Integer.parseInt(m.group(2)), 6);
      return months(Dhis2PeriodType.BI_MONTHLY, iso, YearMonth.of(year(m), 2 * n - 1), 2);
    }
    if ((m = QUARTERLY.matcher(iso)).matches()) {
      int q = checkRange(iso, "quarter", Integer.parseInt(m.group(3)), 4);
      if (m.group(2).isEmpty()) {
        return months(Dhis2PeriodType.QUARTERLY, iso, YearMonth.of(year(m), 3 * q - 2), 3);
      }
      // QuarterlyNov: Q1 starts in November of the previous year.
      YearMonth first = YearMonth.of(year(m) - 1, 11).plusMonths(3L * (q - 1));
      return months(Dhis2PeriodType.QUARTERLY_NOV, iso, first, 3);
    }
    if ((m = SIX_MONTHLY.matcher(iso)).matches()) {
      int s = checkRange(iso, "half-year", Integer.parseInt(m.group(3)), 2);
      int y = year(m);
      return switch (m.group(2)) {
        case "" -> months(Dhis2PeriodType.SIX_MONTHLY, iso, YearMonth.of(y, 6 * s - 5), 6);
        case "April" -> months(
            Dhis2PeriodType.SIX_MONTHLY_APRIL, iso, YearMonth.of(y, 4).plusMonths(6L * (s - 1)), 6);
        default -> months(
            Dhis2PeriodType.SIX_MONTHLY_NOV, iso, YearMonth.of(y - 1, 11).plusMonths(6L * (s - 1)), 6);
      };
    }
    throw invalid(iso, "it matches none of the DHIS2 period notations");
  }

  /** Like {@link #parse} but empty instead of an exception. */
  public static Optional<Dhis2Period> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The month a figure of this period is counted in when rolling up to months, so that no figure
   * is ever counted in two months. Empty for periods of more than one month.
   *
   * <ul>
   *   <li>Daily and Monthly: their own month.
   *   <li>Every 7-day week type (ISO, Wednesday, Thursday, Saturday, Sunday): DHIS2's rule, the
   *       month holding 4 or more of its 7 days, which is the month of the week's 4th day (the
   *       Thursday of an ISO week, the Saturday of a Wednesday week, the Sunday of a Thursday week,
   *       the Tuesday of a Saturday week, the Wednesday of a Sunday week).
   *   <li>BiWeekly: the month holding the majority of its 14 days; when they split 7/7 the second
   *       week's month wins. Both are the month of the 8th day ({@code start + 7}).
   * </ul>
   */
  public Optional<YearMonth> containingMonth() {
    return switch (type) {
      case DAILY, MONTHLY -> Optional.of(YearMonth.from(start));
      case WEEKLY, WEEKLY_WEDNESDAY, WEEKLY_THURSDAY, WEEKLY_SATURDAY, WEEKLY_SUNDAY ->
          Optional.of(YearMonth.from(start.plusDays(3)));
      case BI_WEEKLY -> Optional.of(YearMonth.from(start.plusDays(7)));
      default -> Optional.empty();
    };
  }

  /** Number of days covered, both ends included. */
  public long days() {
    return ChronoUnit.DAYS.between(start, end) + 1;
  }

  @Override
  public String toString() {
    return iso;
  }

  // --- rules ---------------------------------------------------------------------------------

  private static Dhis2Period yearly(String iso, int year, String suffix) {
    return switch (suffix) {
      case "" -> months(Dhis2PeriodType.YEARLY, iso, YearMonth.of(year, 1), 12);
      case "April" -> months(Dhis2PeriodType.FINANCIAL_APRIL, iso, YearMonth.of(year, 4), 12);
      case "July" -> months(Dhis2PeriodType.FINANCIAL_JULY, iso, YearMonth.of(year, 7), 12);
      case "Oct" -> months(Dhis2PeriodType.FINANCIAL_OCT, iso, YearMonth.of(year, 10), 12);
      // FinancialNov is named after the year it ends in (dhis2-core: start = year - 1, November).
      default -> months(Dhis2PeriodType.FINANCIAL_NOV, iso, YearMonth.of(year - 1, 11), 12);
    };
  }

  private static Dhis2Period weekly(String iso, int year, String kind, int week) {
    Dhis2PeriodType type;
    DayOfWeek firstDay;
    switch (kind) {
      case "" -> {
        type = Dhis2PeriodType.WEEKLY;
        firstDay = DayOfWeek.MONDAY;
      }
      case "Wed" -> {
        type = Dhis2PeriodType.WEEKLY_WEDNESDAY;
        firstDay = DayOfWeek.WEDNESDAY;
      }
      case "Thu" -> {
        type = Dhis2PeriodType.WEEKLY_THURSDAY;
        firstDay = DayOfWeek.THURSDAY;
      }
      case "Sat" -> {
        type = Dhis2PeriodType.WEEKLY_SATURDAY;
        firstDay = DayOfWeek.SATURDAY;
      }
      case "Sun" -> {
        type = Dhis2PeriodType.WEEKLY_SUNDAY;
        firstDay = DayOfWeek.SUNDAY;
      }
      default -> {
        return biWeekly(iso, year, week);
      }
    }
    int weeks = weeksInYear(year, firstDay);
    if (week < 1 || week > weeks) {
      throw invalid(iso, "week " + week + " does not exist: " + year + " has " + weeks
          + " " + type.dhis2Name() + " weeks");
    }
    LocalDate start = firstWeekStart(year, firstDay).plusWeeks(week - 1L);
    return new Dhis2Period(type, iso, start, start.plusDays(6));
  }

  private static Dhis2Period biWeekly(String iso, int year, int biWeek) {
    int isoWeeks = weeksInYear(year, DayOfWeek.MONDAY);
    int firstWeek = 2 * biWeek - 1;
    if (biWeek < 1 || firstWeek > isoWeeks) {
      throw invalid(iso, "bi-week " + biWeek + " does not exist: " + year + " has " + isoWeeks
          + " ISO weeks, so bi-weeks 1.." + ((isoWeeks + 1) / 2));
    }
    LocalDate start = firstWeekStart(year, DayOfWeek.MONDAY).plusWeeks(firstWeek - 1L);
    return new Dhis2Period(Dhis2PeriodType.BI_WEEKLY, iso, start, start.plusDays(13));
  }

  /** Week 1 holds 4 or more days of the year, so it is the week that holds 4 January. */
  static LocalDate firstWeekStart(int year, DayOfWeek firstDay) {
    return LocalDate.of(year, 1, 4).with(TemporalAdjusters.previousOrSame(firstDay));
  }

  static int weeksInYear(int year, DayOfWeek firstDay) {
    return (int) ChronoUnit.WEEKS.between(
        firstWeekStart(year, firstDay), firstWeekStart(year + 1, firstDay));
  }

  private static Dhis2Period months(
      Dhis2PeriodType type, String iso, YearMonth first, int count) {
    return new Dhis2Period(type, iso, first.atDay(1), first.plusMonths(count - 1L).atEndOfMonth());
  }

  private static int year(Matcher m) {
    return Integer.parseInt(m.group(1));
  }

  private static int checkRange(String iso, String unit, int value, int max) {
    if (value < 1 || value > max) {
      throw invalid(iso, unit + " " + value + " is out of range 1.." + max);
    }
    return value;
  }

  private static IllegalArgumentException invalid(String iso, String why) {
    return new IllegalArgumentException("'" + iso + "' is not a valid DHIS2 period (" + why
        + "). Accepted forms: " + Dhis2PeriodType.acceptedForms());
  }

  /**
   * The period in Palabre's terms: {@code day}, {@code month}, {@code quarter}, {@code year}
   * written as Palabre writes them ({@code 2016-03}, {@code 2016Q1}, {@code 2016}); the other types
   * keep DHIS2's notation ({@code 2016W12}, {@code 2016April}) with a type of their own: {@code
   * week} (every 7-day type), {@code bi_week}, {@code bi_month}, {@code quarter_nov}, {@code
   * six_month}, {@code six_month_april}, {@code six_month_nov}, {@code financial_year} (April, July,
   * October and November years).
   */
  public org.palabre.model.Period toPeriod() {
    return switch (type) {
      case DAILY -> org.palabre.model.Period.day(start);
      case MONTHLY -> org.palabre.model.Period.month(YearMonth.from(start));
      case QUARTERLY -> org.palabre.model.Period.quarterOf(start);
      case YEARLY -> org.palabre.model.Period.year(start.getYear());
      default -> new org.palabre.model.Period(typeName(type), iso, start, end);
    };
  }

  static String typeName(Dhis2PeriodType type) {
    return switch (type) {
      case DAILY -> "day";
      case WEEKLY, WEEKLY_WEDNESDAY, WEEKLY_THURSDAY, WEEKLY_SATURDAY, WEEKLY_SUNDAY -> "week";
      case BI_WEEKLY -> "bi_week";
      case MONTHLY -> "month";
      case BI_MONTHLY -> "bi_month";
      case QUARTERLY -> "quarter";
      case QUARTERLY_NOV -> "quarter_nov";
      case SIX_MONTHLY -> "six_month";
      case SIX_MONTHLY_APRIL -> "six_month_april";
      case SIX_MONTHLY_NOV -> "six_month_nov";
      case YEARLY -> "year";
      case FINANCIAL_APRIL, FINANCIAL_JULY, FINANCIAL_OCT, FINANCIAL_NOV -> "financial_year";
    };
  }
}
