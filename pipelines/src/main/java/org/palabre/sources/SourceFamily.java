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
 * the ingest finds its files, hashes them, and hands the new ones to {@link #readInto}, which writes
 * every lake table it fills (always including the rejected rows and the file loads, so every row is
 * accounted for) file by file into the staging lake.
 */
public interface SourceFamily {

  /** The sub-folder of the input folder, also the family's name in the lake. */
  String name();

  /** File name endings (lower case, without dot) this family reads; other files are listed as ignored. */
  Set<String> extensions();

  /** The lake tables the reader fills: its output tuple holds one collection per table. */
  List<LakeTable<?>> tables();

  /**
   * The composite transform that reads the family's files into lake tables, every row sent on as a
   * Beam element of its table's collection: {@link #readInto} without a staging root.
   *
   * @param context the family's context files ({@link #contextFiles}), all of them, new or not
   */
  default PTransform<PCollection<InputFile>, PCollectionTuple> read(String runId, List<InputFile> context) {
    return readInto(runId, context, null);
  }

  /**
   * The reader the ingest runs: the same reading as {@link #read}, but each file's rows of every
   * table are written straight into {@code stagingRoot}, one Parquet part per input file and table
   * it has rows for, in the lake's layout ({@code <table>/<family>/<delivery key>/}, see {@link
   * LakePartSink}). Its tuple holds only the file loads. A delivery is one file, so no
   * row needs a Beam element, a shuffle or a grouping by delivery: that is what makes the ingest of
   * millions of rows linear.
   *
   * @param context the family's context files ({@link #contextFiles}), all of them, new or not
   * @param stagingRoot where to write the parts; null sends the rows on as elements ({@link #read})
   */
  PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
      String stagingRoot);

  /**
   * Files, anywhere in the input, that change how this family's files are read (DHIS2 metadata
   * for data values, exchange rates for IATI amounts). Their hashes are part of every delivery
   * key of the family: when they change, the family's files are read again and replace their
   * earlier versions. None by default.
   */
  default List<Path> contextFiles(Path input) throws java.io.IOException {
    return List.of();
  }

  /**
   * The files of {@code schemas/} the family's reader reads (its grammar, and the mappings a
   * reader still applies itself): part of every delivery key of the family, so a change reads the
   * family's files again. The crosswalk applied at build time is not among them: a mapping change
   * there is a rebuild, never a re-read.
   */
  default List<String> readerSchemas() {
    return List.of();
  }

  default boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return !name.startsWith(".") && dot > 0 && extensions().contains(name.substring(dot + 1));
  }
}
