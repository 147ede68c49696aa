package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;

/**
 * Which DHIS2 data element feeds which of Palabre's common metrics, from the data file {@value
 * #RESOURCE}. A data element that is not listed is not loaded: the validator rejects its values
 * and asks for a line in this file.
 *
 * <p>Columns: {@code data_element, metric_code, note}. {@code data_element} is the element's uid
 * or its code (matched as written); {@code metric_code} is a common metric code in snake case,
 * e.g. {@code professionals_trained}.
 */
public final class Dhis2DataElementMapping {

  public static final String RESOURCE = "schemas/mappings/dhis2_data_elements.csv";

  private static final Pattern METRIC_CODE = Pattern.compile("[a-z][a-z0-9_]*");

  private final Map<String, String> metricByElement = new HashMap<>();

  private Dhis2DataElementMapping() {}

  /** The mapping shipped under {@code schemas/} on the classpath. */
  public static Dhis2DataElementMapping fromClasspath() {
    InputStream in = Dhis2DataElementMapping.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is not on the classpath");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(r, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a mapping file.
   *
   * @throws IllegalArgumentException naming the line of an invalid or conflicting line
   */
  public static Dhis2DataElementMapping read(Reader reader, String source) throws IOException {
    Dhis2DataElementMapping mapping = new Dhis2DataElementMapping();
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader("data_element", "metric_code", "note").setSkipHeaderRecord(true)
        .setTrim(true).setIgnoreEmptyLines(true).setCommentMarker('#').get();
    try (CSVParser csv = CSVParser.parse(reader, format)) {
      for (CSVRecord row : csv) {
        String where = source + " line " + csv.getCurrentLineNumber();
        String element = row.isSet("data_element") ? row.get("data_element") : "";
        String metric = row.isSet("metric_code") ? row.get("metric_code") : "";
        if (element.isEmpty() || !METRIC_CODE.matcher(metric).matches()) {
          throw new IllegalArgumentException(where + ": need a data_element (uid or code) and a"
              + " snake_case metric_code, got '" + element + "', '" + metric + "'");
        }
        String previous = mapping.metricByElement.putIfAbsent(element, metric);
        if (previous != null && !previous.equals(metric)) {
          throw new IllegalArgumentException(where + ": data element '" + element
              + "' is already mapped to " + previous);
        }
      }
    }
    return mapping;
  }

  /** The metric of a data element, matched on its uid first, then its code. */
  public Optional<String> metricOf(DataElement element) {
    String metric = metricByElement.get(element.id());
    if (metric == null && element.code() != null) {
      metric = metricByElement.get(element.code());
    }
    return Optional.ofNullable(metric);
  }
}
