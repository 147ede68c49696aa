package org.palabre.warehouse;

import java.util.Map;
import org.palabre.codes.ClasspathFolders;

/**
 * Moved to {@link ClasspathFolders} (what it holds: folders of the classpath), below the ingest and
 * the warehouse that both read them. Kept, delegating, for the code of {@code warehouse/} still on
 * the old name; use the new one.
 */
@Deprecated
public final class Resources {

  private Resources() {}

  public static Map<String, String> read(String folder, String suffix) {
    return ClasspathFolders.read(folder, suffix);
  }

  public static String digest(String folder, String suffix) {
    return ClasspathFolders.digest(folder, suffix);
  }
}
