package org.palabre.sources;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;

/**
 * A source family described by its folder, the file endings it reads, the lake tables it fills and
 * its reader; subclasses add only what they have more (context files, reader schemas).
 */
public abstract class FolderFamily implements SourceFamily {

  /** The family's reader, as {@link SourceFamily#readInto} builds it. */
  @FunctionalInterface
  public interface Reader extends Serializable {
    PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context, String stagingRoot);
  }

  private final String name;
  private final Set<String> extensions;
  private final List<LakeTable<?>> tables;
  private final Reader reader;

  protected FolderFamily(String name, Set<String> extensions, List<LakeTable<?>> tables, Reader reader) {
    this.name = name;
    this.extensions = Set.copyOf(extensions);
    this.tables = List.copyOf(tables);
    this.reader = reader;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> extensions() {
    return extensions;
  }

  @Override
  public final List<LakeTable<?>> tables() {
    return tables;
  }

  @Override
  public final PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
      String stagingRoot) {
    return reader.readInto(runId, context, stagingRoot);
  }
}
