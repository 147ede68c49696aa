package org.palabre.sources.iati;

import java.util.List;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.ReadEachFile;

/**
 * Reads IATI activity XML (standard 2.01-2.03, 1.0x best effort; DESIGN §3.5) into the lake:
 * activities with their network member, participating organisations, budgets and transactions with
 * their value in EUR, and result periods; rejected rows and one load record per file beside them.
 *
 * <pre>{@code
 * PCollectionTuple lake = files.apply(new ReadIatiActivities(runId, rateTables));
 * lake.get(LakeTable.IATI_BUDGETS.tag()) ...
 * }</pre>
 *
 * <p>{@code rateTables} are the exchange-rate CSVs of the delivery ({@link RateTables}): amounts
 * convert at the rate of their value date or the closest earlier one; an amount with no such rate
 * is rejected with the currency and the date, never converted at 1.
 */
public final class ReadIatiActivities extends ReadEachFile {

  /** The lake tables this transform fills. */
  static final List<LakeTable<?>> TABLES = List.of(LakeTable.IATI_ACTIVITIES, LakeTable.IATI_PARTICIPATING_ORGS,
      LakeTable.IATI_BUDGETS, LakeTable.IATI_TRANSACTIONS, LakeTable.IATI_RESULTS, LakeTable.REJECTED_ROWS,
      LakeTable.FILE_LOADS);

  public ReadIatiActivities(String runId, List<InputFile> rateTables) {
    this(runId, rateTables, null);
  }

  /**
   * The same reading, each file's rows written into its Parquet parts under {@code stagingRoot}
   * ({@link LakeRowSink}); null sends them on as elements.
   */
  public ReadIatiActivities(String runId, List<InputFile> rateTables, String stagingRoot) {
    super(runId, "iati", "ParseConvertHarmonise", new IatiActivityFiles(rateTables), TABLES, stagingRoot);
  }
}
