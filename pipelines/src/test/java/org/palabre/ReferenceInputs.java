package org.palabre;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real public files of {@code ../shared/reference-inputs/} (IATI, DHIS2, HXL), read where
 * they are and never copied into the repository. CI always has them; elsewhere the conformance
 * tests that need them are skipped, and say so.
 */
public final class ReferenceInputs {

  private ReferenceInputs() {}

  public static Path folder(String format) {
    Path root = Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
    Path folder = root.resolveSibling("shared").resolve("reference-inputs").resolve(format).normalize();
    Assumptions.assumeTrue(Files.isDirectory(folder),
        "reference inputs not found at " + folder + ": conformance test skipped");
    return folder;
  }
}
