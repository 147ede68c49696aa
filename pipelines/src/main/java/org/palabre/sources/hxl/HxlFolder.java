package org.palabre.sources.hxl;

import org.palabre.sources.ActivityTablesFolder;

/** The {@code hxl/} folder of a delivery. */
public final class HxlFolder extends ActivityTablesFolder {
  public HxlFolder() {
    super(ReadHxlTables.SETTINGS);
  }
}
