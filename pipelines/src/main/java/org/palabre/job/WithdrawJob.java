package org.palabre.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.palabre.db.DuckDb;
import org.palabre.lake.ExclusiveLock;
import org.palabre.lake.Lake;
import org.palabre.lake.LakeTable;
import org.palabre.lake.RunFiles;
import org.palabre.warehouse.WarehouseBuild;

/**
 * {@code palabre withdraw}: takes a delivery out of the lake and rebuilds the warehouse without it.
 * The delivery's folders and marker move to {@code lake/_withdrawn/<run_id>/} for audit
 * ({@link Lake#withdraw}), the withdrawal is a row of {@code marts.runs} (status
 * {@code withdrawn}, who, what, when), and the same file lying unchanged in the input is not read
 * again; a new copy of it is.
 *
 * <p>Crash safety: nothing moves before the withdrawal's manifest is committed, and a committed
 * withdrawal completes itself at the next {@link Lake#recover()}; the warehouse is rebuilt into a
 * new file and swapped in atomically, so a {@code kill -9} at any moment leaves the previous
 * warehouse readable. The next {@code run} (or {@code build}) then publishes the warehouse without
 * the delivery.
 *
 * <pre>{@code
 * WithdrawJob.Result r = new WithdrawJob(new WithdrawJob.Options(lake, warehouse, schemas), out)
 *     .run("iati/afd.xml", "fatou", "sent by mistake", false);
 * }</pre>
 */
public final class WithdrawJob {

  /** Where the lake and the warehouse are, and the schemas overlay of the build (nullable). */
  public record Options(Path lake, Path warehouse, Path schemas) {}

  /**
   * One delivery withdrawn (or that would be).
   *
   * @param rows rows read, loaded and rejected by its reading ({@code -1} when its load record is gone)
   */
  public record Withdrawn(Lake.DeliveryMarker delivery, String fileKind, long rowsRead, long rowsLoaded, long rowsRejected) {

    /** "iati/afd.xml (loaded in run R, SHA-256 abc...; 25 rows: 25 loaded, 0 rejected)". */
    public String describe() {
      return delivery.sourceFile() + " (" + (fileKind == null || fileKind.isBlank() ? "" : fileKind + ", ") + "loaded in run "
          + delivery.runId() + ", file SHA-256 " + delivery.fileSha256() + (rowsRead < 0 ? ")"
              : "; " + rowsRead + " rows: " + rowsLoaded + " loaded, " + rowsRejected + " rejected)");
    }
  }

  /** What the withdrawal did: the deliveries, the archive (null on a dry run) and the build (null when none was made). */
  public record Result(String runId, List<Withdrawn> withdrawn, Path archive, WarehouseBuild.Result build) {}

  private final Options options;
  private final PrintStream out;

  public WithdrawJob(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Withdraws the deliveries named by {@code fileOrSha} (a path to the delivered file, its name as
   * the load report shows it, its SHA-256 or its delivery key) and rebuilds the warehouse.
   *
   * @param dryRun only say what would go
   * @throws IllegalArgumentException when nothing in the lake matches, with what the lake holds
   * @throws WarehouseBuild.BuildFailure when the rebuild fails (the withdrawal stays made, the
   *     previous warehouse stays published)
   */
  public Result run(String fileOrSha, String withdrawnBy, String reason, boolean dryRun)
      throws IOException, SQLException, WarehouseBuild.BuildFailure {
    String runId = RunFiles.newRunId();
    Lake lake = new Lake(options.lake());
    List<Withdrawn> withdrawn;
    Path archive = null;
    try (ExclusiveLock lock = ExclusiveLock.take(options.lake().resolve(".lock"), "the lake")) {
      lake.recover();
      List<Lake.DeliveryMarker> matched = lake.deliveriesNamed(fileOrSha, hashOfFile(fileOrSha));
      if (matched.isEmpty()) {
        throw new IllegalArgumentException(nothingMatches(lake, fileOrSha));
      }
      withdrawn = describe(lake, matched);
      out.println((dryRun ? "Would withdraw " : "Withdrawing ") + withdrawn.size() + " deliver"
          + (withdrawn.size() == 1 ? "y" : "ies") + " from " + lake.root() + ":");
      withdrawn.forEach(w -> out.println("  " + w.describe()));
      if (dryRun) {
        out.println("Dry run: nothing was withdrawn. Run again without --dry-run to withdraw "
            + (withdrawn.size() == 1 ? "it" : "them") + " and rebuild the warehouse.");
        return new Result(runId, withdrawn, null, null);
      }
      long started = System.currentTimeMillis();
      Lake.Withdrawal withdrawal = new Lake.Withdrawal(runId, withdrawnBy, reason, started,
          withdrawn.stream().map(Withdrawn::delivery).toList());
      writeRunRecord(lake.pendingWithdrawal(runId).resolve(Lake.WITHDRAWAL_RUN_RECORD), withdrawal, withdrawn,
          lake.withdrawnRoot().resolve(runId));
      archive = lake.commitWithdrawal(withdrawal);
      out.println("  withdrawal recorded as run " + runId + " (marts.runs); moving the files to " + archive + " ...");
      lake.completeWithdrawal(runId);
      out.println("  moved to " + archive + " (kept for audit)");
    }
    WarehouseBuild.Result build = new WarehouseBuild(options.lake(), options.warehouse(), out).withSchemas(options.schemas())
        .run(runId);
    return new Result(runId, withdrawn, archive, build);
  }

  /** The SHA-256 of {@code fileOrSha} when it names a readable file, else null. */
  private static String hashOfFile(String fileOrSha) throws IOException {
    Path path = Path.of(fileOrSha);
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(path)) {
      return DigestUtils.sha256Hex(in);
    }
  }

