package org.palabre.sources;

import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.model.InputFile;
import org.palabre.sources.tabular.ActivityTableParser;

/** The folder of a family of activity tables: CSV files read with the family's settings. */
public abstract class ActivityTablesFolder extends FolderFamily {

  private final ActivityTableParser.Settings settings;

  protected ActivityTablesFolder(ActivityTableParser.Settings settings) {
    super(settings.sourceFamily(), Set.of("csv", "txt", "tsv", "xlsx", "xlsm", "xls"), ReadActivityTables.TABLES);
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
