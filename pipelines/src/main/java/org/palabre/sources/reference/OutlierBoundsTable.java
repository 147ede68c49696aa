package org.palabre.sources.reference;

import java.util.List;
import java.util.Set;
import org.palabre.model.Delivery;
import org.palabre.model.OutlierBoundRow;
import org.palabre.model.ParseSink;
import org.palabre.text.Numbers;

/**
 * Reads an outlier bounds table (recognised by its header): {@code metric_code} and {@code min}
 * and/or {@code max}, optionally {@code member}, {@code reporting_unit}, {@code sex} and {@code
 * age_group} (blank = all). The plausible range of a metric's figures, DHIS2's min-max values: a
 * figure outside it is listed in marts.outliers (a warning; it still counts). Codes are kept as
 * written; a bound that is no number, a line with neither bound, or a minimum above the maximum
 * rejects the row with the reason.
 */
final class OutlierBoundsTable {

  static final String HEADER = "metric_code,min and/or max[,member][,reporting_unit][,sex][,age_group]";

  private OutlierBoundsTable() {}

  /** Whether a header's column keys are an outlier bounds table's. */
  static boolean recognises(Set<String> header) {
    return header.contains("metric_code") && (header.contains("min") || header.contains("max"));
  }

  /** @param decimalComma whether a bound written "12,5" is twelve and a half (a ';'-separated file) */
  static void read(List<ReferenceCsvLines.Row> rows, boolean decimalComma, Delivery d, ParseSink<OutlierBoundRow> sink) {
    for (ReferenceCsvLines.Row row : rows) {
      StringBuilder problems = new StringBuilder();
      String metric = row.get("metric_code");
      if (metric.isEmpty()) {
        problems.append("metric_code is blank: name a metric of schemas/codes/metrics.csv; ");
      }
      Double min = bound(row.get("min"), "min", decimalComma, problems);
      Double max = bound(row.get("max"), "max", decimalComma, problems);
      if (min == null && max == null && problems.length() == 0) {
        problems.append("neither min nor max is given; ");
      }
      if (min != null && max != null && min > max) {
        problems.append("min ").append(row.get("min")).append(" is above max ").append(row.get("max")).append("; ");
      }
      if (problems.length() > 0) {
        sink.reject(row.line(), problems.substring(0, problems.length() - 2), row.raw());
        continue;
      }
      sink.accept(new OutlierBoundRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), row.line(), metric,
          ExpectedReportsTable.blankToNull(row.get("member")), ExpectedReportsTable.blankToNull(row.get("reporting_unit")),
          ExpectedReportsTable.blankToNull(row.get("sex")), ExpectedReportsTable.blankToNull(row.get("age_group")), min, max));
    }
  }

  private static Double bound(String text, String column, boolean decimalComma, StringBuilder problems) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Numbers.parse(text, decimalComma);
    } catch (NumberFormatException e) {
      problems.append(column).append(": ").append(e.getMessage()).append("; ");
      return null;
    }
  }
}
