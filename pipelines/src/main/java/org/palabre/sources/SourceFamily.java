package org.palabre.sources;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;

/**
 * A family of member deliveries that share a folder of the input (DESIGN §7) and a reader.
 * Adding a source is one implementation of this interface, registered in {@link SourceFamilies}:
 * the ingest finds its files, hashes them, and hands the new ones to {@link #read(String)}, whose
 * output tuple holds one collection per lake table it fills (always including the rejected rows
 * and the file loads, so every row is accounted for).
 */
public interface SourceFamily {

  /** The sub-folder of the input folder, also the family's name in the lake. */
  String name();

  /** File name endings (lower case, without dot) this family reads; other files are listed as ignored. */
  Set<String> extensions();

  /** The lake tables the reader's output tuple holds. */
  List<LakeTable<?>> tables();

  /**
   * The composite transform that reads the family's files into lake tables.
   *
   * @param context the family's context files ({@link #contextFiles}), all of them, new or not
   */
  PTransform<PCollection<InputFile>, PCollectionTuple> read(String runId, List<InputFile> context);

  /**
   * The reader the ingest runs: {@link #read} unless the family writes some of its tables itself.
   * Such a reader writes the tables of {@link #tablesWrittenByReader} straight into
   * {@code stagingRoot} (the layout of {@code WriteLake}, one Parquet part per input file, see
   * {@code LakePartWriter}) and its tuple holds only the other tables. That is the fast path for
   * tables of millions of rows: no Beam element per row.
   */
  default PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
      String stagingRoot) {
    return read(runId, context);
  }

  /** The tables {@link #readInto} writes itself; none by default. */
  default List<LakeTable<?>> tablesWrittenByReader() {
    return List.of();
  }

  /**
   * Files, anywhere in the input, that change how this family's files are read (DHIS2 metadata
   * for data values, exchange rates for IATI amounts). Their hashes are part of every delivery
   * key of the family: when they change, the family's files are read again and replace their
   * earlier versions. None by default.
   */
  default List<Path> contextFiles(Path input) throws java.io.IOException {
    return List.of();
  }

  default boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return !name.startsWith(".") && dot > 0 && extensions().contains(name.substring(dot + 1));
  }
}
