package org.palabre.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.palabre.db.DuckDb;
import org.palabre.lake.Lake;
import org.palabre.lake.LakeTable;
import org.palabre.lake.RunFiles;
import org.palabre.model.InputFile;
import org.palabre.model.LoadReportRow;

/**
 * The two files a run that changed the lake leaves in {@code lake/_runs/} ({@link RunFiles}): its
 * load report, each file found with what became of it and its row accounting as the readers
 * recorded it ({@code lake.file_loads}), and its log line. They are the history of the runs: a
 * withdrawn delivery leaves the lake's tables but stays in the report of the run that read it.
 */
final class RunLog {

  private RunLog() {}

  /** The load report of a run: each file of the plan, its status, and its delivery's load record (or "failed: no load record"). */
  static List<LoadReportRow> loadReport(String runId, List<InputFile> files, Map<String, String> status, Lake lake)
      throws SQLException {
    Map<String, Object[]> bySha = new HashMap<>();
    // the load records of this run's deliveries only, not of every delivery of the lake
    Map<String, Lake.DeliveryMarker> mine = new HashMap<>(lake.deliveries());
    mine.keySet().retainAll(files.stream().map(InputFile::deliveryKey).toList());
    List<Path> loads = lake.files(LakeTable.FILE_LOADS.name(), mine);
    if (!loads.isEmpty()) {
      try (Connection db = DuckDb.inMemory();
          Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("select delivery_sha256, file_kind, encoding, rows_read, rows_loaded, rows_rejected, warnings,"
              + " coalesce(cells_rejected, 0) from read_parquet(" + DuckDb.pathList(loads) + ", union_by_name = true)")) {
        while (rs.next()) {
          bySha.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
              rs.getString(7), rs.getLong(8)});
        }
      }
    }
    List<LoadReportRow> rows = new ArrayList<>();
    for (InputFile f : files) {
      Object[] s = bySha.get(f.deliveryKey());
      if (s == null) {
        rows.add(new LoadReportRow(runId, f.sourceFamily(), f.relativeName(), f.sha256(), f.sizeBytes(),
            "failed: no load record", "", "", 0, 0, 0, "", f.deliveryKey()));
      } else {
        rows.add(new LoadReportRow(runId, f.sourceFamily(), f.relativeName(), f.sha256(), f.sizeBytes(),
            status.get(f.relativeName()), (String) s[0], (String) s[1], (long) s[2], (long) s[3], (long) s[4], (String) s[5],
            f.deliveryKey()).withCellsRejected((long) s[6]));
      }
    }
    return rows;
  }

  /** The run log: one Parquet file per run that changed the lake. */
  static void writeRunLog(Lake lake, IngestJob.Result result, long startedMillis, String runner, Path input)
      throws IOException, SQLException {
    Path dir = lake.root().resolve(RunFiles.FOLDER);
    Path tmp = dir.resolve(result.runId() + ".run.parquet.tmp");
    long loaded = result.report().stream().mapToLong(LoadReportRow::rowsLoaded).sum();
    long rejected = result.report().stream().mapToLong(LoadReportRow::rowsRejected).sum();
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("copy (select " + DuckDb.literal(result.runId()) + " as run_id,"
          + " make_timestamp(" + startedMillis * 1000 + ") as started_at, now()::timestamp as finished_at,"
          + " 'ingested' as status, " + DuckDb.literal(input.toAbsolutePath().toString()) + " as input_folder, "
          + DuckDb.literal(runner) + " as runner, "
          + result.report().size() + " as files_found, " + result.newFiles() + " as files_new, "
          + result.rowsRead() + " as rows_read, " + loaded + " as rows_loaded, " + rejected + " as rows_rejected, "
          + (System.currentTimeMillis() - startedMillis) / 1000.0 + " as seconds) to " + DuckDb.literal(tmp.toString())
          + " (format parquet)");
    }
    Files.move(tmp, dir.resolve(result.runId() + ".run.parquet"), StandardCopyOption.ATOMIC_MOVE);
  }

  static void writeLoadReport(Lake lake, String runId, List<LoadReportRow> report) throws IOException, SQLException {
    Path dir = lake.root().resolve(RunFiles.FOLDER);
    Files.createDirectories(dir);
    Path tmp = dir.resolve(runId + ".load_report.parquet.tmp");
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("create table load_report (" + RunFiles.LOAD_REPORT_COLUMNS + ")");
      try (PreparedStatement insert = db.prepareStatement("insert into load_report values (?,?,?,?,?,?,?,?,?,?,?,?, now()::timestamp, ?)")) {
        for (LoadReportRow r : report) {
          Object[] values = {r.runId(), r.sourceFamily(), r.sourceFile(), r.fileSha256(), r.sizeBytes(), r.status(), r.fileKind(),
              r.encoding(), r.rowsRead(), r.rowsLoaded(), r.rowsRejected(), r.warnings(), r.deliveryKey()};
          for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
      st.execute("copy load_report to " + DuckDb.literal(tmp.toString()) + " (format parquet)");
    }
    Files.move(tmp, dir.resolve(runId + ".load_report.parquet"), StandardCopyOption.ATOMIC_MOVE);
  }
}
