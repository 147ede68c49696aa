package org.palabre.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.palabre.model.InputFile;
import org.palabre.sources.SourceFamilies;
import org.palabre.sources.SourceFamily;

/**
 * Finds the delivered files under the input folder: one sub-folder per source family, any file
 * names, any depth below it (DESIGN §7). A missing sub-folder is an empty source. Files a family
 * does not read, and folders that are no family, are listed so nothing is skipped silently.
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
    if (!Files.isDirectory(input)) {
      throw new IOException("input folder " + input + " does not exist or is not a folder");
    }
    List<InputFile> files = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, Stamp> stamps = new HashMap<>();
    try (Stream<Path> top = Files.list(input)) {
      for (Path entry : top.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        var family = SourceFamilies.named(name);
        if (family.isEmpty() || !Files.isDirectory(entry)) {
          ignored.add(input.relativize(entry) + ": not a source folder (expected one of "
              + SourceFamilies.all().stream().map(SourceFamily::name).toList() + ")");
          continue;
        }
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
            String relative = input.relativize(file).toString().replace('\\', '/');
            if (family.get().accepts(file)) {
              long size = Files.size(file);
              long modified = Files.getLastModifiedTime(file).toMillis();
              long hashedAt = System.currentTimeMillis();
              String sha = known.unchanged(name, relative, size, modified);
              if (sha == null) {
                sha = sha256(file);
              }
              files.add(new InputFile(file.toAbsolutePath().toString(), name, relative, sha, size));
              stamps.put(relative, new Stamp(size, modified, hashedAt));
            } else if (!file.getFileName().toString().startsWith(".")) {
              ignored.add(relative + ": not a file " + name + " reads (" + family.get().extensions() + ")");
            }
          }
        }
      }
    }
    return new Scan(files, ignored, stamps);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DigestUtils.sha256Hex(in);
    }
  }
}
