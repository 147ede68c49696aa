package org.palabre.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

  @ParameterizedTest(name = "French report: [{0}] = {1}")
  @CsvSource(delimiter = '|', value = {
      "340|340", "1 012|1012", "1\u00A0012|1012", "1\u202F012|1012", "12,5|12.5", "12,0|12", "1.234|1234",
      "1.234,5|1234.5", "1 234,5|1234.5", "+7|7", "-3|-3", "0|0", "1'234|1234", " 42 |42"})
  void readsFrenchFigures(String cell, double expected) {
    assertEquals(expected, Numbers.parse(cell, true), 1e-9);
  }

  @ParameterizedTest(name = "HXL table: [{0}] = {1}")
  @CsvSource(delimiter = '|', value = {
      "80 418|80418", "433,412|433412", "1,250|1250", "12,5|12.5", "1,234,567|1234567", "2.5|2.5", "1,234.5|1234.5"})
  void readsHxlFigures(String cell, double expected) {
    assertEquals(expected, Numbers.parse(cell, false), 1e-9);
  }

  @ParameterizedTest(name = "missing: [{0}]")
  @ValueSource(strings = {"", "  ", "-", "_", "n/a", "N/A", "ND", "..", "–"})
  void blanksAndPlaceholdersAreMissingNotZero(String cell) {
    assertNull(Numbers.parse(cell, true));
    assertTrue(Numbers.isMissing(cell));
  }

  @ParameterizedTest(name = "not a number: [{0}]")
  @ValueSource(strings = {"beaucoup", "12 personnes", "1,2,3", "1.2.3", "12a", "douze"})
  void textIsAnErrorThatQuotesTheCell(String cell) {
    NumberFormatException e = assertThrows(NumberFormatException.class, () -> Numbers.parse(cell, true));
    assertTrue(e.getMessage().contains("'" + cell + "'"), e.getMessage());
  }

  @ParameterizedTest(name = "not a figure: [{0}]")
  @ValueSource(strings = {"1e308", "1e400", "-1e16", "Infinity", "NaN", "-Infinity", "1 000 000 000 000 000 000"})
  void valuesNoCountCanHaveAreRejectedNamingTheCell(String cell) {
    NumberFormatException e = assertThrows(NumberFormatException.class, () -> Numbers.parse(cell, true));
    assertTrue(e.getMessage().contains("'" + cell.strip() + "'") || e.getMessage().contains("'" + cell + "'"), e.getMessage());
  }

  @ParameterizedTest(name = "only ASCII digits: [{0}]")
  @ValueSource(strings = {"\u0661\u0662", "\uFF11\uFF12", "\u0967\u0968"})
  void digitsOfOtherScriptsAreNoFigure(String cell) {
    assertThrows(NumberFormatException.class, () -> Numbers.parse(cell, true));
    assertTrue(!Numbers.asciiOnly(cell));
  }

  @org.junit.jupiter.api.Test
  void theFilesOwnFiguresDecideItsDecimalSeparator() {
    // a comma before one, two or four and more digits is a decimal comma; a dot there, or commas grouping twice, a point
    assertTrue(Numbers.decimalComma(java.util.List.of("340", "107,0", "12"), false));
    assertTrue(Numbers.decimalComma(java.util.List.of("1.234,5"), false));
    assertTrue(!Numbers.decimalComma(java.util.List.of("2.5", "12"), true));
    assertTrue(!Numbers.decimalComma(java.util.List.of("1,234,567"), true));
    // 1,250 and 1.234 are either: the fallback (the separator's convention, then the family's language) decides
    assertTrue(Numbers.decimalComma(java.util.List.of("1,250", "1.234"), true));
    assertTrue(!Numbers.decimalComma(java.util.List.of("1,250", "1.234"), false));
    // both kinds of evidence: the fallback too
    assertTrue(Numbers.decimalComma(java.util.List.of("12,5", "2.5"), true));
    assertEquals(1234, Numbers.parse("1.234", true), 1e-9);
    assertEquals(1.234, Numbers.parse("1.234", false), 1e-9);
  }
}
