package org.palabre.sources.reference;

import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.FolderFamily;
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
   * ({@link FileRows}); null sends them on as elements.
   */
  public ReadReferenceTables(String runId, String stagingRoot) {
    super(runId, "reference", "RecogniseParseValidate", new ReferenceTableFiles(), Family.TABLES, stagingRoot);
  }

  /** The {@code reference/} folder. */
  public static final class Family extends FolderFamily {

    static final List<LakeTable<?>> TABLES =
        List.of(LakeTable.ADVOCACY_ACTIONS, LakeTable.EXCHANGE_RATES, LakeTable.TARGETS, LakeTable.EXPECTED_REPORTS,
            LakeTable.OUTLIER_BOUNDS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

    public Family() {
      super("reference", Set.of("csv", "txt", "xlsx", "xlsm", "xls"), TABLES);
    }

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
        String stagingRoot) {
      return new ReadReferenceTables(runId, stagingRoot);
    }
  }
}
