package org.palabre.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;

/**
 * What differs between the source families' readers: how one file is parsed into the lake
 * tables. Everything else (the Beam step, the counters, the whole-file reject of a file that
 * cannot be read, the file's load record, its Parquet parts) is {@link ReadFileFn}'s, the one
 * per-file reader every family shares.
 */
public interface FileParser extends Serializable {

  /** Loads what the parser needs once per worker: its grammar, the family's context files. */
  default void setup() throws IOException {}

  /**
   * Reads one file, adding its rows to the lake tables through {@code rows} (rejected rows
   * included, every input row accounted for), and says how it was read.
   *
   * @throws Exception when the file cannot be read at all: {@link ReadFileFn} then drops what was
   *     added, rejects the file whole with the exception's message and the {@link #whatToCheck}
   *     advice, and the run goes on
   */
  FileLoad read(InputFile file, Delivery delivery, LakeRowSink rows) throws Exception;

  /** What to tell the data engineer about a file that cannot be read: "check that it is a CSV file ...". */
  String whatToCheck();

  /**
   * Whether a file rejected whole is kept in the lake as delivered, for whoever fixes it (as a
   * dead-letter queue keeps the message): true unless the family's files may hold personal data.
   */
  default boolean keepsRejectedFiles() {
    return true;
  }

  /**
   * Whether the shared reader looks for a list of people in the file's first lines (a personal
   * column among its headers) and then keeps none of its rows' text: true for every family of
   * tables; false for one whose files have no header row (IATI XML).
   */
  default boolean screensListsOfPeople() {
    return true;
  }

  /** The file's bytes. */
  static InputStream open(InputFile file) throws IOException {
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)));
  }
}
