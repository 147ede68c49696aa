package org.palabre.sources.reference;

import org.palabre.sources.ReadEachFile;

/**
 * Reads the network's reference tables (DESIGN §3.6) from {@code reference/}, each recognised by
 * its header: the advocacy actions log (lake table {@code advocacy_actions}), the dated
 * exchange-rate table {@code rate_date,currency,units_per_eur} (lake table {@code exchange_rates}),
 * the targets table (lake table {@code targets}), the reporting calendar ({@code expected_reports})
 * and the outlier bounds ({@code outlier_bounds}). Any other file is rejected whole with a reason
 * listing the known kinds. The shared per-file reader ({@link ReadFileFn}) runs {@link
 * ReferenceTableFiles}; members, units, indicators and countries stay as written, the build maps them.
 */
public final class ReadReferenceTables extends ReadEachFile {

  public ReadReferenceTables(String runId) {
    this(runId, null);
  }

  /**
   * The same reading, each file's rows written into its Parquet parts under {@code stagingRoot}
   * ({@link LakeRowSink}); null sends them on as elements.
   */
  public ReadReferenceTables(String runId, String stagingRoot) {
    super(runId, "reference", "RecogniseParseValidate", new ReferenceTableFiles(), ReferenceFolder.TABLES, stagingRoot);
  }
}
