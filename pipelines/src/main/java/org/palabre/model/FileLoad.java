package org.palabre.model;

import java.io.Serializable;

/**
 * What reading one input file gave: how it was understood (kind, encoding, separator) and the
 * row accounting that must always balance: {@code rowsRead == rowsLoaded + rowsRejected} (a row
 * loads when any of its figures does; its unreadable cells are {@code cellsRejected}).
 * {@code warnings} lists what loaded but deserves a look (unknown labels, rows without figures).
 */
public record FileLoad(
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    String fileKind,
    String encoding,
    String separator,
    long rowsRead,
    long rowsLoaded,
    long rowsRejected,
    long cellsRejected,
    long observations,
    String warnings)
    implements Serializable {

  /** A file whose rows are loaded or rejected whole (no cell rejected in a loaded row). */
  public FileLoad(String runId, String deliverySha256, String sourceFamily, String sourceFile, String fileKind, String encoding,
      String separator, long rowsRead, long rowsLoaded, long rowsRejected, long observations, String warnings) {
    this(runId, deliverySha256, sourceFamily, sourceFile, fileKind, encoding, separator, rowsRead, rowsLoaded, rowsRejected, 0,
        observations, warnings);
  }

  public boolean balanced() {
    return rowsRead == rowsLoaded + rowsRejected;
  }
}
