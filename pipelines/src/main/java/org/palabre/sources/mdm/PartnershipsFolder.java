package org.palabre.sources.mdm;

import java.util.List;
import java.util.Set;
import org.palabre.lake.LakeTable;
import org.palabre.sources.FolderFamily;

/** The {@code partnerships/} folder. */
public final class PartnershipsFolder extends FolderFamily {

  static final List<LakeTable<?>> TABLES = List.of(LakeTable.PARTNERSHIPS, LakeTable.PARTNER_SURVEY_ANSWERS,
      LakeTable.ALERTS, LakeTable.FIGURES, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

  public PartnershipsFolder() {
    super("partnerships", Set.of("csv", "txt", "xlsx", "xlsm", "xls"), TABLES,
        (runId, context, stagingRoot) -> new ReadPartnershipFiles(runId, stagingRoot));
  }
}
