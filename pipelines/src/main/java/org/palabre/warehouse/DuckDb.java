package org.palabre.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Moved to {@link org.palabre.db.DuckDb}, below the layers that use it. Kept, delegating, for
 * the code of {@code warehouse/} and {@code bench/} still on the old name; use the new one.
 */
@Deprecated
public final class DuckDb {

  private DuckDb() {}

  public static final String MEMORY_LIMIT_VARIABLE = org.palabre.db.DuckDb.MEMORY_LIMIT_VARIABLE;

  public static Connection open(Path file, boolean readOnly) throws SQLException {
    return org.palabre.db.DuckDb.open(file, readOnly);
  }

  public static Connection inMemory() throws SQLException {
    return org.palabre.db.DuckDb.inMemory();
  }

  public static String literal(String s) {
    return org.palabre.db.DuckDb.literal(s);
  }

  public static String pathList(List<Path> files) {
    return org.palabre.db.DuckDb.pathList(files);
  }

  public static String describe(SQLException e) {
    return org.palabre.db.DuckDb.describe(e);
  }
}
