package org.palabre.sources.reference;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.palabre.model.Delivery;
import org.palabre.model.ParseSink;
import org.palabre.model.TargetRow;
import org.palabre.sources.tables.Table;
import org.palabre.text.Numbers;

/**
 * Reads the yearly targets of the catalogue's indicators (reference data, DESIGN §3.6): columns
 * {@code indicator_code, year, target} and, optionally, {@code member} and {@code country} (blank =
 * the network, or all countries), as written. A year that is not one (or outside 1989-2100) or a
 * target that is no number rejects the row with the reason; the indicator, the member and the
 * country are checked and mapped at build time ({@code sql/intermediate/int_reference__targets.sql}),
 * so a catalogue or mapping change needs no re-read. Comment lines start with {@code #}. The table
 * is a CSV file or a workbook sheet ({@link org.palabre.sources.DeliveredTables}); a target is a
 * forecast, so a year after the run's is no error.
 */
final class TargetTable implements Serializable {

  private static final List<String> REQUIRED = List.of("indicator_code", "year", "target");

  /** Whether a header's column keys are a targets table's. */
  static boolean recognises(Set<String> columnKeys) {
    return columnKeys.containsAll(REQUIRED);
  }

  /**
   * Reads the rows of a table from its header row on.
   *
   * @param decimalComma whether a target written "12,5" is twelve and a half (a ';'-separated file)
   * @param raw writes a row back as the file had it, for the rejects
   */
  static void read(Table table, long headerLine, boolean decimalComma, Function<List<String>, String> raw, Delivery d,
      ParseSink<TargetRow> sink) {
    for (ReferenceCsvLines.Row row : ReferenceCsvLines.rows(table, headerLine, raw)) {
      StringBuilder problems = new StringBuilder();
      Long year = null;
      String yearText = row.get("year");
      try {
        year = Long.parseLong(yearText);
        if (year < 1989 || year > 2100) {
          problems.append("year ").append(year).append(" is outside 1989-2100; ");
        }
      } catch (NumberFormatException e) {
        problems.append("year '").append(yearText).append("' is not a year; ");
      }
      Double target = null;
      try {
        target = Numbers.parse(row.get("target"), decimalComma);
        if (target == null) {
          problems.append("target is blank; ");
        }
      } catch (NumberFormatException e) {
        problems.append("target: ").append(e.getMessage()).append("; ");
      }
      if (problems.length() > 0) {
        sink.reject(row.line(), problems.substring(0, problems.length() - 2), row.raw());
      } else {
        sink.accept(new TargetRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), row.line(), row.get("indicator_code"),
            year, blankAsNull(row.get("member")), blankAsNull(row.get("country")), target));
      }
    }
  }

  private static String blankAsNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
