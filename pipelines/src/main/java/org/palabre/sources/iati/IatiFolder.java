package org.palabre.sources.iati;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.palabre.sources.FolderFamily;

/** The {@code iati/} folder of a delivery; its context is the rate tables under {@code reference/}. */
public final class IatiFolder extends FolderFamily {
  public IatiFolder() {
    super("iati", Set.of("xml"), ReadIatiActivities.TABLES, ReadIatiActivities::new);
  }

  @Override
  public List<Path> contextFiles(Path input) throws IOException {
    return RateTables.find(input);
  }
}
