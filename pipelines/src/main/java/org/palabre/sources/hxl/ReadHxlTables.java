package org.palabre.sources.hxl;

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
 * Reads any HXL-tagged activity table (a 3W, a humanitarian dataset): the hashtag row may sit
 * under free-text rows, untagged columns are ignored, and hashtags map to common metrics through
 * {@code schemas/mappings/hxl_tags.csv}. Rows without an organisation or a date still load (HXL
 * does not require them); figures without a date are kept in the observations but cannot enter a
 * dated indicator.
 */
public final class ReadHxlTables extends ReadActivityTables {

  public static final ActivityTableParser.Settings SETTINGS =
      new ActivityTableParser.Settings("hxl", false, false, false, false);

  public ReadHxlTables(String runId) {
    super(runId, SETTINGS);
  }

  /** The {@code hxl/} folder of a delivery. */
  public static final class Family implements SourceFamily {
    @Override
    public String name() {
      return "hxl";
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
      return new ReadHxlTables(runId);
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
