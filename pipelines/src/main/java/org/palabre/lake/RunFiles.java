package org.palabre.lake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The runs of the lake: each run's id, and the two files a run leaves in {@value #FOLDER} (its
 * load report, {@code <run_id>.load_report.parquet}, and its log line, {@code <run_id>.run.parquet})
 * with the columns the warehouse build reads them with. The ingest writes them, a withdrawal
 * writes a run record, and the build attaches them as {@code lake.load_report} and {@code lake.runs}.
 */
public final class RunFiles {

  private RunFiles() {}

  /** The lake's folder of run files. */
  public static final String FOLDER = "_runs";

  /** The columns of a run's load report, as the lake stores it. */
  public static final String LOAD_REPORT_COLUMNS =
      "run_id varchar, source_family varchar, source_file varchar, file_sha256 varchar, size_bytes bigint,"
          + " status varchar, file_kind varchar, encoding varchar, rows_read bigint, rows_loaded bigint,"
          + " rows_rejected bigint, warnings varchar, run_at timestamp, delivery_key varchar";

  /** The columns of the run log, as the lake stores it. */
  public static final String RUN_LOG_COLUMNS =
      "run_id varchar, started_at timestamp, finished_at timestamp, status varchar, input_folder varchar, runner varchar,"
          + " files_found bigint, files_new bigint, rows_read bigint, rows_loaded bigint, rows_rejected bigint, seconds double";

  private static long lastRunMillis;

  /**
   * A run id that sorts in run order: the models take the later run's figure when two deliveries
   * give the same one, so two runs within the same second (a fast ingest) must still compare
   * right. Milliseconds, never the same twice in this JVM, then a random suffix.
   */
  public static synchronized String newRunId() {
    return newRunId(null);
  }

  /** A run id of {@code runDate} (null: today), its time of day the clock's, never the same twice in this JVM. */
  public static synchronized String newRunId(java.time.LocalDate runDate) {
    long millis = Math.max(System.currentTimeMillis(), lastRunMillis + 1);
    lastRunMillis = millis;
    String id = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(millis))
        + "-" + UUID.randomUUID().toString().substring(0, 6);
    return runDate == null ? id : DateTimeFormatter.BASIC_ISO_DATE.format(runDate) + id.substring(8);
  }
}
