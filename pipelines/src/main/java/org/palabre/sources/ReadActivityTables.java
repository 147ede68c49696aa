package org.palabre.sources;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.tabular.ActivityTableParser;

/**
 * Reads activity tables (CSV, French headers or HXL hashtags) into observations, with the rejected
 * rows and the per-file accounting beside them. {@code ReadSamusocialReports} and
 * {@code ReadHxlTables} are this transform with their family's settings.
 */
public class ReadActivityTables extends PTransform<PCollection<InputFile>, PCollectionTuple> {

  private final String runId;
  private final ActivityTableParser.Settings settings;

  protected ReadActivityTables(String runId, ActivityTableParser.Settings settings) {
    this.runId = runId;
    this.settings = settings;
  }

  /**
   * The ingest's fast path: the same reading, but each file's figures, rejected rows and load
   * record are written straight into its Parquet parts under {@code stagingRoot} (no element per
   * figure); in the tuple only the file loads are not empty.
   */
  public static PTransform<PCollection<InputFile>, PCollectionTuple> writingFiguresInto(
      String runId, ActivityTableParser.Settings settings, String stagingRoot) {
    return new PTransform<>() {
      @Override
      public PCollectionTuple expand(PCollection<InputFile> files) {
        PCollectionTuple read =
            files.apply("ParseValidateHarmoniseWrite",
                ParDo.of(ReadActivityTablesFn.writingInto(runId, settings, stagingRoot))
                    .withOutputTags(LakeTable.OBSERVATIONS.tag(),
                        TupleTagList.of(LakeTable.REJECTED_ROWS.tag()).and(LakeTable.FILE_LOADS.tag())));
        read.get(LakeTable.OBSERVATIONS.tag()).setCoder(LakeTable.OBSERVATIONS.coder());
        read.get(LakeTable.REJECTED_ROWS.tag()).setCoder(LakeTable.REJECTED_ROWS.coder());
        read.get(LakeTable.FILE_LOADS.tag()).setCoder(LakeTable.FILE_LOADS.coder());
        return read;
      }
    };
  }

  @Override
  public PCollectionTuple expand(PCollection<InputFile> files) {
    PCollectionTuple read =
        files.apply("ParseValidateHarmonise",
            ParDo.of(new ReadActivityTablesFn(runId, settings))
                .withOutputTags(LakeTable.OBSERVATIONS.tag(),
                    TupleTagList.of(LakeTable.REJECTED_ROWS.tag()).and(LakeTable.FILE_LOADS.tag())));
    read.get(LakeTable.OBSERVATIONS.tag()).setCoder(LakeTable.OBSERVATIONS.coder());
    read.get(LakeTable.REJECTED_ROWS.tag()).setCoder(LakeTable.REJECTED_ROWS.coder());
    read.get(LakeTable.FILE_LOADS.tag()).setCoder(LakeTable.FILE_LOADS.coder());
    return read;
  }

  /** The folder of a family of activity tables: CSV files read with the family's settings. */
  public abstract static class Family extends FolderFamily {

    private final ActivityTableParser.Settings settings;

    protected Family(ActivityTableParser.Settings settings) {
      super(settings.sourceFamily(), java.util.Set.of("csv", "txt", "tsv"),
          java.util.List.of(LakeTable.OBSERVATIONS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS));
      this.settings = settings;
    }

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> read(String runId, java.util.List<InputFile> context) {
      return new ReadActivityTables(runId, settings);
    }

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, java.util.List<InputFile> context,
        String stagingRoot) {
      return writingFiguresInto(runId, settings, stagingRoot);
    }

    @Override
    public java.util.List<LakeTable<?>> tablesWrittenByReader() {
      return tables();
    }
  }
}
