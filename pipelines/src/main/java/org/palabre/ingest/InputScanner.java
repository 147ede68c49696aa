package org.palabre.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** What the scan found: the files to read, and what was passed over, with why. */
  public record Scan(List<InputFile> files, List<String> ignored) {}

  private InputScanner() {}

  public static Scan scan(Path input) throws IOException {
    if (!Files.isDirectory(input)) {
      throw new IOException("input folder " + input + " does not exist or is not a folder");
    }
    List<InputFile> files = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
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
              files.add(new InputFile(file.toAbsolutePath().toString(), name, relative, sha256(file), Files.size(file)));
            } else if (!file.getFileName().toString().startsWith(".")) {
              ignored.add(relative + ": not a file " + name + " reads (" + family.get().extensions() + ")");
            }
          }
        }
      }
    }
    return new Scan(files, ignored);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DigestUtils.sha256Hex(in);
    }
  }
}
