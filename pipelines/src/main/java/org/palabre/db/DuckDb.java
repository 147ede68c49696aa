package org.palabre.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Opens DuckDB connections the way Palabre needs them and turns DuckDB's errors into messages a
 * person can act on (its first line is generic; the real cause is on the following lines).
 *
 * <p>It imports nothing of Palabre, so every layer that touches a DuckDB file (the ingest writing
 * its run files, the warehouse build, the jobs, serving) may use it without depending on another.
 */
public final class DuckDb {

  private DuckDb() {}

  /**
   * The environment variable that caps the memory of every DuckDB database Palabre opens (DuckDB's
   * {@code memory_limit}, e.g. {@code 4GB}); unset, DuckDB takes 80% of the machine's memory. A
   * build that needs more spills to the database's temporary folder instead of growing.
   */
  public static final String MEMORY_LIMIT_VARIABLE = "PALABRE_DUCKDB_MEMORY_LIMIT";

  public static Connection open(Path file, boolean readOnly) throws SQLException {
    Properties props = new Properties();
    if (readOnly) {
      props.setProperty("duckdb.read_only", "true");
    }
    limitMemory(props);
    return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
  }

  public static Connection inMemory() throws SQLException {
    Properties props = new Properties();
    limitMemory(props);
    return DriverManager.getConnection("jdbc:duckdb:", props);
  }

  private static void limitMemory(Properties props) {
    String limit = System.getenv(MEMORY_LIMIT_VARIABLE);
    if (limit != null && !limit.isBlank()) {
      if (!limit.strip().matches("(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
        throw new IllegalArgumentException(MEMORY_LIMIT_VARIABLE + "='" + limit + "' is not a memory size: write it like 4GB or 512MB");
      }
      props.setProperty("memory_limit", limit.strip());
    }
  }

  /** A SQL string literal. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A DuckDB list of file paths for read_parquet. */
  public static String pathList(List<Path> files) {
    return files.stream().map(p -> literal(p.toString())).collect(Collectors.joining(", ", "[", "]"));
  }

  /** All lines of the error, without the generic first line when a more specific one follows. */
  public static String describe(SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    return message.replaceAll("\\s*\\n\\s*", " — ");
  }
}
