package org.palabre.sources;

import java.util.List;
import java.util.Optional;
import org.palabre.sources.dhis2.ReadDhis2DataValues;
import org.palabre.sources.hxl.ReadHxlTables;
import org.palabre.sources.iati.ReadIatiActivities;
import org.palabre.sources.mdm.ReadMissionSheets;
import org.palabre.sources.mdm.ReadPartnershipFiles;
import org.palabre.sources.reference.ReadReferenceTables;
import org.palabre.sources.samusocial.ReadSamusocialReports;

/** The source families Palabre reads, one per sub-folder of the input (DESIGN §7). */
public final class SourceFamilies {

  private static final List<SourceFamily> ALL =
      List.of(new ReadSamusocialReports.Family(), new ReadHxlTables.Family(), new ReadIatiActivities.Family(),
          new ReadDhis2DataValues.Family(), new ReadMissionSheets.Family(), new ReadPartnershipFiles.Family(),
          new ReadReferenceTables.Family());

  private SourceFamilies() {}

  public static List<SourceFamily> all() {
    return ALL;
  }

  public static Optional<SourceFamily> named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
