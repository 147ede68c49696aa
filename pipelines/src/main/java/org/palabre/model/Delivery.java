package org.palabre.model;

import java.io.Serializable;

/**
 * The provenance every record read from one file carries: the run that read it, the delivery key
 * that identifies it in the lake (the content hash, see {@link InputFile#deliveryKey()}), the
 * source family and the file's name relative to the input folder.
 */
public record Delivery(String runId, String sha256, String sourceFamily, String sourceFile) implements Serializable {

  public static Delivery of(String runId, InputFile file) {
    return new Delivery(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName());
  }

  public Rejection rejection(long line, String reason, String raw) {
    return rejection(null, line, reason, raw);
  }

  /** A row of a workbook sheet (null for a text file): its line is the sheet's row. */
  public Rejection rejection(String sheet, long line, String reason, String raw) {
    return new Rejection(runId, sha256, sourceFamily, sourceFile, sheet, line, null, reason, raw);
  }

  /** One cell of a row whose other figures load: its line and 1-based column. */
  public Rejection cellRejection(long line, int column, String reason, String raw) {
    return cellRejection(null, line, column, reason, raw);
  }

  /** One cell of a row of a workbook sheet (null for a text file). */
  public Rejection cellRejection(String sheet, long line, int column, String reason, String raw) {
    return new Rejection(runId, sha256, sourceFamily, sourceFile, sheet, line, column, reason, raw);
  }
}
