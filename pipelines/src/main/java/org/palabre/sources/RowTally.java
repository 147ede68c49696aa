package org.palabre.sources;

import java.io.Serializable;
import java.util.function.Consumer;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;

/**
 * The row accounting of one file as a {@link FileParser} reads it: the records its parser
 * accepted, the rows it rejected (added to {@code rejected_rows}), and the lake rows written for
 * them; the file's load record balances by construction ({@code rows read = loaded + rejected}).
 * Not thread-safe: one per file.
 */
public final class RowTally {

  private final Delivery delivery;
  private final LakeRowSink rows;
  private long loaded;
  private long rejected;
  private long written;

  public RowTally(Delivery delivery, LakeRowSink rows) {
    this.delivery = delivery;
    this.rows = rows;
  }

  /** A parser's sink: an accepted record counts as loaded and is written by {@code write} (through {@link #add}). */
  public <T> ParseSink<T> sink(Consumer<T> write) {
    return sink("", write);
  }

  /** As {@link #sink(Consumer)}, each reject's reason beginning with {@code where} ("sheet 'Registre', "). */
  public <T> ParseSink<T> sink(String where, Consumer<T> write) {
    return new ParseSink<>() {
      @Override
      public void accept(T record) {
        loaded++;
        write.accept(record);
      }

      @Override
      public void reject(long line, String reason, String raw) {
        RowTally.this.reject(line, where + reason, raw);
      }
    };
  }

  /** Writes one lake row of an accepted record. */
  public <T extends Record & Serializable> void add(LakeTable<T> table, T row) {
    written++;
    rows.add(table, row);
  }

  /** Rejects one input row (line 0: the whole file). */
  public void reject(long line, String reason, String raw) {
    rejected++;
    rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
  }

  /** The file's load record. */
  public FileLoad fileLoad(InputFile file, String kind, String encoding, String separator, String warnings) {
    return new FileLoad(delivery.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(), kind, encoding, separator,
        loaded + rejected, loaded, rejected, written, warnings);
  }
}
