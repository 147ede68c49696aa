package org.palabre.sources.reference;

import java.util.List;
import java.util.Set;
import org.palabre.lake.LakeTable;
import org.palabre.sources.FolderFamily;

/** The {@code reference/} folder. */
public final class ReferenceFolder extends FolderFamily {

  static final List<LakeTable<?>> TABLES =
      List.of(LakeTable.ADVOCACY_ACTIONS, LakeTable.EXCHANGE_RATES, LakeTable.TARGETS, LakeTable.EXPECTED_REPORTS,
          LakeTable.OUTLIER_BOUNDS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

  public ReferenceFolder() {
    super("reference", Set.of("csv", "txt", "xlsx", "xlsm", "xls"), TABLES,
        (runId, context, stagingRoot) -> new ReadReferenceTables(runId, stagingRoot));
  }
}
