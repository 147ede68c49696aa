package org.palabre.sources.mdm;

import org.palabre.text.Labels;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Set;

/**
 * Parsing of the scalar values that field teams type by hand: dates in ISO or French order, yes/no
 * answers in French or English, whole numbers. Every method either returns a value (null for a
 * missing one, see {@link #isMissing}) or throws {@link IllegalArgumentException} whose
 * message quotes the value and says what was expected, ready to go into a reject reason.
 */
public final class HandTypedValues {

  private static final List<DateTimeFormatter> DATE_FORMATS =
      List.of(
          DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
          DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
          DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
          DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT),
          DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT));

  private static final Set<String> YES = Set.of("oui", "o", "yes", "y", "true", "vrai", "1", "x");
  private static final Set<String> NO = Set.of("non", "n", "no", "false", "faux", "0");

  private HandTypedValues() {}

  /** True when the value is null, blank, or one of the usual "no answer" markers (n/a, NA, -, null, nd). */
  public static boolean isMissing(String value) {
    if (value == null) {
      return true;
    }
    String k = value.trim().toLowerCase(java.util.Locale.ROOT);
    return k.isEmpty() || k.equals("n/a") || k.equals("na") || k.equals("-") || k.equals("null") || k.equals("nd")
        || k.equals("n.d.");
  }

  /** The trimmed value, or null when {@link #isMissing}. */
  public static String clean(String value) {
    return isMissing(value) ? null : value.trim();
  }

  /**
   * A calendar date written {@code yyyy-MM-dd} (ISO), {@code dd/MM/yyyy} (also with {@code -} or
   * {@code .}, one-digit day and month allowed) or {@code yyyy/MM/dd}; an ISO date-time keeps its
   * date. Null when missing.
   */
  public static LocalDate date(String value) {
    if (HandTypedValues.isMissing(value)) {
      return null;
    }
    String v = value.trim();
    if (v.length() > 10 && v.charAt(4) == '-' && v.charAt(10) == 'T') {
      v = v.substring(0, 10);
    }
    for (DateTimeFormatter f : DATE_FORMATS) {
      try {
        return LocalDate.parse(v, f);
      } catch (DateTimeParseException e) {
        // try the next accepted form
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not a date (expected yyyy-MM-dd or dd/MM/yyyy)");
  }

  /**
   * A timestamp as KoboToolbox writes {@code _submission_time} ({@code 2018-05-14T09:12:33}, UTC,
   * optionally with fractional seconds or an offset). Null when missing.
   */
  public static LocalDateTime timestampUtc(String value) {
    if (HandTypedValues.isMissing(value)) {
      return null;
    }
    String v = value.trim();
    try {
      return LocalDateTime.parse(v);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v).atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "'" + value + "' is not a timestamp (expected yyyy-MM-ddTHH:mm:ss)");
      }
    }
  }

  /** A yes/no answer: oui/non, yes/no, true/false, 1/0, o/n, y/n, vrai/faux. Null when missing. */
  public static Boolean yesNo(String value) {
    if (HandTypedValues.isMissing(value)) {
      return null;
    }
    String k = Labels.normalise(value);
    if (YES.contains(k)) {
      return Boolean.TRUE;
    }
    if (NO.contains(k)) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("'" + value + "' is not yes/no (expected oui/non, yes/no, true/false, 1/0)");
  }

  /** A whole number; "12", " 12 " and "12.0" are accepted, "12.5" and "twelve" are not. Null when missing. */
  public static Integer wholeNumber(String value) {
    if (HandTypedValues.isMissing(value)) {
      return null;
    }
    String v = value.trim().replace(',', '.');
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      try {
        java.math.BigDecimal d = new java.math.BigDecimal(v);
        return d.intValueExact();
      } catch (NumberFormatException | ArithmeticException e2) {
        throw new IllegalArgumentException("'" + value + "' is not a whole number");
      }
    }
  }
}
