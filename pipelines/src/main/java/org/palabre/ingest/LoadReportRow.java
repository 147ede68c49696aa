package org.palabre.ingest;

/** One line of a run's load report: an input file, what became of it, and its row accounting. */
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
    String deliveryKey) {}
