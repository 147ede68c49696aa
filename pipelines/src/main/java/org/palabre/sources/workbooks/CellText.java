package org.palabre.sources.workbooks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * How a typed workbook cell is written as text in a {@link org.palabre.sources.tables.TableRow}, the
 * same for .xlsx and .xls: numbers in plain digits with a '.' decimal point, rounded to the 15
 * significant digits Excel shows ({@code =0.1+0.2} is saved as 0.30000000000000004 and shown, and
 * given, as "0.3"); a number with a date format is a date ("2024-01-31"), a date-time
 * ("2024-01-31T08:30", seconds when not zero) or, below one day, a time of day ("08:30"); booleans
 * "TRUE"/"FALSE".
 *
 * <p>A date format is any that Excel shows as a date, built-in or custom, in any locale
 * ("mmmm yyyy", "[$-40C]mmmm\ yyyy;@", "dd/mm/yyyy"): POI's {@link DateUtil#isADateFormat} decides,
 * plus the built-in East Asian date formats (ids 27-36, 50-58) that files name by id alone.
 * Elapsed-time formats ({@code [h]:mm}) count hours, not a date: they give the number of days.
 * A percentage gives its fraction (25 % is "0.25").
 */
final class CellText {

  private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_UP);
  private static final Pattern ELAPSED_TIME = Pattern.compile("\\[(h+|m+|s+)\\]", Pattern.CASE_INSENSITIVE);

  private CellText() {}

  /** A number in plain digits, '.' as decimal point, at most 15 significant digits. */
  static String number(BigDecimal value) {
    if (value.scale() == 0 && value.precision() <= 15) {
      return value.signum() == 0 ? "0" : value.toPlainString(); // a whole number, as most figures are
    }
    BigDecimal shown = value.round(EXCEL_DIGITS).stripTrailingZeros();
    return shown.signum() == 0 ? "0" : shown.toPlainString();
  }

  static String number(double value) {
    return number(new BigDecimal(Double.toString(value)));
  }

  /** Whether a cell with this number format shows its number as a date or time. */
  static boolean isDateFormat(Integer formatId, String formatString) {
    if (formatString != null && ELAPSED_TIME.matcher(formatString).find()) {
      return false;
    }
    int id = formatId == null ? 0 : formatId;
    if (formatString == null && ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))) {
      return true;
    }
    return DateUtil.isADateFormat(id, formatString);
  }

  /**
   * A date serial as ISO text; the number itself when it is no valid date (negative, or past
   * 9999-12-31), as Excel then shows ####.
   */
  static String date(double serial, boolean date1904) {
    if (!DateUtil.isValidExcelDate(serial) || serial >= 2_958_466) {
      return number(serial);
    }
    LocalDateTime moment = DateUtil.getLocalDateTime(serial, date1904, true);
    if (serial < 1 && !date1904) {
      return moment.toLocalTime().toString();
    }
    if (moment.toLocalTime().toSecondOfDay() == 0) {
      return moment.toLocalDate().toString();
    }
    return moment.toString();
  }

  /**
   * How one workbook's numbers are rendered: its date system, and whether each of its number
   * formats is a date format, worked out once per format (a format's id names one format string
   * within a workbook, and telling a date format is a regular expression's work).
   */
  static final class WorkbookNumbers {
    private final boolean date1904;
    private final Map<Integer, Boolean> dateFormatById = new HashMap<>();

    WorkbookNumbers(boolean date1904) {
      this.date1904 = date1904;
    }

    /** A number cell as text: a date when its format is one, else plain digits. */
    String text(BigDecimal value, Integer formatId, String formatString) {
      return isDate(formatId, formatString) ? date(value.doubleValue(), date1904) : number(value);
    }

    String text(double value, Integer formatId, String formatString) {
      return isDate(formatId, formatString) ? date(value, date1904) : number(value);
    }

    private boolean isDate(Integer formatId, String formatString) {
      if (formatId == null || formatId == 0) {
        return false;
      }
      return dateFormatById.computeIfAbsent(formatId, id -> isDateFormat(id, formatString));
    }
  }

  static String bool(boolean value) {
    return value ? "TRUE" : "FALSE";
  }

  /** A column's letters, as Excel names it: 0 is "A", 25 "Z", 26 "AA". */
  static String columnName(int index) {
    StringBuilder letters = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      letters.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return letters.toString();
  }
}
