package org.palabre.sources;

import java.io.IOException;
import java.io.Serializable;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;

/**
 * Where a per-file reader sends the lake rows of one input file (one call of its DoFn); the shared
 * reader ({@link ReadFileFn}) picks the end. Readers write through this interface only, so the same reading serves two ends:
 *
 * <ul>
 *   <li>as Beam elements of the reader's output tuple ({@link ElementSink}), one collection per
 *       lake table: what tests assert on with {@code PAssert}, and what a pipeline that goes on in
 *       Beam needs;
 *   <li>straight into the file's Parquet parts of the staging lake ({@link LakePartSink}): what
 *       the ingest runs. A delivery is one file, so its rows need no grouping: a GroupByKey per
 *       delivery costs a Beam element, a coder and shuffle state per row (quadratic in the rows of a
 *       delivery on the direct runner, which copies the state at every element).
 * </ul>
 *
 * <p>Not thread-safe: one instance per input file, closed at the end of the file.
 */
public interface LakeRowSink extends AutoCloseable {

  /**
   * Adds one row of the file to a lake table.
   *
   * @throws LakeWriteFailure when the row cannot be written to the lake
   */
  <T extends Record & Serializable> void add(LakeTable<T> table, T row);

  /**
   * Keeps the file itself, as delivered, beside its rows: a file rejected whole goes to the lake's
   * {@value #REJECTED_FILES} folder of its delivery, for whoever fixes it. Nothing to do for
   * elements.
   */
  default void keepRejectedFile(InputFile file) {}

  /** The lake folder where files rejected whole are kept, by family and delivery, like a table. */
  String REJECTED_FILES = "rejected_files";

  /**
   * Drops the rows the file added so far, where that is possible: parts are deleted; elements
   * already sent stay sent. For a reader that rejects a file whole after reading part of it.
   */
  void discard();

  /**
   * Finishes the file's parts (nothing to do for elements).
   *
   * @throws LakeWriteFailure when a part cannot be finished
   */
  @Override
  void close();

  /**
   * The lake, not the input file, is at fault (a full disk, a missing permission): the reader must
   * let it through, so the bundle fails and the runner retries it, rather than reject the file as
   * unreadable. Deliberately not an {@link java.io.UncheckedIOException}, which parsers catch as a
   * malformed input.
   */
  final class LakeWriteFailure extends RuntimeException {
    /** @param what what could not be done, where: "cannot write the observations of dhis2/x.json to lake/_staging/..." */
    public LakeWriteFailure(String what, IOException cause) {
      super(what + " (" + cause + "); check that the lake's disk has room and that Palabre may write there, then run"
          + " again", cause);
    }
  }
}
