package org.palabre.model;

/**
 * Where a source parser puts what it read: every input row ends either in {@link #accept} or in
 * {@link #reject}, never silently dropped. The Beam transforms adapt this to their main and
 * dead-letter outputs; unit tests collect into lists.
 *
 * @param <T> the parsed record type of the source
 */
public interface ParseSink<T> {

  /** A row (or document) that parsed and validated. */
  void accept(T record);

  /**
   * A row that did not.
   *
   * @param line 1-based line of the input where the row starts (0 when the whole file is rejected)
   * @param reason what is wrong, where (column, field) and what to do, for a data engineer
   * @param raw the row's original text, as far as the parser can give it
   */
  void reject(long line, String reason, String raw);

  /**
   * One cell of a row that loads all the same: a figure that cannot be read beside figures that
   * can. Parsers without cell rejects never call it; by default it rejects the row's line.
   *
   * @param column 1-based column of the cell
   */
  default void rejectCell(long line, int column, String reason, String raw) {
    reject(line, reason, raw);
  }
}
