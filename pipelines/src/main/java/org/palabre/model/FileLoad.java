package org.palabre.model;

import java.io.Serializable;

/**
 * What reading one input file gave: how it was understood (kind, encoding, separator) and the
 * row accounting that must always balance: {@code rowsRead == rowsLoaded + rowsRejected}.
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
    long observations,
    String warnings)
    implements Serializable {

  public boolean balanced() {
    return rowsRead == rowsLoaded + rowsRejected;
  }
}
