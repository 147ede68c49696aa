package org.palabre.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.palabre.model.Period;

class PeriodsTest {

  @ParameterizedTest(name = "[{0}] is {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "2023-04|month|2023-04|2023-04-01|2023-04-30",
      "04/2023|month|2023-04|2023-04-01|2023-04-30",
      "4/2023|month|2023-04|2023-04-01|2023-04-30",
      "avril 2023|month|2023-04|2023-04-01|2023-04-30",
      "Avril 2023|month|2023-04|2023-04-01|2023-04-30",
      "Avr. 2023|month|2023-04|2023-04-01|2023-04-30",
      "AVRIL-2023|month|2023-04|2023-04-01|2023-04-30",
      "April 2023|month|2023-04|2023-04-01|2023-04-30",
      "février 2024|month|2024-02|2024-02-01|2024-02-29",
      "Févr. 2023|month|2023-02|2023-02-01|2023-02-28",
      "août 2023|month|2023-08|2023-08-01|2023-08-31",
      "décembre 2023|month|2023-12|2023-12-01|2023-12-31",
      "202304|month|2023-04|2023-04-01|2023-04-30",
      "2023/04|month|2023-04|2023-04-01|2023-04-30",
      "15/04/2023|day|2023-04-15|2023-04-15|2023-04-15",
      "2023-04-15|day|2023-04-15|2023-04-15|2023-04-15",
      "1 March 2015|day|2015-03-01|2015-03-01|2015-03-01",
      "1er mars 2015|day|2015-03-01|2015-03-01|2015-03-01",
      "2023Q2|quarter|2023Q2|2023-04-01|2023-06-30",
      "T2 2023|quarter|2023Q2|2023-04-01|2023-06-30",
      "2023|year|2023|2023-01-01|2023-12-31"})
  void readsPeriodsAsMembersWriteThem(String text, String type, String label, LocalDate start, LocalDate end) {
    assertEquals(new Period(type, label, start, end), Periods.parse(text));
  }

  @ParameterizedTest(name = "rejects [{0}]")
  @ValueSource(strings = {"2023-13", "13/2023", "avrol 2023", "31/02/2023", "hier", "1850-01"})
  void rejectsWhatIsNoPeriodAndSaysWhatIsAccepted(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Periods.parse(text));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankIsNoPeriod(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Periods.parse(text));
    assertTrue(e.getMessage().contains("avril 2023"), e.getMessage());
  }
}
