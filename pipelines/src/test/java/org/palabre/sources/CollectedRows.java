package org.palabre.sources;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;

/**
 * A {@link LakeRowSink} that keeps the rows a reader adds, table by table, for tests that read a file
 * with a family's real {@link FileParser} (no Beam step) and look at what it would put in the lake.
 */
public final class CollectedRows implements LakeRowSink {

  private final Map<String, List<Object>> rows = new LinkedHashMap<>();
  private FileLoad load;

  /**
   * Reads {@code file} with {@code parser} as {@link ReadFileFn} would (setup, then read), and keeps
   * the file's load record beside its rows.
   *
   * @throws Exception when the parser cannot read the file at all (what ReadFileFn rejects whole)
   */
  public static CollectedRows read(FileParser parser, InputFile file, String runId) throws Exception {
    CollectedRows rows = new CollectedRows();
    parser.setup();
    rows.load = parser.read(file, Delivery.of(runId, file), rows);
    rows.add(LakeTable.FILE_LOADS, rows.load);
    return rows;
  }

  @Override
  public <T extends Record & Serializable> void add(LakeTable<T> table, T row) {
    rows.computeIfAbsent(table.name(), t -> new ArrayList<>()).add(row);
  }

  /** The rows added to one table, in order. */
  @SuppressWarnings("unchecked")
  public <T extends Record & Serializable> List<T> of(LakeTable<T> table) {
    return (List<T>) (List<?>) List.copyOf(rows.getOrDefault(table.name(), List.of()));
  }

  /** Every row added, of every table (the file load included). */
  public List<Object> all() {
    List<Object> all = new ArrayList<>();
    rows.values().forEach(all::addAll);
    return all;
  }

  /** The file's load record, as the parser returned it. */
  public FileLoad load() {
    return load;
  }

  @Override
  public void discard() {
    rows.clear();
  }

  @Override
  public void close() {
    // nothing held
  }
}
