package org.palabre.sources;

import java.util.List;
import java.util.Set;
import org.palabre.sources.tabular.ActivityTableParser;

/** The folder of a family of activity tables: CSV files read with the family's settings. */
public abstract class ActivityTablesFolder extends FolderFamily {

  protected ActivityTablesFolder(ActivityTableParser.Settings settings) {
    super(settings.sourceFamily(), Set.of("csv", "txt", "tsv", "xlsx", "xlsm", "xls"), ReadActivityTables.TABLES,
        (runId, context, stagingRoot) -> new ReadActivityTables(runId, settings, stagingRoot));
  }

  @Override
  public List<String> readerSchemas() {
    return List.of("readers/table_headers.csv", "readers/hxl_hashtags.csv");
  }
}
