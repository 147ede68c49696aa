package org.palabre.sources.tabular;

import java.util.LinkedHashSet;
import java.util.Set;

/** The row accounting of one activity table: rows read, loaded and rejected, what the file was read as, its notes. */
final class TableTally {
  long read;
  long loaded;
  long rejected;
  long cellsRejected;
  long figures;
  long rowsWithoutFigures;
  long totalRows;
  boolean decimalComma;
  boolean fallbackComma;
  boolean typedCells;
  /** No figure's period starts after it ({@link org.palabre.text.Periods#afterRunDate}). */
  java.time.LocalDate runDate;
  String fileKind = "";
  final Set<String> warnings = new LinkedHashSet<>();
}
