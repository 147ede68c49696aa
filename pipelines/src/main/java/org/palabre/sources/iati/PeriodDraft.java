package org.palabre.sources.iati;

/** What has been read of an indicator's {@code period} before it is validated; {@link #build} validates and harmonises it. */
final class PeriodDraft {
  final long line;
  final String path;
  String start;
  String end;
  boolean hasTarget;
  String target;
  boolean hasActual;
  String actual;
  ResultDraft result;
  IndicatorDraft indicator;

  PeriodDraft(long line, String path) {
    this.line = line;
    this.path = path;
  }

  IatiResultPeriod build(ActivityDraft a) {
    IndicatorDraft i = indicator;
    Boolean ascending =
        switch (i.ascending == null ? "" : i.ascending) {
          case "" -> null;
          case "1", "true" -> Boolean.TRUE;
          case "0", "false" -> Boolean.FALSE;
          default -> throw new IllegalArgumentException(
              "indicator/@ascending '" + i.ascending + "' is not a boolean (0/1)");
        };
    Integer year = null;
    if (i.baselineYear != null && !i.baselineYear.isBlank()) {
      try {
        year = Integer.valueOf(i.baselineYear.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "baseline/@year '" + i.baselineYear.strip() + "' is not a year");
      }
    }
    return new IatiResultPeriod(
        a.identifier,
        line,
        path,
        result == null ? null : result.type,
        result == null ? null : result.title,
        i.measure,
        ascending,
        i.title,
        year,
        IatiValues.optionalDate(i.baselineDate, "baseline/@iso-date"),
        IatiValues.optionalAmount(i.baselineValue, "baseline/@value"),
        IatiValues.date(start, "period/period-start/@iso-date"),
        IatiValues.date(end, "period/period-end/@iso-date"),
        IatiValues.optionalAmount(target, "period/target/@value"),
        IatiValues.optionalAmount(actual, "period/actual/@value"));
  }
}
