package org.palabre.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's one-line mapping change: a {@code --schemas} folder whose
 * {@code mappings/samusocial_columns.csv} is the shipped one with one line changed (the French
 * spelling of shelter nights, which the generator's largest service writes, closed at the end of
 * 2023), so that a run after it reads no file and rebuilds what the mapping touches.
 */
public final class BenchMappingChange {

  static final String FILE = "mappings/samusocial_columns.csv";
  static final String BEFORE = "report,nuitees d hebergement,shelter_nights,,,,,";
  static final String AFTER = "report,nuitees d hebergement,shelter_nights,,,,2023-12-31,";

  private BenchMappingChange() {}

  /**
   * Writes the changed mapping file under {@code folder}.
   *
   * @return the change, as the bench prints it
   */
  public static String writeTo(Path folder) throws IOException {
    String shipped = HandSqlBaseline.resource("/schemas/" + FILE) + "\n";
    if (!shipped.contains("\n" + BEFORE + "\n")) {
      throw new IllegalStateException("schemas/" + FILE + " has no line '" + BEFORE + "' any more: update " + BenchMappingChange.class.getName());
    }
    Path file = folder.resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, shipped.replace("\n" + BEFORE + "\n", "\n" + AFTER + "\n"), StandardCharsets.UTF_8);
    return "schemas/" + FILE + ": '" + BEFORE + "' -> '" + AFTER + "'";
  }
}
