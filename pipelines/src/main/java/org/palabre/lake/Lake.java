package org.palabre.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Parquet lake on disk: one folder per canonical table, one sub-folder per delivery
 * ({@code <table>/<family>/<sha256>/part-*.parquet}), and a commit marker per delivery in
 * {@code _deliveries/<sha256>.json} written last. A delivery without a marker does not exist:
 * readers list files through {@link #files(String)}, which only follows markers, and
 * {@link #recover()} removes what a crashed run left behind. The same content delivered again is
 * recognised by its hash and never loaded twice.
 *
 * <p>A delivery supersedes the earlier one of the same family and file name (a member re-sending
 * a corrected file, or the same file read again under changed context): only the newest marker of
 * a (family, file) counts, so publishing the new marker retires the old delivery in one atomic
 * step, and {@link #recover()} deletes what it retired.
 */
public final class Lake {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The commit marker of a delivery. */
  public record DeliveryMarker(String sha256, String sourceFamily, String sourceFile, String runId, long sizeBytes,
      String fileSha256, long publishedAtMillis, long fileModifiedMillis, long hashedAtMillis) {

    String fileKey() {
      return sourceFamily + "/" + sourceFile;
    }
  }

  private final Path root;

  public Lake(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path stagingRoot(String runId) {
    return root.resolve("_staging").resolve(runId);
  }

  private Path markers() {
    return root.resolve("_deliveries");
  }

  /** Current deliveries by delivery key: for each family and file name, the newest. */
  public Map<String, DeliveryMarker> deliveries() {
    Map<String, DeliveryMarker> newestByFile = new LinkedHashMap<>();
    for (DeliveryMarker m : allMarkers()) {
      newestByFile.merge(m.fileKey(), m, (a, b) -> b.publishedAtMillis() > a.publishedAtMillis() ? b : a);
    }
    Map<String, DeliveryMarker> result = new LinkedHashMap<>();
    for (DeliveryMarker m : newestByFile.values()) {
      result.put(m.sha256(), m);
    }
    return result;
  }

  private List<DeliveryMarker> allMarkers() {
    List<DeliveryMarker> result = new ArrayList<>();
    if (!Files.isDirectory(markers())) {
      return result;
    }
    try (Stream<Path> files = Files.list(markers())) {
      for (Path marker : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        result.add(JSON.readValue(marker.toFile(), DeliveryMarker.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lake's delivery markers in " + markers(), e);
    }
    return result;
  }

  /** The Parquet files of a table, from published deliveries only, in a stable order. */
  public List<Path> files(String table) {
    return files(table, deliveries());
  }

  /** The same, for deliveries already listed: a caller reading many tables reads the markers once. */
  public List<Path> files(String table, Map<String, DeliveryMarker> published) {
    List<Path> result = new ArrayList<>();
    for (DeliveryMarker m : published.values()) {
      Path dir = root.resolve(table).resolve(m.sourceFamily()).resolve(m.sha256());
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.parquet")) {
          parts.forEach(result::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    result.sort(Comparator.naturalOrder());
    return result;
  }

  /**
   * Removes what an interrupted run left: staging folders, and delivery folders that have no
   * commit marker. Safe to call at the start of every run.
   */
  public void recover() throws IOException {
    deleteTree(root.resolve("_staging"));
    if (!Files.isDirectory(root)) {
      return;
    }
    Map<String, DeliveryMarker> published = deliveries();
    for (DeliveryMarker m : allMarkers()) {
      if (!published.containsKey(m.sha256())) {
        Files.deleteIfExists(markers().resolve(m.sha256() + ".json"));
      }
    }
    try (Stream<Path> tables = Files.list(root)) {
      for (Path table : tables.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).toList()) {
        try (Stream<Path> families = Files.list(table)) {
          for (Path family : families.filter(Files::isDirectory).toList()) {
            try (Stream<Path> deliveries = Files.list(family)) {
              for (Path delivery : deliveries.filter(Files::isDirectory).toList()) {
                if (!published.containsKey(delivery.getFileName().toString())) {
                  deleteTree(delivery);
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * Moves a delivery's staged folders into the lake, then writes its commit marker. Until the
   * marker exists the delivery is invisible; a crash in between is undone by {@link #recover()}.
   */
  public void publish(String runId, String sha256, String family, String sourceFile, long sizeBytes, String fileSha256,
      long fileModifiedMillis, long hashedAtMillis, List<String> tables) throws IOException {
    for (String table : tables) {
      Path staged = stagingRoot(runId).resolve(table).resolve(family).resolve(sha256);
      Path target = root.resolve(table).resolve(family).resolve(sha256);
      deleteTree(target);
      if (Files.isDirectory(staged)) {
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.createDirectories(markers());
    Path tmp = markers().resolve(sha256 + ".json.tmp");
    long publishedAt = Math.max(System.currentTimeMillis(), newestPublication() + 1);
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), new DeliveryMarker(sha256, family, sourceFile, runId, sizeBytes, fileSha256,
        publishedAt, fileModifiedMillis, hashedAtMillis));
    newestPublication = publishedAt;
    Files.move(tmp, markers().resolve(sha256 + ".json"), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Read from the markers once, then kept: publishing hundreds of files must not re-read every marker each time. */
  private long newestPublication() {
    if (newestPublication < 0) {
      newestPublication = allMarkers().stream().mapToLong(DeliveryMarker::publishedAtMillis).max().orElse(0);
    }
    return newestPublication;
  }

  private long newestPublication = -1;

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
