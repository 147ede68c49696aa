package org.palabre.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.palabre.ingest.IngestJob;
import org.palabre.ingest.LoadReportRow;
import org.palabre.warehouse.DuckDb;
import org.palabre.warehouse.WarehouseBuild;

/** What {@code run}, {@code ingest} and {@code build} print for the data engineer. */
final class Reports {

  private Reports() {}

  static void printLoadReport(PrintStream out, IngestJob.Result result) {
    out.println();
    out.println("Load report (run " + result.runId() + ")");
    List<String[]> rows = new ArrayList<>();
    long read = 0, loaded = 0, rejected = 0;
    for (LoadReportRow r : result.report()) {
      rows.add(new String[] {r.sourceFamily(), r.sourceFile(), Long.toString(r.rowsRead()), Long.toString(r.rowsLoaded()),
          Long.toString(r.rowsRejected()), r.status()});
      read += r.rowsRead();
      loaded += r.rowsLoaded();
      rejected += r.rowsRejected();
    }
    rows.add(new String[] {"total", result.report().size() + " files", Long.toString(read), Long.toString(loaded), Long.toString(rejected), ""});
    ResultFormat.printTable(out, List.of("family", "file", "read", "loaded", "rejected", "status"), rows);
    for (LoadReportRow r : result.report()) {
      if (r.warnings() != null && !r.warnings().isBlank()) {
        out.println("  note " + r.sourceFile() + ": " + r.warnings());
      }
    }
    for (String ignored : result.ignored()) {
      out.println("  ignored " + ignored);
    }
    if (rejected > 0) {
      out.println("  rejected rows, with file, line and reason: ./palabre query \"select * from marts.rejected_rows\"");
    }
    out.println();
  }

  static void printBuild(PrintStream out, WarehouseBuild.Result result) {
    out.printf("Warehouse published: %s (%d models, %d data tests passed, %.1f s)%n%n", result.warehouse(), result.models(),
        result.tests(), result.seconds());
  }

  static void printQuery(PrintStream out, Path warehouse, String title, String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      out.println(title);
      ResultFormat.table.print(rs, out);
      out.println();
    }
  }

  static void printHeadlines(PrintStream out, Path warehouse) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true);
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(
            "select indicator_code as indicator, name_en, period as year, round(value, 1) as network_total, unit"
                + " from marts.indicator_values"
                + " where period_type = 'year' and member is null and country_iso2 is null and org_unit is null"
                + " and sex is null and age_group is null and pathology is null and dimension_name is null"
                + " qualify row_number() over (partition by indicator_code order by period desc) <= 3"
                + " order by indicator_code, period")) {
      out.println("Headline indicators (network totals, last three years with figures)");
      ResultFormat.table.print(rs, out);
    }
    out.println();
    out.println("Explore: ./palabre query \"select * from marts.indicator_values limit 20\"");
  }
}
