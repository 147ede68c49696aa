package org.palabre.sources.reference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.palabre.model.Delivery;
import org.palabre.model.ExpectedReportRow;
import org.palabre.model.ParseSink;
import org.palabre.model.Period;
import org.palabre.text.Labels;
import org.palabre.text.Periods;

/**
 * Reads a reporting calendar ({@code expected_reports.csv}, recognised by its header): columns
 * {@code dataset}, {@code frequency}, {@code member} and/or {@code reporting_unit}, and optionally
 * {@code from}, {@code to} and {@code days_allowed}. Member, unit and dataset are kept as written
 * (the build matches them to the data); what cannot be read rejects the row with the reason: a
 * frequency that is not one, a period that is not one, {@code from} after {@code to}, days that are
 * not a whole number, or neither member nor unit.
 */
final class ExpectedReportsTable {

  static final String HEADER = "dataset,frequency,member and/or reporting_unit[,from][,to][,days_allowed]";

  private static final Map<String, String> FREQUENCIES = Map.ofEntries(
      Map.entry("month", "month"), Map.entry("monthly", "month"), Map.entry("mois", "month"), Map.entry("mensuel", "month"),
      Map.entry("mensuelle", "month"), Map.entry("quarter", "quarter"), Map.entry("quarterly", "quarter"),
      Map.entry("trimestre", "quarter"), Map.entry("trimestriel", "quarter"), Map.entry("trimestrielle", "quarter"),
      Map.entry("year", "year"), Map.entry("yearly", "year"), Map.entry("annual", "year"), Map.entry("annee", "year"),
      Map.entry("an", "year"), Map.entry("annuel", "year"), Map.entry("annuelle", "year"), Map.entry("mission", "mission"));

  /** Longest wait a calendar may allow, in days (ten years): beyond it the number is a typing error. */
  static final int MOST_DAYS_ALLOWED = 3660;

  private ExpectedReportsTable() {}

  /** Whether a header's column keys are a reporting calendar's. */
  static boolean recognises(Set<String> header) {
    return header.contains("dataset") && header.contains("frequency")
        && (header.contains("reporting_unit") || header.contains("member"));
  }

  static void read(List<ReferenceCsvLines.Row> rows, Delivery d, ParseSink<ExpectedReportRow> sink) {
    for (ReferenceCsvLines.Row row : rows) {
      StringBuilder problems = new StringBuilder();
      String member = blankToNull(row.get("member"));
      String unit = blankToNull(row.get("reporting_unit"));
      String dataset = row.get("dataset");
      if (member == null && unit == null) {
        problems.append("neither member nor reporting_unit is given: name the member or the service, org unit or mission; ");
      }
      if (dataset.isEmpty()) {
        problems.append("dataset is blank: write samusocial, missions or a DHIS2 data set's uid, code or name; ");
      }
      String frequency = FREQUENCIES.get(Labels.normalise(row.get("frequency")));
      if (frequency == null) {
        problems.append("frequency '").append(row.get("frequency"))
            .append("' is not one: write month, quarter, year or mission (mois, trimestre, année); ");
      }
      Period from = period(row.get("from"), "from", problems);
      Period to = period(row.get("to"), "to", problems);
      if (from != null && to != null && from.start().isAfter(to.end())) {
        problems.append("from ").append(row.get("from")).append(" is after to ").append(row.get("to")).append("; ");
      }
      Integer days = null;
      String daysText = row.get("days_allowed");
      if (!daysText.isEmpty()) {
        try {
          days = Integer.parseInt(daysText);
          if (days < 0 || days > MOST_DAYS_ALLOWED) {
            problems.append("days_allowed ").append(days).append(" is outside 0-").append(MOST_DAYS_ALLOWED).append("; ");
          }
        } catch (NumberFormatException e) {
          problems.append("days_allowed '").append(daysText).append("' is not a whole number of days; ");
        }
      }
      if (problems.length() > 0) {
        sink.reject(row.line(), problems.substring(0, problems.length() - 2), row.raw());
        continue;
      }
      sink.accept(new ExpectedReportRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), row.line(), member, unit,
          dataset, frequency, blankToNull(row.get("from")), from == null ? null : from.start(), blankToNull(row.get("to")),
          to == null ? null : to.end(), days));
    }
  }

  /** The period written in a cell, null when blank; a problem when it is not a period. */
  private static Period period(String text, String column, StringBuilder problems) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Periods.parse(text);
    } catch (IllegalArgumentException e) {
      problems.append(column).append(": ").append(e.getMessage()).append("; ");
      return null;
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
