package org.palabre.sources.iati;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What has been read of a {@code budget} before it is validated; {@link #build} validates and harmonises it. */
final class BudgetDraft {
  final long line;
  final String path;
  final String type;
  final String status;
  String periodStart;
  String periodEnd;
  String value;
  String currency;
  String valueDate;
  String raw;

  BudgetDraft(long line, String path, String type, String status) {
    this.line = line;
    this.path = path;
    this.type = type;
    this.status = status;
  }

  IatiBudget build(ActivityDraft a) {
    LocalDate start = IatiValues.date(periodStart, "budget/period-start/@iso-date");
    LocalDate end = IatiValues.date(periodEnd, "budget/period-end/@iso-date");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "budget period ends (" + end + ") before it starts (" + start + ")");
    }
    BigDecimal amount = IatiValues.amount(value, "budget/value");
    String code = a.currency(currency, "budget/value");
    LocalDate date = IatiValues.optionalDate(valueDate, "budget/value/@value-date");
    return new IatiBudget(
        a.identifier,
        line,
        path,
        orOne(type),
        orOne(status),
        start,
        end,
        amount,
        code,
        date != null ? date : start);
  }

  private static String orOne(String code) {
    String trimmed = IatiValues.trimToNull(code);
    return trimmed == null ? "1" : trimmed;
  }
}
