package org.palabre.sources.dhis2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.palabre.lake.LakeTable;
import org.palabre.sources.FolderFamily;

/** The {@code dhis2/} folder of a delivery. */
public final class Dhis2Folder extends FolderFamily {
  public Dhis2Folder() {
    super("dhis2", Set.of("json", "csv"), List.of(LakeTable.FIGURES, LakeTable.DHIS2_ORG_UNITS, LakeTable.DHIS2_METADATA,
        LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS), ReadDhis2DataValues::new);
  }

  /** The metadata JSON files of {@code dhis2/}, told from data value sets by their content. */
  @Override
  public List<Path> contextFiles(Path input) throws IOException {
    return Dhis2Files.metadataFiles(input.resolve(name()));
  }
}
