package org.palabre.model;

/**
 * One line of a run's load report: an input file, what became of it, and its row accounting
 * (rows read = loaded + rejected, rows held at build time included once the warehouse is built),
 * with its figures mapped to a common metric and not mapped yet (zero before the build).
 */
public record LoadReportRow(
    String runId,
    String sourceFamily,
    String sourceFile,
    String fileSha256,
    long sizeBytes,
    String status,
    String fileKind,
    String encoding,
    long rowsRead,
    long rowsLoaded,
    long rowsRejected,
    String warnings,
    String deliveryKey,
    long figuresMapped,
    long figuresUnmapped,
    long cellsRejected) {

  /** A row as the ingest knows it, before the build maps its figures. */
  public LoadReportRow(String runId, String sourceFamily, String sourceFile, String fileSha256, long sizeBytes, String status,
      String fileKind, String encoding, long rowsRead, long rowsLoaded, long rowsRejected, String warnings, String deliveryKey) {
    this(runId, sourceFamily, sourceFile, fileSha256, sizeBytes, status, fileKind, encoding, rowsRead, rowsLoaded, rowsRejected,
        warnings, deliveryKey, 0, 0, 0);
  }

  /** The same row with its rejected cells (figures of loaded rows that could not be read). */
  public LoadReportRow withCellsRejected(long cells) {
    return new LoadReportRow(runId, sourceFamily, sourceFile, fileSha256, sizeBytes, status, fileKind, encoding, rowsRead,
        rowsLoaded, rowsRejected, warnings, deliveryKey, figuresMapped, figuresUnmapped, cells);
  }
}
