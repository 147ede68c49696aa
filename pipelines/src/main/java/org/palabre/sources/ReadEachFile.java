package org.palabre.sources;

import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;

/**
 * A family's reading as a Beam transform: the shared per-file reader ({@link ReadFileFn}) running
 * the family's {@link FileParser}, one output per lake table ({@link ReadFilesInto#readEachFile}).
 * A family's transform gives only its parser, its tables and the name of its step.
 */
public abstract class ReadEachFile extends PTransform<PCollection<InputFile>, PCollectionTuple> {

  private final String runId;
  private final String family;
  private final String step;
  private final FileParser parser;
  private final List<LakeTable<?>> tables;
  private final String stagingRoot;

  /**
   * @param family the family's name, for the counters
   * @param step the name of the reading step in the pipeline
   * @param stagingRoot where to write each file's rows into its Parquet parts ({@link LakeRowSink}); null sends them on as
   *     elements
   */
  protected ReadEachFile(String runId, String family, String step, FileParser parser, List<LakeTable<?>> tables,
      String stagingRoot) {
    this.runId = runId;
    this.family = family;
    this.step = step;
    this.parser = parser;
    this.tables = List.copyOf(tables);
    this.stagingRoot = stagingRoot;
  }

  @Override
  public final PCollectionTuple expand(PCollection<InputFile> files) {
    return ReadFilesInto.readEachFile(files, step, new ReadFileFn(runId, family, parser, stagingRoot), tables);
  }
}
