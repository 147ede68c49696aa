package org.palabre.sources.samusocial;

import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.ReadActivityTables;
import org.palabre.sources.SourceFamily;
import org.palabre.sources.tabular.ActivityTableParser;

/**
 * Reads the Samusocial services' monthly activity reports and trainings lists (DESIGN §3.1):
 * {@code ;} or {@code ,}, UTF-8 with or without BOM or Windows-1252, French headers in any case,
 * decimal comma, months as {@code 2023-04}, {@code 04/2023} or {@code avril 2023}; a hashtag row,
 * when present, wins over the French headers. Every row needs its service and its month.
 */
public final class ReadSamusocialReports extends ReadActivityTables {

  public static final ActivityTableParser.Settings SETTINGS =
      new ActivityTableParser.Settings("samusocial", true, true, true, true);

  public ReadSamusocialReports(String runId) {
    super(runId, SETTINGS);
  }

  /** The {@code samusocial/} folder of a delivery. */
  public static final class Family implements SourceFamily {
    @Override
    public String name() {
      return "samusocial";
    }

    @Override
    public Set<String> extensions() {
      return Set.of("csv", "txt", "tsv");
    }

    @Override
    public List<LakeTable<?>> tables() {
      return List.of(LakeTable.OBSERVATIONS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);
    }

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> read(String runId, List<InputFile> context) {
      return new ReadSamusocialReports(runId);
    }

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
        String stagingRoot) {
      return ReadActivityTables.writingFiguresInto(runId, SETTINGS, stagingRoot);
    }

    @Override
    public List<LakeTable<?>> tablesWrittenByReader() {
      return tables();
    }
  }
}
