package org.palabre.sources;

import java.util.List;
import java.util.Optional;
import org.palabre.sources.dhis2.Dhis2Folder;
import org.palabre.sources.hxl.HxlFolder;
import org.palabre.sources.iati.IatiFolder;
import org.palabre.sources.mdm.MissionsFolder;
import org.palabre.sources.mdm.PartnershipsFolder;
import org.palabre.sources.reference.ReferenceFolder;
import org.palabre.sources.samusocial.SamusocialFolder;

/** The source families Palabre reads, one per sub-folder of the input (DESIGN §7). */
public final class SourceFamilies {

  private static final List<SourceFamily> ALL =
      List.of(new SamusocialFolder(), new HxlFolder(), new IatiFolder(), new Dhis2Folder(), new MissionsFolder(),
          new PartnershipsFolder(), new ReferenceFolder());

  private SourceFamilies() {}

  public static List<SourceFamily> all() {
    return ALL;
  }

  public static Optional<SourceFamily> named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
