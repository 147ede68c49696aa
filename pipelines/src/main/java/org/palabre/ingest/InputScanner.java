package org.palabre.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.palabre.model.InputFile;
import org.palabre.sources.InputTree;
import org.palabre.sources.SourceFamilies;
import org.palabre.sources.SourceFamily;

/**
 * Finds the delivered files under the input folder: one sub-folder per source family, any file
 * names, any depth below it (DESIGN §7). A missing sub-folder is an empty source. Files a family
 * does not read, and folders that are no family, are listed so nothing is skipped silently.
 *
 * <p>The input folder is the boundary: what cannot be read, links that lead outside it, FIFOs and
 * other special files are listed as ignored with the reason ({@link InputTree}) and the run goes
 * on; a file that changes while it is hashed is left for the next run.
 */
public final class InputScanner {

  /** What the scan found: the files to read, what was passed over (with why), and when each file was last changed. */
  public record Scan(List<InputFile> files, List<String> ignored, Map<String, Stamp> stamps) {
    public Scan(List<InputFile> files, List<String> ignored) {
      this(files, ignored, Map.of());
    }
  }

  /** A file's size and last change as the scan saw them, and when its content was hashed. */
  public record Stamp(long sizeBytes, long modifiedMillis, long hashedAtMillis) {}

  /**
   * The content hash a file had when it was last read into the lake, if it has not changed since:
   * the same size and the same modification time, older than that reading by more than
   * {@link #STABLE_MILLIS} (a file changed twice within the file system's clock tick, the second
   * time after it was hashed, would otherwise keep its old hash). Null: hash the file.
   */
  @FunctionalInterface
  public interface KnownHashes {
    String unchanged(String sourceFamily, String relativeName, long sizeBytes, long modifiedMillis);

    KnownHashes NONE = (family, name, size, modified) -> null;
  }

  /** How long a file must have been left alone before it was hashed for its stamp to be trusted. */
  public static final long STABLE_MILLIS = 2_000;

  private InputScanner() {}

  public static Scan scan(Path input) throws IOException {
    return scan(input, KnownHashes.NONE);
  }

  /** The scan, hashing only the files {@code known} cannot vouch for: a re-run over a big input reads no unchanged byte. */
  public static Scan scan(Path input, KnownHashes known) throws IOException {
    return scan(input, known, Withdrawn.NONE);
  }

  /**
   * A file of the input that is a withdrawn delivery still lying there unchanged ({@code palabre
   * withdraw}): why it is not read again, or null to read it.
   */
  @FunctionalInterface
  public interface Withdrawn {
    String reason(String sourceFamily, String relativeName, long sizeBytes, long modifiedMillis);

    Withdrawn NONE = (family, name, size, modified) -> null;
  }

  /**
   * The scan. The input folder is the boundary ({@link InputTree}): unreadable files and folders,
   * links that lead outside it and special files are listed as ignored with the reason and the
   * scan goes on. A file whose size or modification time differ before and after it was hashed was
   * being written: it is ignored this run, with a note, and read at the next.
   */
  public static Scan scan(Path input, KnownHashes known, Withdrawn withdrawn) throws IOException {
    if (!Files.isDirectory(input)) {
      throw new IOException("input folder " + input + " does not exist or is not a folder");
    }
    List<InputFile> files = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, Stamp> stamps = new HashMap<>();
    List<Path> entries;
    try (Stream<Path> top = Files.list(input)) {
      entries = top.sorted().toList();
    } catch (IOException e) {
      throw new IOException("the input folder " + input + " cannot be listed (" + InputTree.why(e) + "): give Palabre"
          + " read access to it", e);
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      var family = SourceFamilies.named(name);
      if (family.isEmpty() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        ignored.add(input.relativize(entry) + (family.isPresent() && Files.isSymbolicLink(entry)
            ? ": a symbolic link: source folders are read only where they are, inside the input folder"
            : ": not a source folder (expected one of " + SourceFamilies.all().stream().map(SourceFamily::name).toList() + ")"));
        continue;
      }
      InputTree.Listing listing = InputTree.walk(input, entry);
      listing.ignored().forEach(i -> ignored.add(i.toString()));
      for (Path file : listing.files()) {
        String relative = input.relativize(file).toString().replace('\\', '/');
        if (!family.get().accepts(file)) {
          if (!file.getFileName().toString().startsWith(".")) {
            ignored.add(relative + ": not a file " + name + " reads (" + family.get().extensions() + ")");
          }
          continue;
        }
        try {
          Stamp before = stamp(file);
          String why = withdrawn.reason(name, relative, before.sizeBytes(), before.modifiedMillis());
          if (why != null) {
            ignored.add(relative + ": " + why);
            continue;
          }
          String sha = known.unchanged(name, relative, before.sizeBytes(), before.modifiedMillis());
          if (sha == null) {
            sha = sha256(file);
            Stamp after = stamp(file);
            if (after.sizeBytes() != before.sizeBytes() || after.modifiedMillis() != before.modifiedMillis()) {
              ignored.add(relative + ": " + changed(before, after) + " while it was hashed: it is being written; not read"
                  + " this run, it will be read at the next");
              continue;
            }
          }
          files.add(new InputFile(file.toAbsolutePath().toString(), name, relative, sha, before.sizeBytes()));
          stamps.put(relative, new Stamp(before.sizeBytes(), before.modifiedMillis(), before.hashedAtMillis()));
        } catch (IOException e) {
          ignored.add(relative + ": cannot be read (" + InputTree.why(e) + "): skipped, the rest of the delivery is read;"
              + " give Palabre read access to it and run again");
        }
      }
    }
    return new Scan(files, ignored, stamps);
  }

  /** The file's size and modification time now (hashedAtMillis: now). */
  static Stamp stamp(Path file) throws IOException {
    long now = System.currentTimeMillis();
    return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis(), now);
  }

  /**
   * Whether a file is no longer as the scan saw it (size or modification time), e.g. after the
   * readers have read it: the rows read may mix two versions. Null when it is unchanged, else what
   * changed, in words. A file that is gone counts as changed.
   */
  public static String changedSince(Path file, Stamp scanned) {
    try {
      Stamp now = stamp(file);
      return now.sizeBytes() == scanned.sizeBytes() && now.modifiedMillis() == scanned.modifiedMillis() ? null
          : changed(scanned, now);
    } catch (IOException e) {
      return "it cannot be read any more (" + InputTree.why(e) + ")";
    }
  }

  private static String changed(Stamp before, Stamp after) {
    return after.sizeBytes() != before.sizeBytes()
        ? "it changed (" + before.sizeBytes() + " bytes, then " + after.sizeBytes() + ")"
        : "it changed (modified at " + java.time.Instant.ofEpochMilli(before.modifiedMillis()) + ", then at "
            + java.time.Instant.ofEpochMilli(after.modifiedMillis()) + ")";
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DigestUtils.sha256Hex(in);
    }
  }
}
