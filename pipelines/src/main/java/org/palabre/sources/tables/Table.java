package org.palabre.sources.tables;

import java.io.IOException;
import java.util.Iterator;

/**
 * The rows of one table of a delivered file, in order, blank rows included (a CSV file is one
 * table; a workbook has one per visible sheet). Streamed: a table of a million rows holds one row
 * at a time.
 */
public interface Table extends Iterator<TableRow>, AutoCloseable {

  /** The sheet's name; null for a text file. */
  String sheet();

  /**
   * True when the cells come typed and rendered (a workbook: numbers in plain digits with '.',
   * dates as ISO dates); false when they are the file's own text, to be read with its dialect.
   */
  boolean typedCells();

  @Override
  void close() throws IOException;
}
