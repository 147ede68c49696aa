package org.palabre.sources.dhis2;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.palabre.model.ParseSink;
import org.palabre.sources.dhis2.Dhis2MetadataObject.Category;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOption;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOptionCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataSet;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * Reads a DHIS2 metadata JSON export ({@code /api/metadata}) into {@link Dhis2MetadataObject}s:
 * {@code organisationUnits}, {@code dataElements}, {@code categoryOptionCombos}, {@code
 * categoryCombos}, {@code categories}, {@code categoryOptions} and {@code dataSets}. Other top-level collections are
 * skipped without being built.
 *
 * <p>The top level is streamed; each object of a known collection is read as a small tree, so a
 * large metadata file never sits whole in memory. Every object of a known collection ends in
 * exactly one of {@link ParseSink#accept} or {@link ParseSink#reject} (an object without {@code
 * id} is rejected). Malformed JSON rejects once with line and column and stops the file. Collect
 * into a {@link Dhis2Metadata.Builder}.
 */
public final class Dhis2MetadataParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Map<String, Function<JsonNode, Dhis2MetadataObject>> COLLECTIONS = Map.of(
      "organisationUnits", n -> new OrgUnit(text(n, "id"), text(n, "code"), text(n, "name"),
          text(n, "shortName"), n.hasNonNull("level") ? n.get("level").asInt() : null,
          text(n, "path"), ref(n, "parent")),
      "dataElements", n -> new DataElement(text(n, "id"), text(n, "code"), text(n, "name"),
          text(n, "valueType"), text(n, "aggregationType"), ref(n, "categoryCombo")),
      "categoryOptionCombos", n -> new CategoryOptionCombo(text(n, "id"), text(n, "code"),
          text(n, "name"), ref(n, "categoryCombo"), refs(n, "categoryOptions")),
      "categoryCombos", n -> new CategoryCombo(text(n, "id"), text(n, "code"), text(n, "name"),
          refs(n, "categories")),
      "categories", n -> new Category(text(n, "id"), text(n, "code"), text(n, "name"),
          refs(n, "categoryOptions")),
      "categoryOptions", n -> new CategoryOption(text(n, "id"), text(n, "code"), text(n, "name")),
      "dataSets", n -> new DataSet(text(n, "id"), text(n, "code"), text(n, "name"), text(n, "periodType"),
          n.hasNonNull("timelyDays") ? n.get("timelyDays").asInt() : null, nestedRefs(n, "dataSetElements", "dataElement"),
          refs(n, "organisationUnits")));

  private Dhis2MetadataParser() {}

  /**
   * Reads one metadata file.
   *
   * @throws IOException only when the input cannot be read (malformed JSON is a rejection)
   */
  public static void parse(InputStream in, ParseSink<Dhis2MetadataObject> sink)
      throws IOException {
    long objectsRead = 0;
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          sink.reject(0, "not a DHIS2 metadata export: expected a JSON object with collections"
              + " such as organisationUnits; the file was not read", "");
          return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String collection = p.getCurrentName();
          JsonToken t = p.nextToken();
          Function<JsonNode, Dhis2MetadataObject> reader = COLLECTIONS.get(collection);
          if (reader == null || t != JsonToken.START_ARRAY) {
            p.skipChildren();
            continue;
          }
          JsonToken element;
          while ((element = p.nextToken()) != JsonToken.END_ARRAY && element != null) {
            long line = p.getTokenLocation().getLineNr();
            objectsRead++;
            if (element != JsonToken.START_OBJECT) {
              String raw = element.isScalarValue() ? p.getText() : element.asString();
              p.skipChildren();
              sink.reject(line, "element of " + collection + " is " + element
                  + ", not a JSON object", raw);
              continue;
            }
            JsonNode node = MAPPER.readTree(p);
            String id = text(node, "id");
            if (id == null) {
              sink.reject(line, "object in " + collection + " has no id", node.toString());
            } else {
              sink.accept(reader.apply(node));
            }
          }
        }
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.getCurrentLocation();
        sink.reject(Math.max(at.getLineNr(), 0), "malformed JSON at line " + at.getLineNr()
            + ", column " + at.getColumnNr() + ": " + e.getOriginalMessage()
            + "; the rest of the file was not read (" + objectsRead
            + " metadata objects before this point were read)", "");
      }
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
  }

  /** {@code "parent": {"id": "..."}} to the uid. */
  private static String ref(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isObject() ? null : text(v, "id");
  }

  /** {@code "dataSetElements": [{"dataElement": {"id": "..."}}, ...]} to the uids, in order. */
  private static List<String> nestedRefs(JsonNode n, String field, String inner) {
    List<String> ids = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v != null && v.isArray()) {
      for (JsonNode item : v) {
        String id = item.isObject() ? ref(item, inner) : null;
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return List.copyOf(ids);
  }

  /** {@code "categoryOptions": [{"id": "..."}, ...]} to the uids, in order. */
  private static List<String> refs(JsonNode n, String field) {
    List<String> ids = new ArrayList<>();
    JsonNode v = n.get(field);
    if (v != null && v.isArray()) {
      for (JsonNode item : v) {
        String id = item.isObject() ? text(item, "id") : null;
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return List.copyOf(ids);
  }
}
