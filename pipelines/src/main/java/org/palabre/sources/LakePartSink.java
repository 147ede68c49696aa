package org.palabre.sources;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakePartWriter;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;

/**
 * {@link LakeRowSink} into the file's Parquet parts of the staging lake, one per table it has rows
 * for ({@code <stagingRoot>/<table>/<family>/<delivery key>/}).
 */
final class LakePartSink implements LakeRowSink {

  private final String root;
  private final InputFile file;
  private final DoFn.MultiOutputReceiver out;
  private final String partName;
  /** The open parts, by table name (a table deserialised on a worker is another object). */
  private final Map<String, LakePartWriter<?>> parts = new LinkedHashMap<>();

  LakePartSink(String root, InputFile file, DoFn.MultiOutputReceiver out) {
    this.root = root;
    this.file = file;
    this.out = out;
    String key = file.deliveryKey();
    this.partName = "part-" + key.substring(0, Math.min(16, key.length()));
  }

  @Override
  public <T extends Record & Serializable> void add(LakeTable<T> table, T row) {
    try {
      part(table).write(row);
    } catch (IOException e) {
      throw new LakeWriteFailure("cannot write the " + table.name() + " rows of " + file.relativeName()
          + " to the staging lake " + root, e);
    }
    if (table.name().equals(LakeTable.FILE_LOADS.name())) {
      out.get(table.tag()).output(row);
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends Record & Serializable> LakePartWriter<T> part(LakeTable<T> table) throws IOException {
    LakePartWriter<?> part = parts.get(table.name());
    if (part == null) {
      part = LakePartWriter.open(table, root, file.sourceFamily(), file.deliveryKey(), partName);
      parts.put(table.name(), part);
    }
    return (LakePartWriter<T>) part;
  }

  @Override
  public void keepRejectedFile(InputFile rejected) {
    java.nio.file.Path folder = java.nio.file.Path.of(root, REJECTED_FILES, rejected.sourceFamily(), rejected.deliveryKey());
    String name = java.nio.file.Path.of(rejected.relativeName()).getFileName().toString();
    try (java.io.InputStream in = FileParser.open(rejected)) {
      java.nio.file.Files.createDirectories(folder);
      java.nio.file.Files.copy(in, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the file could not be read whole: what of it could be copied is all there is to keep
      try {
        java.nio.file.Files.deleteIfExists(folder.resolve(name));
      } catch (IOException ignored) {
        // nothing kept
      }
    }
  }

  @Override
  public void discard() {
    try {
      for (LakePartWriter<?> part : parts.values()) {
        part.close();
        part.delete();
      }
    } catch (IOException e) {
      throw new LakeWriteFailure("cannot drop the rows of " + file.relativeName() + " from the staging lake " + root, e);
    } finally {
      parts.clear();
    }
  }

  @Override
  public void close() {
    IOException failure = null;
    for (LakePartWriter<?> part : parts.values()) {
      try {
        part.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    parts.clear();
    if (failure != null) {
      throw new LakeWriteFailure("cannot finish the Parquet parts of " + file.relativeName() + " in the staging lake "
          + root, failure);
    }
  }
}
