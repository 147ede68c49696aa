package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Dhis2PeriodTest {

  @ParameterizedTest(name = "{0} is {1} {2}..{3}")
  @CsvSource({
    // Daily, both notations, leap day
    "20150315,     Daily,           2015-03-15, 2015-03-15",
    "2016-02-29,   Daily,           2016-02-29, 2016-02-29",
    "20000229,     Daily,           2000-02-29, 2000-02-29",
    // ISO weeks: week 1 may start in December, week 53 only in long years
    "2015W1,       Weekly,          2014-12-29, 2015-01-04",
    "2015W01,      Weekly,          2014-12-29, 2015-01-04",
    "2015W12,      Weekly,          2015-03-16, 2015-03-22",
    "2015W53,      Weekly,          2015-12-28, 2016-01-03",
    "2020W53,      Weekly,          2020-12-28, 2021-01-03",
    "2016W52,      Weekly,          2016-12-26, 2017-01-01",
    "2021W1,       Weekly,          2021-01-04, 2021-01-10",
    // Other week starts: week 1 is the first such week with 4+ days in the year
    "2015WedW1,    WeeklyWednesday, 2014-12-31, 2015-01-06",
    "2015WedW5,    WeeklyWednesday, 2015-01-28, 2015-02-03",
    "2020WedW1,    WeeklyWednesday, 2020-01-01, 2020-01-07",
    "2022WedW53,   WeeklyWednesday, 2022-12-28, 2023-01-03",
    "2015ThuW1,    WeeklyThursday,  2015-01-01, 2015-01-07",
    "2020ThuW1,    WeeklyThursday,  2020-01-02, 2020-01-08",
    "2015SatW1,    WeeklySaturday,  2015-01-03, 2015-01-09",
    "2020SatW1,    WeeklySaturday,  2020-01-04, 2020-01-10",
    "2015SunW1,    WeeklySunday,    2015-01-04, 2015-01-10",
    "2020SunW1,    WeeklySunday,    2019-12-29, 2020-01-04",
    // BiWeekly: ISO weeks 2n-1 and 2n
    "2015BiW1,     BiWeekly,        2014-12-29, 2015-01-11",
    "2015BiW27,    BiWeekly,        2015-12-28, 2016-01-10",
    "2016BiW26,    BiWeekly,        2016-12-19, 2017-01-01",
    "2017BiW9,     BiWeekly,        2017-04-24, 2017-05-07",
    // Monthly, both notations, February in leap and common years
    "201503,       Monthly,         2015-03-01, 2015-03-31",
    "2015-03,      Monthly,         2015-03-01, 2015-03-31",
    "201602,       Monthly,         2016-02-01, 2016-02-29",
    "201502,       Monthly,         2015-02-01, 2015-02-28",
    "190002,       Monthly,         1900-02-01, 1900-02-28",
    // BiMonthly
    "201501B,      BiMonthly,       2015-01-01, 2015-02-28",
    "201601B,      BiMonthly,       2016-01-01, 2016-02-29",
    "201506B,      BiMonthly,       2015-11-01, 2015-12-31",
    // Quarterly and QuarterlyNov (named after the year it ends in)
    "2015Q1,       Quarterly,       2015-01-01, 2015-03-31",
    "2016Q1,       Quarterly,       2016-01-01, 2016-03-31",
    "2015Q4,       Quarterly,       2015-10-01, 2015-12-31",
    "2015NovQ1,    QuarterlyNov,    2014-11-01, 2015-01-31",
    "2016NovQ2,    QuarterlyNov,    2016-02-01, 2016-04-30",
    "2015NovQ3,    QuarterlyNov,    2015-05-01, 2015-07-31",
    "2015NovQ4,    QuarterlyNov,    2015-08-01, 2015-10-31",
    // Six-monthly variants
    "2015S1,       SixMonthly,      2015-01-01, 2015-06-30",
    "2015S2,       SixMonthly,      2015-07-01, 2015-12-31",
    "2015AprilS1,  SixMonthlyApril, 2015-04-01, 2015-09-30",
    "2015AprilS2,  SixMonthlyApril, 2015-10-01, 2016-03-31",
    "2015NovS1,    SixMonthlyNov,   2014-11-01, 2015-04-30",
    "2016NovS1,    SixMonthlyNov,   2015-11-01, 2016-04-30",
    "2015NovS2,    SixMonthlyNov,   2015-05-01, 2015-10-31",
    // Yearly and financial years
    "2015,         Yearly,          2015-01-01, 2015-12-31",
    "2016,         Yearly,          2016-01-01, 2016-12-31",
    "2015April,    FinancialApril,  2015-04-01, 2016-03-31",
    "2015July,     FinancialJuly,   2015-07-01, 2016-06-30",
    "2015Oct,      FinancialOct,    2015-10-01, 2016-09-30",
    "2015Nov,      FinancialNov,    2014-11-01, 2015-10-31",
    "2016Nov,      FinancialNov,    2015-11-01, 2016-10-31",
  })
  void parsesEveryTypeToItsDates(String iso, String type, LocalDate start, LocalDate end) {
    Dhis2Period p = Dhis2Period.parse(iso);
    assertEquals(type, p.typeName());
    assertEquals(iso, p.iso());
    assertEquals(start, p.start());
    assertEquals(end, p.end());
  }

  @Test
  void everyTypeIsCoveredByTheTableAbove() {
    Set<Dhis2PeriodType> seen = EnumSet.noneOf(Dhis2PeriodType.class);
    for (String iso :
        new String[] {"20150315", "2015W1", "2015WedW1", "2015ThuW1", "2015SatW1", "2015SunW1",
          "2015BiW1", "201503", "201501B", "2015Q1", "2015NovQ1", "2015S1", "2015AprilS1",
          "2015NovS1", "2015", "2015April", "2015July", "2015Oct", "2015Nov"}) {
      seen.add(Dhis2Period.parse(iso).type());
    }
    assertEquals(EnumSet.allOf(Dhis2PeriodType.class), seen);
  }

  @Test
  void isoWeeksAgreeWithTheJdkForThirtyYears() {
    for (int year = 2000; year <= 2030; year++) {
      int weeks = (int) LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
      for (int week = 1; week <= weeks; week++) {
        LocalDate expected = LocalDate.of(year, 6, 1)
            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
            .with(DayOfWeek.MONDAY);
        Dhis2Period p = Dhis2Period.parse(year + "W" + week);
        assertEquals(expected, p.start(), p.iso());
        assertEquals(expected.plusDays(6), p.end(), p.iso());
      }
      String tooFar = year + "W" + (weeks + 1);
      assertThrows(IllegalArgumentException.class, () -> Dhis2Period.parse(tooFar), tooFar);
    }
  }

  @Test
  void otherWeekStartsAgreeWithJdkWeekFieldsMinimalFourDays() {
    String[] infix = {"Wed", "Thu", "Sat", "Sun"};
    DayOfWeek[] firstDay = {
      DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY
    };
    for (int k = 0; k < infix.length; k++) {
      WeekFields wf = WeekFields.of(firstDay[k], 4);
      for (int year = 2005; year <= 2025; year++) {
        LocalDate mid = LocalDate.of(year, 6, 15);
        int weeks = (int) mid.range(wf.weekOfWeekBasedYear()).getMaximum();
        for (int week = 1; week <= weeks; week++) {
          LocalDate expected =
              mid.with(wf.weekOfWeekBasedYear(), week).with(wf.dayOfWeek(), 1);
          Dhis2Period p = Dhis2Period.parse(year + infix[k] + "W" + week);
          assertEquals(expected, p.start(), p.iso());
          assertEquals(firstDay[k], p.start().getDayOfWeek(), p.iso());
          assertEquals(expected.plusDays(6), p.end(), p.iso());
        }
        String tooFar = year + infix[k] + "W" + (weeks + 1);
        assertThrows(IllegalArgumentException.class, () -> Dhis2Period.parse(tooFar), tooFar);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2016W53", "2015W54", "2015W0", "2015WedW53", "2016BiW27", "2015BiW0", "201513", "201500",
    "20150229", "20150431", "201507B", "2015Q5", "2015Q0", "2015S3", "2015AprilS3", "2015NovQ5",
    "2015NovS0", "2015Dec", "15", "2015-3", "2015W", "April2015", "2015 Q1", "", "  ", "2015-0301"
  })
  void rejectsWhatIsNotADhis2Period(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Dhis2Period.parse(text));
    assertTrue(e.getMessage().contains("is not a valid DHIS2 period"), e.getMessage());
    assertTrue(e.getMessage().contains("Accepted forms: Daily yyyyMMdd"), e.getMessage());
    assertTrue(e.getMessage().contains("FinancialNov yyyyNov"), e.getMessage());
    assertEquals(Optional.empty(), Dhis2Period.tryParse(text));
  }

  @Test
  void rejectionSaysWhyForAWeekThatDoesNotExist() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Dhis2Period.parse("2016W53"));
    assertTrue(e.getMessage().startsWith("'2016W53' is not a valid DHIS2 period (week 53 does not"
        + " exist: 2016 has 52 Weekly weeks)"), e.getMessage());
  }

  @Test
  void nullIsRejectedWithTheSameKindOfMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Dhis2Period.parse(null));
    assertTrue(e.getMessage().contains("the period is empty"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} rolls up into {1}")
  @CsvSource({
    "20150131,   2015-01",
    "201502,     2015-02",
    "2015-02,    2015-02",
    // ISO week: the month of its Thursday
    "2015W1,     2015-01",  // Mon 2014-12-29, Thursday 2015-01-01
    "2015W53,    2015-12",  // Thursday 2015-12-31, ends 2016-01-03
    "2020W53,    2020-12",  // Thursday 2020-12-31, ends 2021-01-03
    "2015W5,     2015-01",  // 2015-01-26..02-01, Thursday 01-29
    "2015W14,    2015-04",  // 2015-03-30..04-05, Thursday 04-02 (5 days in April)
    // Wednesday weeks: the month of the Saturday (4th day)
    "2015WedW1,  2015-01",  // 2014-12-31..2015-01-06
    "2015WedW5,  2015-01",  // 2015-01-28..02-03: 4 days in January
    // Thursday weeks: the Sunday
    "2015ThuW5,  2015-02",  // 2015-01-29..02-04: 3 days in January, 4 in February
    // Saturday weeks: the Tuesday
    "2015SatW5,  2015-02",  // 2015-01-31..02-06
    // Sunday weeks: the Wednesday
    "2015SunW4,  2015-01",  // 2015-01-25..01-31
    "2020SunW1,  2020-01",  // 2019-12-29..2020-01-04: 3 days in December
    // BiWeekly: the majority of its 14 days; 7/7 goes to the second week's month
    "2015BiW1,   2015-01",  // 2014-12-29..2015-01-11
    "2015BiW3,   2015-02",  // 2015-01-26..02-08: 6 in January, 8 in February
    "2015BiW27,  2016-01",  // 2015-12-28..2016-01-10: 4 in December
    "2017BiW9,   2017-05",  // 2017-04-24..05-07: 7/7 tie -> May
  })
  void containingMonthFollowsTheMajorityOfDays(String iso, YearMonth month) {
    Dhis2Period p = Dhis2Period.parse(iso);
    assertEquals(Optional.of(month), p.containingMonth());
    // whatever the rule, the chosen month must hold at least half of the period's days
    long daysInMonth = p.start().datesUntil(p.end().plusDays(1))
        .filter(d -> YearMonth.from(d).equals(month)).count();
    assertTrue(2 * daysInMonth >= p.days(), iso + " has only " + daysInMonth + " days in " + month);
  }

  @Test
  void consecutiveWeeksNeverShareAFigureBetweenMonths() {
    // The weeks of 2015-2021 tile the calendar with no gap or overlap, and each has exactly one
    // containing month, so a weekly figure rolls up into one month only.
    LocalDate day = Dhis2Period.parse("2015W1").start();
    int weeksSeen = 0;
    for (int year = 2015; year <= 2021; year++) {
      int weeks = Dhis2Period.weeksInYear(year, DayOfWeek.MONDAY);
      for (int w = 1; w <= weeks; w++) {
        Dhis2Period p = Dhis2Period.parse(year + "W" + w);
        assertEquals(day, p.start(), "gap or overlap before " + p);
        day = p.end().plusDays(1);
        assertTrue(p.containingMonth().isPresent());
        weeksSeen++;
      }
    }
    assertEquals(366, weeksSeen); // 7 years: 2015 and 2020 have 53 weeks -> 5*52 + 2*53
    assertEquals(Dhis2Period.parse("2022W1").start(), day);
  }

  @ParameterizedTest
  @ValueSource(strings = {"201501B", "2015Q1", "2015NovQ1", "2015S1", "2015AprilS1", "2015NovS2",
    "2015", "2015April", "2015July", "2015Oct", "2015Nov"})
  void periodsLongerThanAMonthHaveNoContainingMonth(String iso) {
    assertFalse(Dhis2Period.parse(iso).containingMonth().isPresent());
  }
}
