package org.palabre.sources.iati;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How IATI attribute and element texts become numbers, dates and currency codes. Each method
 * throws {@link IllegalArgumentException} with a message fit for a rejection reason.
 */
final class IatiValues {

  /** Whitespace including no-break and narrow no-break spaces used as thousands separators. */
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

  private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern COMMA_GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T.*)?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private IatiValues() {}

  /**
   * A money or measure value. Accepts what publishers really write: surrounding and inner spaces
   * ({@code 1 500 000}), a leading {@code +}, commas grouping thousands ({@code 1,500,000.50}).
   * Refuses anything ambiguous, such as a decimal comma ({@code 1500,50}).
   */
  static BigDecimal amount(String text, String element) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(element + " is empty");
    }
    String compact = SPACES.matcher(text).replaceAll("");
    if (compact.startsWith("+")) {
      compact = compact.substring(1);
    }
    if (COMMA_GROUPED.matcher(compact).matches()) {
      compact = compact.replace(",", "");
    }
    if (!PLAIN_NUMBER.matcher(compact).matches()) {
      throw new IllegalArgumentException(element + " '" + text.strip() + "' is not a number");
    }
    return new BigDecimal(compact);
  }

  /** An optional number attribute such as {@code @percentage}; null when absent or blank. */
  static BigDecimal optionalAmount(String text, String element) {
    return text == null || text.isBlank() ? null : amount(text, element);
  }

  /** An {@code @iso-date}; a date-time is cut to its date. Null when absent or blank. */
  static LocalDate optionalDate(String text, String element) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.strip();
    if (ISO_DATE.matcher(trimmed).matches()) {
      try {
        return LocalDate.parse(trimmed.substring(0, 10));
      } catch (DateTimeParseException e) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException(element + " '" + trimmed + "' is not a date (YYYY-MM-DD)");
  }

  /** A required date. */
  static LocalDate date(String text, String element) {
    LocalDate date = optionalDate(text, element);
    if (date == null) {
      throw new IllegalArgumentException(element + " is missing");
    }
    return date;
  }

  /** A currency attribute: blank counts as absent (null), else an upper-case ISO 4217 code. */
  static String optionalCurrency(String text, String element) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String code = text.strip().toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(code).matches()) {
      throw new IllegalArgumentException(
          element + " '" + text.strip() + "' is not an ISO 4217 currency code");
    }
    return code;
  }

  /** Blank becomes null, anything else is trimmed. */
  static String trimToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
