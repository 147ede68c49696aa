package org.palabre.sources.mdm;

import org.palabre.text.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A mapping file from member labels to common codes, loaded from the classpath ({@code
 * schemas/mappings/*.csv}). Files are comma-separated UTF-8 with a header; the first column is the
 * label as written, the other columns are the attributes of the code ({@code code}, and for
 * example {@code level} for alert categories). Lines starting with {@code #} are comments.
 *
 * <p>Labels are compared by their {@link Labels#normalise}, so one line covers case, accent, spacing and
 * hyphen variants. Two lines whose labels have the same key but different attributes are an error
 * in the mapping file and fail loading.
 */
public final class LabelMapping {

  private final String resource;
  private final Map<String, Map<String, String>> byKey;

  private LabelMapping(String resource, Map<String, Map<String, String>> byKey) {
    this.resource = resource;
    this.byKey = byKey;
  }

  /** Loads a mapping file from the classpath, e.g. {@code schemas/mappings/pathologies.csv}. */
  public static LabelMapping load(String resource) {
    InputStream in = LabelMapping.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("mapping file not found on the classpath: " + resource);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(resource, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mapping file " + resource, e);
    }
  }

  /** Parses a mapping from a reader; {@code name} is used in error messages. */
  public static LabelMapping parse(String name, Reader reader) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header = parser.getHeaderNames();
      if (header.size() < 2) {
        throw new IllegalStateException(name + ": a mapping needs a label column and a code column");
      }
      for (CSVRecord row : parser) {
        String key = Labels.normalise(row.get(0));
        if (key.isEmpty()) {
          continue;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < header.size(); i++) {
          attributes.put(header.get(i), i < row.size() ? row.get(i) : "");
        }
        Map<String, String> previous = byKey.putIfAbsent(key, Collections.unmodifiableMap(attributes));
        if (previous != null && !previous.equals(attributes)) {
          throw new IllegalStateException(
              name + " line " + parser.getCurrentLineNumber() + ": label '" + row.get(0)
                  + "' is already mapped to " + previous + ", not " + attributes);
        }
      }
    }
    return new LabelMapping(name, Collections.unmodifiableMap(byKey));
  }

  /** The attributes (code, level, ...) of a label, when the mapping knows it. */
  public Optional<Map<String, String>> find(String label) {
    return Optional.ofNullable(byKey.get(Labels.normalise(label)));
  }

  /** The value of the second column (by convention {@code code}) for a label. */
  public Optional<String> code(String label) {
    return find(label).map(a -> a.values().iterator().next());
  }

  /** Number of distinct label keys. */
  public int size() {
    return byKey.size();
  }

  @Override
  public String toString() {
    return "LabelMapping[" + resource + ", " + byKey.size() + " labels]";
  }
}
