package org.palabre.sources.mdm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources under {@code mdm/} and the repository's {@code data-samples/}. */
final class Fixtures {

  private Fixtures() {}

  static Reader reader(String resource) {
    InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("mdm/" + resource);
    if (in == null) {
      throw new IllegalArgumentException("no test resource mdm/" + resource);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  static String text(String resource) {
    try (Reader r = reader(resource)) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      for (int n; (n = r.read(buf)) > 0; ) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Reader string(String text) {
    return new StringReader(text);
  }

  /** The repository root (set by surefire as palabre.repoRoot; the working directory otherwise). */
  static Path repoRoot() {
    return Path.of(System.getProperty("palabre.repoRoot", "."));
  }

  static Path samples(String sub) {
    Path p = repoRoot().resolve("data-samples").resolve(sub);
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("no sample folder " + p);
    }
    return p;
  }
}
