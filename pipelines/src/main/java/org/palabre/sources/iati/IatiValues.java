package org.palabre.sources.iati;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
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

  /**
   * The largest magnitude an amount or a measure may have: 10<sup>15</sup> (a thousand trillion).
   * No budget, transaction or count comes near it; beyond it a value is a typing or export error,
   * and as a double it would lose its units or become infinite.
   */
  static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);

  private static final DateTimeFormatter UTC_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

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
      throw new IllegalArgumentException(element + " '" + shorten(text.strip()) + "' is not a number"
          + (compact.matches("(?i)[+-]?(inf(inity)?|nan)") ? " (infinity and NaN are not values)"
              : compact.matches("[+-]?[\\d.]+[eE][+-]?\\d+") ? " (an IATI value is a decimal without exponent)" : ""));
    }
    BigDecimal value = new BigDecimal(compact);
    if (value.abs().compareTo(LIMIT) > 0) {
      throw new IllegalArgumentException(element + " '" + shorten(text.strip()) + "' is beyond ±10^15 (1,000,000,000,000,000):"
          + " no amount or count is that large; correct the value in the file");
    }
    return value;
  }

  /** A value as it goes in a reason: a long one (a line of digits) cut to its first characters. */
  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " characters)";
  }

  /**
   * An xsd:dateTime ({@code @last-updated-datetime}) as a UTC instant written
   * {@code yyyy-MM-dd HH:mm:ss.SSS}, which sorts as it compares and casts to a SQL timestamp. A
   * time without a zone is taken as UTC, a date alone as its midnight. Null when absent or not a
   * date-time.
   */
  static String utcDateTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.strip();
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from);
      Instant instant = parsed instanceof OffsetDateTime offset ? offset.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
      return UTC_TEXT.format(instant);
    } catch (DateTimeParseException e) {
      try {
        return UTC_TEXT.format(LocalDate.parse(trimmed.length() >= 10 ? trimmed.substring(0, 10) : trimmed)
            .atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
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
