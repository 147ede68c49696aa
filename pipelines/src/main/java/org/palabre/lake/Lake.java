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
 *
 * <p>A delivery can be withdrawn ({@link #withdraw}): its marker and its folders move to
 * {@code _withdrawn/<run_id>/} (kept for audit, never read by a build), after a manifest that makes
 * the withdrawal complete itself in {@link #recover()} if the process dies half-way.
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

  /** Where withdrawn deliveries are kept: {@code _withdrawn/<run_id>/}. */
  public Path withdrawnRoot() {
    return root.resolve(WITHDRAWN);
  }

  private static final String WITHDRAWN = "_withdrawn";
  private static final String MANIFEST = "withdrawal.json";
  /** The run record of a withdrawal, moved into {@code _runs/} when the withdrawal is complete. */
  public static final String WITHDRAWAL_RUN_RECORD = "run.parquet";

  /**
   * What a withdrawal took out of the lake: written before anything moves, kept in its archive.
   *
   * @param runId the withdrawal's own run id (its folder under {@code _withdrawn/} and its row of {@code runs})
   * @param withdrawnBy who asked for it
   * @param reason why, as given (nullable)
   * @param requestedAtMillis when
   * @param deliveries the markers of the deliveries withdrawn
   */
  public record Withdrawal(String runId, String withdrawnBy, String reason, long requestedAtMillis,
      List<DeliveryMarker> deliveries) {}

  /**
   * The current deliveries a user names: by delivery key or file SHA-256 (64 hex digits), by the
   * file's name as the load report shows it ({@code iati/afd.xml}), or by {@code fileSha256} when
   * the caller hashed a file it was given.
   */
  public List<DeliveryMarker> deliveriesNamed(String fileOrSha, String fileSha256) {
    String wanted = fileOrSha.strip().replace('\\', '/');
    List<DeliveryMarker> found = new ArrayList<>();
    for (DeliveryMarker m : deliveries().values()) {
      boolean byHash = m.sha256().equalsIgnoreCase(wanted) || (m.fileSha256() != null && m.fileSha256().equalsIgnoreCase(wanted))
          || (fileSha256 != null && fileSha256.equalsIgnoreCase(m.fileSha256()));
      if (byHash || m.sourceFile().equals(wanted) || wanted.endsWith("/" + m.sourceFile())) {
        found.add(m);
      }
    }
    return found;
  }

  /**
   * A folder to prepare a withdrawal in ({@code _withdrawn/<run_id>.pending/}): the caller puts
   * the run record ({@link #WITHDRAWAL_RUN_RECORD}) there before {@link #withdraw}. Removed by
   * {@link #recover()} if the withdrawal is never made.
   */
  public Path pendingWithdrawal(String runId) throws IOException {
    Path pending = withdrawnRoot().resolve(runId + ".pending");
    Files.createDirectories(pending);
    return pending;
  }

  /**
   * Withdraws the deliveries of {@code withdrawal}: writes its manifest into the pending folder and
   * renames that folder to {@code _withdrawn/<run_id>/} (from then on the withdrawal will happen,
   * even if the process dies), then moves each delivery's marker and folders there, and the run
   * record into {@code _runs/}. Call with the lake locked.
   *
   * @return the archive folder
   */
  public Path withdraw(Withdrawal withdrawal) throws IOException {
    Path archive = commitWithdrawal(withdrawal);
    completeWithdrawal(withdrawal.runId());
    return archive;
  }

  /**
   * The first half of {@link #withdraw}: the manifest, then the rename of the pending folder that
   * commits the withdrawal. Nothing has moved yet; {@link #recover()} or
   * {@link #completeWithdrawal} does the rest.
   *
   * @return the archive folder
   */
  public Path commitWithdrawal(Withdrawal withdrawal) throws IOException {
    Path pending = pendingWithdrawal(withdrawal.runId());
    Path tmp = pending.resolve(MANIFEST + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), withdrawal);
    Files.move(tmp, pending.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
    Path archive = withdrawnRoot().resolve(withdrawal.runId());
    Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE);
    return archive;
  }

  /** The second half of {@link #withdraw}: moves what is still in place into the archive; safe to repeat. */
  public void completeWithdrawal(String runId) throws IOException {
    completeWithdrawal(withdrawnRoot().resolve(runId));
  }

  /** Every withdrawal made, oldest first, as its manifest says. */
  public List<Withdrawal> withdrawals() {
    List<Withdrawal> result = new ArrayList<>();
    if (!Files.isDirectory(withdrawnRoot())) {
      return result;
    }
    try (Stream<Path> runs = Files.list(withdrawnRoot())) {
      for (Path manifest : runs.map(p -> p.resolve(MANIFEST)).filter(Files::isRegularFile).sorted().toList()) {
        result.add(JSON.readValue(manifest.toFile(), Withdrawal.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the withdrawals of the lake in " + withdrawnRoot(), e);
    }
    return result;
  }

  /**
   * Moves what is still in place of a committed withdrawal into its archive, the run record last
   * (its move into {@code _runs/} marks the withdrawal done); safe to repeat until then.
   */
  private void completeWithdrawal(Path archive) throws IOException {
    Withdrawal withdrawal = JSON.readValue(archive.resolve(MANIFEST).toFile(), Withdrawal.class);
    for (DeliveryMarker m : withdrawal.deliveries()) {
      // the marker first: from then on the delivery is no longer in the lake
      moveIfPresent(markers().resolve(m.sha256() + ".json"), archive.resolve("_deliveries").resolve(m.sha256() + ".json"));
      for (Path table : tableFolders()) {
        Path folder = table.resolve(m.sourceFamily()).resolve(m.sha256());
        moveIfPresent(folder, archive.resolve(table.getFileName().toString()).resolve(m.sourceFamily()).resolve(m.sha256()));
      }
    }
    Files.createDirectories(root.resolve("_runs"));
    moveIfPresent(archive.resolve(WITHDRAWAL_RUN_RECORD), root.resolve("_runs").resolve(withdrawal.runId() + ".run.parquet"));
  }

  private static void moveIfPresent(Path from, Path to) throws IOException {
    if (Files.exists(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to.getParent());
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The table folders of the lake ({@code observations/}, {@code iati_budgets/} ...). */
  private List<Path> tableFolders() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> tables = Files.list(root)) {
      return tables.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    }
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
    if (Files.isDirectory(withdrawnRoot())) {
      try (Stream<Path> runs = Files.list(withdrawnRoot())) {
        for (Path run : runs.sorted().toList()) {
          if (run.getFileName().toString().endsWith(".pending")) {
            deleteTree(run); // never committed: nothing was withdrawn
          } else if (Files.isRegularFile(run.resolve(MANIFEST)) && Files.exists(run.resolve(WITHDRAWAL_RUN_RECORD))) {
            // committed, then interrupted (its run record, moved last, is still here): finish it before anything is
            // deleted. A finished withdrawal is never done again: its delivery may have been delivered anew since.
            completeWithdrawal(run);
          }
        }
      }
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
