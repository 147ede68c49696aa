package org.palabre.sources;

import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.tabular.ActivityTableFiles;
import org.palabre.sources.tabular.ActivityTableParser;

/**
 * Reads activity tables (CSV, French headers or HXL hashtags) into figures in the tables' own words, with the rejected
 * rows and the per-file accounting beside them. {@code ReadSamusocialReports} and
 * {@code ReadHxlTables} are this transform with their family's settings.
 */
public class ReadActivityTables extends ReadEachFile {

  private static final List<LakeTable<?>> TABLES =
      List.of(LakeTable.FIGURES, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

  protected ReadActivityTables(String runId, ActivityTableParser.Settings settings) {
    this(runId, settings, null);
  }

  private ReadActivityTables(String runId, ActivityTableParser.Settings settings, String stagingRoot) {
    super(runId, settings.sourceFamily(), "ReadEachTable", new ActivityTableFiles(settings), TABLES, stagingRoot);
  }

  /**
   * The ingest's reading: the same, but each file's figures, rejected rows and load record are
   * written straight into its Parquet parts under {@code stagingRoot} ({@link FileRows}); in the
   * tuple only the file loads are not empty.
   */
  public static ReadActivityTables writingFiguresInto(String runId, ActivityTableParser.Settings settings,
      String stagingRoot) {
    return new ReadActivityTables(runId, settings, stagingRoot);
  }

  /** The folder of a family of activity tables: CSV files read with the family's settings. */
  public abstract static class Family extends FolderFamily {

    private final ActivityTableParser.Settings settings;

    protected Family(ActivityTableParser.Settings settings) {
      super(settings.sourceFamily(), Set.of("csv", "txt", "tsv", "xlsx", "xlsm", "xls"), TABLES);
      this.settings = settings;
    }

    @Override
    public List<String> readerSchemas() {
      return List.of("readers/table_headers.csv", "readers/hxl_hashtags.csv");
    }

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
        String stagingRoot) {
      return new ReadActivityTables(runId, settings, stagingRoot);
    }
  }
}
