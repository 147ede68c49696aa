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
 * place the load report, the codes not mapped yet and the quarantine are made, so what {@code
 * palabre run} prints is what {@code marts.load_report} holds.
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
