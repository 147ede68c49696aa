package org.palabre.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * One audience's published DuckDB file as the server reads it, version after version.
 *
 * <p>A rebuild renames a new file over the published one. DuckDB keeps one database instance per
 * path in a JVM, so connections opened on the same path after the swap would still read the old
 * file until every connection to it closed. The server therefore never opens the published path:
 * each version it sees (told apart by the file's identity, its inode) gets a hard link of its own
 * in a private folder, and its own database instance. Queries started after a swap go to the new
 * version; statements still reading the old one finish on it; the old version is closed and its
 * link removed when its last connection is released.
 *
 * <p>Every instance is opened by the server with its own properties only: read-only, no access to
 * files or network outside the database (no read_csv of server files, no ATTACH, no COPY TO, no
 * extension installs), its memory limit (shared by the queries on that audience's database) and a
 * cap on what a query may spill to disk, and the configuration locked, so no SET can undo that.
 * Every version is linked as {@code <folder of its own>/palabre.duckdb}, so that the catalog name
 * clients see and save in their queries is {@code palabre}, for every audience and across
 * rebuilds.
 */
final class PublishedFile {

  /** One version of the published file: its link and the database instance open on it. */
  static final class Version {
    final Object identity;
    final Path link;
    private final DuckDBConnection root;
    private int connections;
    private boolean superseded;

    private Version(Object identity, Path link, DuckDBConnection root) {
      this.identity = identity;
      this.link = link;
      this.root = root;
    }

    /** A new connection to this version; give it back with {@link #release}. */
    synchronized Connection connect() throws SQLException {
      Connection c = root.duplicate();
      connections++;
      return c;
    }

    synchronized void release(Connection c) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing a connection of a version being dropped
      }
      connections--;
      closeIfUnused();
    }

    private synchronized void supersede() {
      superseded = true;
      closeIfUnused();
    }

    private void closeIfUnused() {
      if (superseded && connections == 0) {
        try {
          root.close();
        } catch (SQLException ignored) {
          // the instance goes with the link
        }
        try {
          deleteFolder(link.getParent());
        } catch (IOException ignored) {
          // removed when the server stops
        }
      }
    }
  }

  /** The catalog name of every served database, the same for every audience and every rebuild. */
  static final String CATALOG = "palabre";
  /** What a database may write to its temporary folder when a query spills. */
  static final String MAX_TEMP_DIRECTORY_SIZE = "2GB";

  private final Path published;
  private final Path links;
  private final String audience;
  private final String memoryLimit;
  private Version current;

  PublishedFile(String audience, Path published, Path links, String memoryLimit) {
    this.audience = audience;
    this.published = published;
    this.links = links;
    this.memoryLimit = memoryLimit;
  }

  String audience() {
    return audience;
  }

  boolean exists() {
    return Files.exists(published);
  }

  /** The version now published; opens it when the file was swapped since the last call. */
  synchronized Version current() throws SQLException {
    try {
      Object identity = identity(published);
      if (current != null && current.identity.equals(identity)) {
        return current;
      }
      // each version in a folder of its own under one file name: the catalog clients see is "palabre" whatever the version
      Files.createDirectories(links);
      Path folder = Files.createTempDirectory(links, audience + "-");
      Path link = folder.resolve(CATALOG + ".duckdb");
      Object linked;
      try {
        Files.createLink(link, published);
        linked = identity(link);
      } catch (UnsupportedOperationException | IOException noHardLinks) {
        Files.copy(published, link, StandardCopyOption.REPLACE_EXISTING);
        linked = identity;
      }
      if (current != null && current.identity.equals(linked)) {
        deleteFolder(folder);
        return current;
      }
      Version next = new Version(linked, link, open(link, memoryLimit));
      Version previous = current;
      current = next;
      if (previous != null) {
        previous.supersede();
      }
      return current;
    } catch (IOException e) {
      throw new SQLException("the warehouse of audience '" + audience + "' cannot be opened: " + e.getMessage(), e);
    }
  }

  synchronized void close() {
    if (current != null) {
      current.supersede();
      current = null;
    }
  }

  static DuckDBConnection open(Path file, String memoryLimit) throws SQLException {
    Properties props = new Properties();
    if (memoryLimit != null) {
      props.setProperty("memory_limit", memoryLimit);
    }
    props.setProperty("max_temp_directory_size", MAX_TEMP_DIRECTORY_SIZE);
    props.setProperty("duckdb.read_only", "true");
    props.setProperty("enable_external_access", "false");
    props.setProperty("autoinstall_known_extensions", "false");
    props.setProperty("autoload_known_extensions", "false");
    props.setProperty("lock_configuration", "true");
    return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
  }

  private static void deleteFolder(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var files = Files.walk(folder)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Object identity(Path file) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = attrs.fileKey();
    return key != null ? key : List.of(attrs.lastModifiedTime().toMillis(), attrs.size(), attrs.creationTime().toMillis());
  }
}
