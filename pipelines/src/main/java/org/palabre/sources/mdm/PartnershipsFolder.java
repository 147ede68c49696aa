package org.palabre.sources.mdm;

import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.FolderFamily;

/** The {@code partnerships/} folder. */
public final class PartnershipsFolder extends FolderFamily {

  static final List<LakeTable<?>> TABLES = List.of(LakeTable.PARTNERSHIPS, LakeTable.PARTNER_SURVEY_ANSWERS,
      LakeTable.ALERTS, LakeTable.FIGURES, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

  public PartnershipsFolder() {
    super("partnerships", Set.of("csv", "txt", "xlsx", "xlsm", "xls"), TABLES);
  }

  @Override
  public PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
      String stagingRoot) {
    return new ReadPartnershipFiles(runId, stagingRoot);
  }
}
