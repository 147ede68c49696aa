package org.palabre.sources.samusocial;

import org.palabre.sources.ActivityTablesFolder;

/** The {@code samusocial/} folder of a delivery. */
public final class SamusocialFolder extends ActivityTablesFolder {
  public SamusocialFolder() {
    super(ReadSamusocialReports.SETTINGS);
  }
}
