package org.palabre.codes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Lists and reads a folder of the classpath ({@code sql/}, {@code schemas/}, the readers' own
 * classes), whether the classes run from {@code target/classes} or from the jar, so the model
 * runner needs no file list kept by hand and the ingest can fingerprint what reads a family.
 * {@link SchemaFiles} reads one file of {@code schemas/}; this reads whole folders.
 */
public final class ClasspathFolders {

  private ClasspathFolders() {}

  /** Every file below {@code folder} whose name ends with {@code suffix}: relative path to content. */
  public static Map<String, String> read(String folder, String suffix) {
    Map<String, String> texts = new TreeMap<>();
    readBytes(folder, suffix).forEach((name, bytes) -> texts.put(name, new String(bytes, StandardCharsets.UTF_8)));
    return texts;
  }

  /** A SHA-256 over the names and bytes of every file below {@code folder} ending with {@code suffix}. */
  public static String digest(String folder, String suffix) {
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (var file : readBytes(folder, suffix).entrySet()) {
      sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update(file.getValue());
    }
    return java.util.HexFormat.of().formatHex(sha.digest());
  }

  private static Map<String, byte[]> readBytes(String folder, String suffix) {
    URL url = ClasspathFolders.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException("no " + folder + "/ on the classpath: rebuild with ./palabre or mvn package");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return walk(fs.getPath(folder), suffix);
      }
      return walk(Path.of(uri), suffix);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list " + folder + "/ on the classpath", e);
    }
  }

  private static Map<String, byte[]> walk(Path root, String suffix) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).toList()) {
        try {
          files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }
}
