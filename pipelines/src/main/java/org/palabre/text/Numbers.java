package org.palabre.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the figures members type into spreadsheets. A blank cell or a placeholder ({@code -},
 * {@code _}, {@code n/a}, {@code ND}, ...) is a missing value, never zero. Thousands may be grouped
 * with spaces (also the no-break spaces French software writes), apostrophes, dots or commas, and
 * decimals may use a comma or a dot.
 *
 * <p>A lone comma is ambiguous ({@code 433,412}): in a French report it is the decimal comma; in
 * an English-speaking HXL table it groups thousands when followed by exactly three digits. The
 * file's dialect says which ({@link #decimalComma(Iterable, boolean)}), and the caller passes it
 * as {@code decimalComma}: one policy for every reader. Only the ASCII digits 0-9 are digits, and
 * no figure is beyond ±10^15 ({@link #checked}).
 */
public final class Numbers {

  private static final Set<String> PLACEHOLDERS =
      Set.of("", "-", "--", "_", "–", "—", ".", "..", "...", "…", "n/a", "na", "n.a.", "nd", "n.d.",
          "n.d", "nr", "null", "none", "?");
  private static final Pattern GROUPED_COMMA = Pattern.compile("\\d{1,3}(,\\d{3})+");
  private static final Pattern GROUPED_DOT = Pattern.compile("\\d{1,3}(\\.\\d{3})+");
  private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private Numbers() {}

  private static String abbreviate(String cell) {
    return cell.length() <= 40 ? cell : cell.substring(0, 20) + "…(" + cell.length() + " characters)";
  }

  /** True when the cell holds no value: blank or a placeholder. */
  public static boolean isMissing(String cell) {
    return cell == null || PLACEHOLDERS.contains(cell.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The number in {@code cell}, or {@code null} when it is missing.
   *
   * @throws NumberFormatException with a message for the data engineer when the cell holds text
   *     that is not a number
   */
  public static Double parse(String cell, boolean decimalComma) {
    Double plain = plainDigits(cell);
    if (plain != null) {
      return plain;
    }
    if (isMissing(cell)) {
      return null;
    }
    String s = cell.strip();
    // grouping spaces: ordinary, no-break, narrow no-break, thin; Swiss apostrophes
    s = s.replaceAll("[\\s\\u00A0\\u202F\\u2009']", "");
    String sign = "";
    if (s.startsWith("+") || s.startsWith("-")) {
      sign = s.startsWith("-") ? "-" : "";
      s = s.substring(1);
    }
    int comma = s.lastIndexOf(',');
    int dot = s.lastIndexOf('.');
    if (comma >= 0 && dot >= 0) {
      // both: the last one is the decimal separator, the other groups thousands
      s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
    } else if (comma >= 0) {
      boolean grouped = GROUPED_COMMA.matcher(s).matches();
      if (grouped && (!decimalComma || s.indexOf(',') != comma)) {
        s = s.replace(",", "");
      } else if (s.indexOf(',') == comma) {
        s = s.replace(',', '.');
      } else {
        throw new NumberFormatException("'" + abbreviate(cell) + "' is not a number (several commas)");
      }
    } else if (dot >= 0 && s.indexOf('.') != dot) {
      if (!GROUPED_DOT.matcher(s).matches()) {
        throw new NumberFormatException("'" + abbreviate(cell) + "' is not a number (several dots)");
      }
      s = s.replace(".", "");
    } else if (dot >= 0 && decimalComma && GROUPED_DOT.matcher(s).matches()) {
      // French reports group thousands with a dot: 1.234 people, not 1.234 of a person
      s = s.replace(".", "");
    }
    if (!PLAIN.matcher(s).matches()) {
      throw new NumberFormatException("'" + abbreviate(cell) + "' is not a number");
    }
    return checked(Double.parseDouble(sign + s), cell);
  }

  /** No count or amount a member reports comes near this: beyond it a figure is a typing or export error. */
  public static final double LARGEST_FIGURE = 1e15;

  /**
   * The value when it can be a figure: finite and within ±{@value #LARGEST_FIGURE} (so no sum of
   * figures overflows either).
   *
   * @throws NumberFormatException naming the cell otherwise (Infinity, NaN, 1e400, 1e308)
   */
  public static double checked(double value, String cell) {
    if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value) > LARGEST_FIGURE) {
      throw new NumberFormatException("'" + abbreviate(cell) + "' is not a figure: beyond ±10^15, no count or amount is that"
          + " large (an export or typing error?)");
    }
    return value;
  }

  /** True when the text is made of ASCII characters only: figures are written with the digits 0-9. */
  public static boolean asciiOnly(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern DECIMAL_COMMA =
      Pattern.compile("[+-]?(\\d+,(\\d{1,2}|\\d{4,})|\\d{1,3}(\\.\\d{3})+,\\d+|\\d{1,3}([ \\u00A0\\u202F]\\d{3})+,\\d+)");
  private static final Pattern DECIMAL_POINT =
      Pattern.compile("[+-]?(\\d+\\.(\\d{1,2}|\\d{4,})|\\d{1,3}(,\\d{3}){2,}(\\.\\d+)?|\\d{1,3}(,\\d{3})+\\.\\d+)");

  /**
   * Whether a file writes decimals with a comma, from its own figures: a comma before one, two or
   * four and more digits ({@code 12,5}, {@code 107,0}) or after dot-grouped thousands says comma; a
   * dot there ({@code 2.5}), or thousands grouped by commas more than once ({@code 1,234,567}),
   * says point. When the cells say both or neither ({@code 1,250} and {@code 1.234} are either),
   * {@code fallback} decides: the separator's convention ({@code ;} goes with decimal commas), else
   * the family's language.
   */
  public static boolean decimalComma(Iterable<String> cells, boolean fallback) {
    boolean comma = false;
    boolean point = false;
    for (String cell : cells) {
      if (cell == null || cell.length() > 40) {
        continue;
      }
      String s = cell.strip();
      comma |= DECIMAL_COMMA.matcher(s).matches();
      point |= DECIMAL_POINT.matcher(s).matches();
    }
    return comma != point ? comma : fallback;
  }

  /**
   * The value of a cell of 1 to 15 ASCII digits and nothing else (most figures members send), or
   * null for any other cell: the general path above gives the same value, but a report of a
   * million rows must not pay for its strip, placeholder look-up and patterns on every cell.
   */
  private static Double plainDigits(String cell) {
    int length = cell == null ? 0 : cell.length();
    if (length == 0 || length > 15) {
      return null;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      char c = cell.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      value = value * 10 + (c - '0');
    }
    return (double) value;
  }
}