  private static String nothingMatches(Lake lake, String fileOrSha) {
    List<String> files = lake.deliveries().values().stream().map(Lake.DeliveryMarker::sourceFile).sorted().limit(20).toList();
    return "no delivery of the lake " + lake.root() + " is '" + fileOrSha + "': name a file as the load report shows it"
        + " (e.g. " + (files.isEmpty() ? "iati/file.xml" : files.get(0)) + "), a path to the delivered file, or its SHA-256."
        + (files.isEmpty() ? " The lake holds no delivery." : " The lake holds: " + String.join(", ", files)
            + (lake.deliveries().size() > files.size() ? ", ..." : ""));
  }

  /** Each delivery with its load record's row counts. */
  private static List<Withdrawn> describe(Lake lake, List<Lake.DeliveryMarker> deliveries) throws SQLException {
    List<Withdrawn> result = new ArrayList<>();
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      for (Lake.DeliveryMarker m : deliveries) {
        Path folder = lake.root().resolve(LakeTable.FILE_LOADS.name()).resolve(m.sourceFamily()).resolve(m.sha256());
        Withdrawn w = new Withdrawn(m, null, -1, -1, -1);
        if (Files.isDirectory(folder)) {
          try (ResultSet rs = st.executeQuery("select any_value(file_kind), sum(rows_read), sum(rows_loaded), sum(rows_rejected)"
              + " from read_parquet(" + DuckDb.literal(folder.resolve("*.parquet").toString()) + ")")) {
            if (rs.next()) {
              w = new Withdrawn(m, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
          }
        }
        result.add(w);
      }
    }
    return result;
  }

  /** The withdrawal's row of {@code lake.runs} (status 'withdrawn'), written before anything moves. */
  private static void writeRunRecord(Path file, Lake.Withdrawal withdrawal, List<Withdrawn> withdrawn, Path archive)
      throws SQLException {
    long read = withdrawn.stream().mapToLong(w -> Math.max(0, w.rowsRead())).sum();
    long loaded = withdrawn.stream().mapToLong(w -> Math.max(0, w.rowsLoaded())).sum();
    long rejected = withdrawn.stream().mapToLong(w -> Math.max(0, w.rowsRejected())).sum();
    String detail = "withdrew " + String.join("; ", withdrawn.stream().map(Withdrawn::describe).toList())
        + (withdrawal.reason() == null || withdrawal.reason().isBlank() ? "" : ". Reason: " + withdrawal.reason())
        + ". Archived in " + archive;
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      st.execute("copy (select " + DuckDb.literal(withdrawal.runId()) + " as run_id,"
          + " make_timestamp(" + withdrawal.requestedAtMillis() * 1000 + ") as started_at, now()::timestamp as finished_at,"
          + " 'withdrawn' as status, cast(null as varchar) as input_folder, cast(null as varchar) as runner, "
          + withdrawn.size() + "::bigint as files_found, 0::bigint as files_new, " + read + "::bigint as rows_read, "
          + loaded + "::bigint as rows_loaded, " + rejected + "::bigint as rows_rejected, "
          + (System.currentTimeMillis() - withdrawal.requestedAtMillis()) / 1000.0 + " as seconds, "
          + DuckDb.literal(withdrawal.withdrawnBy()) + " as withdrawn_by, " + DuckDb.literal(detail) + " as detail) to "
          + DuckDb.literal(file.toString()) + " (format parquet)");
    }
  }
}
