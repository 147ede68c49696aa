package org.palabre.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.palabre.db.DuckDb;
import org.palabre.model.LoadReportRow;

/**
 * What the published warehouse says about a run, for the commands to print: the marts are the one
 * place the load report, the codes not mapped yet, the quarantine and the outliers are made, so
 * what {@code palabre run} prints is what {@code marts.load_report} holds.
 */
public final class PublishedReports {

  private PublishedReports() {}

  /** A code of marts.unmapped_figures: what it is, how many figures it holds, and the line to add. */
  public record UnmappedCode(String sourceFamily, String member, String codeKind, String sourceCode, String sourceLabel,
      long figures, String mappingFile, String suggestedLine) {}

  /** The load report of one run, from {@code marts.load_report}, build-time holds included. */
  public static List<LoadReportRow> loadReport(Path warehouse, String runId) throws SQLException {
    List<LoadReportRow> rows = new ArrayList<>();
    try (Connection db = DuckDb.open(warehouse, true);
        PreparedStatement st = db.prepareStatement("select run_id, source_family, source_file, file_sha256, size_bytes, status,"
            + " file_kind, encoding, rows_read, rows_loaded, rows_rejected, warnings, delivery_key, figures_mapped, figures_unmapped,"
            + " cells_rejected"
            + " from marts.load_report where run_id = ? order by source_file")) {
      st.setString(1, runId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new LoadReportRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
              rs.getString(12), rs.getString(13), rs.getLong(14), rs.getLong(15), rs.getLong(16)));
        }
      }
    }
    return rows;
  }

  /** The {@code limit} codes not mapped yet that hold the most figures. */
  public static List<UnmappedCode> largestUnmapped(Path warehouse, int limit) throws SQLException {
    List<UnmappedCode> codes = new ArrayList<>();
    try (Connection db = DuckDb.open(warehouse, true);
        PreparedStatement st = db.prepareStatement("select source_family, member, code_kind, source_code, source_label, figures,"
            + " mapping_file, suggested_line from marts.unmapped_figures order by figures desc, source_family, source_code limit ?")) {
      st.setInt(1, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          codes.add(new UnmappedCode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getLong(6), rs.getString(7), rs.getString(8)));
        }
      }
    }
    return codes;
  }

  /** How many figures an outlier method flags ({@code method} null: all methods) and in how many files. */
  public record OutlierCount(String method, long figures, long files) {}

  /** One figure of marts.outliers: where it is, what it is, and the range it would be usual in. */
  public record Outlier(String sourceFile, long sourceLine, String reportingUnit, String metricCode, String breakdown,
      String period, double value, String method, Double score, Double expectedLow, Double expectedHigh) {}

  /** What {@code run} says about marts.outliers: the counts by method and the latest figures flagged. */
  public record OutlierSummary(List<OutlierCount> counts, List<Outlier> latest) {
    public long figures() {
      return counts.stream().filter(c -> c.method() == null).mapToLong(OutlierCount::figures).sum();
    }
  }

  /**
   * The outliers of the build: how many figures each method flags, and the {@code limit} latest
   * figures flagged (by period, one line per figure: its min-max bounds when a bounds table flags
   * it, else its largest score).
   */
  public static OutlierSummary outliers(Path warehouse, int limit) throws SQLException {
    List<OutlierCount> counts = new ArrayList<>();
    List<Outlier> latest = new ArrayList<>();
    String figure = "source_file || ':' || coalesce(source_sheet, '') || ':' || source_line || ':' || source_column";
    try (Connection db = DuckDb.open(warehouse, true)) {
      try (PreparedStatement st = db.prepareStatement("select method, count(distinct " + figure + "), count(distinct source_file)"
          + " from marts.outliers group by rollup (method) order by method nulls first");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          counts.add(new OutlierCount(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        }
      }
      try (PreparedStatement st = db.prepareStatement("select source_file, source_line, reporting_unit, metric_code,"
          + " nullif(concat_ws(' ', sex, age_group), ''), period, value, method, outlier_score, expected_low, expected_high"
          + " from marts.outliers qualify row_number() over (partition by " + figure
          + " order by method = 'min_max' desc, outlier_score desc) = 1"
          + " order by period_end desc, source_file, source_line limit ?")) {
        st.setInt(1, limit);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            latest.add(new Outlier(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getDouble(7), rs.getString(8), (Double) rs.getObject(9, Double.class),
                (Double) rs.getObject(10, Double.class), (Double) rs.getObject(11, Double.class)));
          }
        }
      }
    }
    return new OutlierSummary(counts, latest);
  }

  /** How many source rows the build holds in quarantine, by source test. */
  public static List<String[]> quarantineByTest(Path warehouse) throws SQLException {
    List<String[]> counts = new ArrayList<>();
    try (Connection db = DuckDb.open(warehouse, true);
        PreparedStatement st = db.prepareStatement("select source_test, count(*), count(distinct source_file) from marts.quarantine"
            + " group by 1 order by 2 desc");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        counts.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2)), Long.toString(rs.getLong(3))});
      }
    }
    return counts;
  }
}
