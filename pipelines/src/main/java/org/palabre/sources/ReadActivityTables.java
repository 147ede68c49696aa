package org.palabre.sources;

import java.util.List;
import org.palabre.lake.LakeTable;
import org.palabre.sources.tabular.ActivityTableFiles;
import org.palabre.sources.tabular.ActivityTableParser;

/**
 * Reads activity tables (CSV, French headers or HXL hashtags) into figures in the tables' own words, with the rejected
 * rows and the per-file accounting beside them. {@code ReadSamusocialReports} and
 * {@code ReadHxlTables} are this transform with their family's settings.
 */
public class ReadActivityTables extends ReadEachFile {

  static final List<LakeTable<?>> TABLES =
      List.of(LakeTable.FIGURES, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

  protected ReadActivityTables(String runId, ActivityTableParser.Settings settings) {
    this(runId, settings, null);
  }

  ReadActivityTables(String runId, ActivityTableParser.Settings settings, String stagingRoot) {
    super(runId, settings.sourceFamily(), "ReadEachTable", new ActivityTableFiles(settings), TABLES, stagingRoot);
  }

  /**
   * The ingest's reading: the same, but each file's figures, rejected rows and load record are
   * written straight into its Parquet parts under {@code stagingRoot} ({@link LakeRowSink}); in the
   * tuple only the file loads are not empty.
   */
  public static ReadActivityTables writingFiguresInto(String runId, ActivityTableParser.Settings settings,
      String stagingRoot) {
    return new ReadActivityTables(runId, settings, stagingRoot);
  }
}
