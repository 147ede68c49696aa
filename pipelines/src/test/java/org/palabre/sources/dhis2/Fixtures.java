package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the DHIS2 tests find their files. */
final class Fixtures {

  private Fixtures() {}

  /** A file under {@code pipelines/src/test/resources/dhis2/}. */
  static Path resource(String name) {
    URL url = Fixtures.class.getResource("/dhis2/" + name);
    if (url == null) {
      throw new IllegalStateException("test resource /dhis2/" + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
  }

  /** The shared DHIS2 reference inputs, or a skipped test when they are not on this machine. */
  static Path referenceInputs() {
    Path dir = repoRoot().resolve("../shared/reference-inputs/dhis2").normalize();
    if (!dir.toFile().isDirectory()) {
      Assumptions.assumeTrue(false,
          "reference inputs not found at " + dir + ": conformance test skipped");
    }
    return dir;
  }

  static InputStream open(String classpathResource) {
    InputStream in = Fixtures.class.getResourceAsStream(classpathResource);
    if (in == null) {
      throw new UncheckedIOException(new IOException(classpathResource + " not on the classpath"));
    }
    return in;
  }
}
