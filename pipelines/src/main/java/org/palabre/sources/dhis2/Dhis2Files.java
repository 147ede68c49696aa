package org.palabre.sources.dhis2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tells DHIS2 metadata files from data value sets by their content, never by their name: a
 * metadata export is a JSON object with at least one collection Palabre reads ({@code
 * organisationUnits}, {@code dataElements}, {@code categoryOptionCombos}, ...) and no {@code
 * dataValues}. Only the top level is tokenised; collections are skipped, not built.
 */
public final class Dhis2Files {

  static final Set<String> METADATA_COLLECTIONS = Set.of("organisationUnits", "dataElements",
      "categoryOptionCombos", "categoryCombos", "categories", "categoryOptions", "dataSets");

  private static final JsonFactory JSON = new JsonFactory();

  private Dhis2Files() {}

  /**
   * True when the stream holds a DHIS2 metadata export. A file broken after a metadata collection
   * is still metadata (its reader then reports where it breaks); other broken JSON is not.
   */
  public static boolean isMetadata(InputStream in) throws IOException {
    boolean collections = false;
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.getCurrentName();
        if ("dataValues".equals(key)) {
          return false;
        }
        collections |= METADATA_COLLECTIONS.contains(key);
        p.nextToken();
        p.skipChildren();
      }
      return collections;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return collections;
    }
  }

  public static boolean isMetadata(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return isMetadata(in);
    }
  }

  /** The metadata files anywhere under {@code folder}, sorted by path (missing folder: none). */
  public static List<Path> metadataFiles(Path folder) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.startsWith(".") && name.endsWith(".json") && isMetadata(file)) {
          found.add(file);
        }
      }
    }
    return found;
  }
}
