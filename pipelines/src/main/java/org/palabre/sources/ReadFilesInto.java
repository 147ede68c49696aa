package org.palabre.sources;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;

/**
 * The step every per-file reader shares: apply the shared reader ({@link ReadFileFn}) with one
 * output per lake table (the file loads its main output, the others its tagged outputs, dead
 * letters included) and give each output its table's coder.
 */
public final class ReadFilesInto {

  private ReadFilesInto() {}

  /**
   * The shared per-file reader ({@link ReadFileFn}) with the family's parser: the file loads are its
   * main output, every other table of {@code tables} a tagged output.
   */
  public static PCollectionTuple readEachFile(PCollection<InputFile> files, String step, ReadFileFn fn,
      List<LakeTable<?>> tables) {
    TupleTagList others = TupleTagList.empty();
    for (LakeTable<?> table : tables) {
      if (!table.name().equals(LakeTable.FILE_LOADS.name())) {
        others = others.and(table.tag());
      }
    }
    PCollectionTuple read = files.apply(step, ParDo.of(fn).withOutputTags(LakeTable.FILE_LOADS.tag(), others));
    for (LakeTable<?> table : tables) {
      setCoder(read, table);
    }
    return read;
  }

  private static <T extends Record & Serializable> void setCoder(PCollectionTuple tuple, LakeTable<T> table) {
    tuple.get(table.tag()).setCoder(table.coder());
  }
}
