package org.palabre.sources.dhis2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.io.function.IOSupplier;
import org.palabre.model.ParseSink;

/**
 * Streams a DHIS2 {@code dataValueSets} JSON export into {@link Dhis2DataValue}s, one per element
 * of {@code dataValues}, without loading the file into memory.
 *
 * <p><b>Header fields.</b> {@code dataSet}, {@code period}, {@code orgUnit}, {@code
 * attributeOptionCombo} and {@code completeDate} (also spelled {@code completedDate}) may sit once
 * at the top level and apply to every value that does not carry its own (the value wins). JSON key
 * order is not guaranteed, so the header may come after the {@code dataValues} array. The parser
 * therefore reads the file <em>twice</em>: a first pass reads only the top-level scalars and skips
 * the array token by token (no object is built), a second pass streams the values with the header
 * known. Memory stays constant whatever the file size; the cost is a second tokenisation. That is
 * why the input is an {@link IOSupplier} that can open the file again (a Beam {@code ReadableFile}
 * can).
 *
 * <p><b>Accept or reject.</b> Every element of {@code dataValues} ends in exactly one of {@link
 * ParseSink#accept} or {@link ParseSink#reject}. A value without {@code dataElement}, {@code
 * period} or {@code orgUnit} (after the header is applied), with a non-scalar {@code value} or an
 * unreadable {@code followup}/{@code deleted} flag is rejected here; everything else (deleted
 * values, missing values, unknown uids) is accepted and left to {@link Dhis2Validator}. Malformed
 * JSON rejects once with the parser's line and column and stops reading that file: values accepted
 * before stay accepted, the reason says the rest of the file was not read. A file that is not a
 * data value set (no top-level object, no {@code dataValues} array) is rejected whole at line 0.
 */
public final class Dhis2DataValueSetJsonParser {

  // The streams are closed by this class's try-with-resources, once.
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> HEADER_FIELDS =
      Set.of("dataSet", "period", "orgUnit", "attributeOptionCombo", "completeDate",
          "completedDate");

  private Dhis2DataValueSetJsonParser() {}

  /** Reads the file at {@code path}; see the class comment. */
  public static void parse(Path path, ParseSink<Dhis2DataValue> sink) throws IOException {
    parse(() -> Files.newInputStream(path), sink);
  }

  /**
   * Reads one data value set.
   *
   * @param source opens the file from its start; called twice
   * @param sink receives every data value, accepted or rejected
   * @throws IOException only when the input cannot be read (malformed JSON is a rejection)
   */
  public static void parse(IOSupplier<InputStream> source, ParseSink<Dhis2DataValue> sink)
      throws IOException {
    Map<String, String> header;
    try (InputStream in = source.get()) {
      header = readHeader(in);
    }
    try (InputStream in = source.get()) {
      new ValueStream(in, header, sink).run();
    }
  }

  /** First pass: top-level scalars only, as far as the JSON is readable. */
  private static Map<String, String> readHeader(InputStream in) throws IOException {
    Map<String, String> header = new HashMap<>();
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return header;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken t = p.nextToken();
        if (HEADER_FIELDS.contains(name) && t.isScalarValue()) {
          header.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      // The second pass meets the same error and reports it where it is.
    }
    return header;
  }

  /** Second pass: the values, with the header applied. */
  private static final class ValueStream {
    private final InputStream in;
    private final Map<String, String> header;
    private final ParseSink<Dhis2DataValue> sink;
    private Map<String, String> current; // fields of the value being read, for the raw text
    private long valuesRead;

    ValueStream(InputStream in, Map<String, String> header, ParseSink<Dhis2DataValue> sink) {
      this.in = in;
      this.header = header;
      this.sink = sink;
    }

    void run() throws IOException {
      try (JsonParser p = JSON.createParser(in)) {
        try {
          readDocument(p);
        } catch (JsonProcessingException e) {
          JsonLocation at = e.getLocation() != null ? e.getLocation() : p.getCurrentLocation();
          long line = Math.max(at.getLineNr(), 0);
          sink.reject(line,
              "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
                  + e.getOriginalMessage() + "; the rest of the file was not read ("
                  + valuesRead + " data values before this point were read)",
              current == null ? "" : rawOf(current));
        }
      }
    }

    private void readDocument(JsonParser p) throws IOException {
      JsonToken first = p.nextToken();
      if (first == null) {
        sink.reject(0, "empty file: expected a DHIS2 data value set (a JSON object with a"
            + " dataValues array); nothing was read", "");
        return;
      }
      if (first != JsonToken.START_OBJECT) {
        sink.reject(0, "not a DHIS2 data value set: the file starts with " + first
            + " where a JSON object with a dataValues array was expected; the file was not read",
            "");
        return;
      }
      boolean sawDataValues = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken t = p.nextToken();
        if ("dataValues".equals(name) && t == JsonToken.START_ARRAY) {
          sawDataValues = true;
          readValues(p);
        } else {
          p.skipChildren();
        }
      }
      if (!sawDataValues) {
        sink.reject(0, "not a DHIS2 data value set: no top-level dataValues array (is this a"
            + " metadata file?); the file was not read", "");
      }
    }

    private void readValues(JsonParser p) throws IOException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        long line = p.getTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          String raw = t.isScalarValue() ? p.getText() : t.asString();
          p.skipChildren();
          valuesRead++;
          sink.reject(line, "dataValues element is " + t + ", not a JSON object", raw);
          continue;
        }
        current = new LinkedHashMap<>();
        String nested = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.getCurrentName();
          JsonToken v = p.nextToken();
          if (v.isScalarValue()) {
            current.put(name, v == JsonToken.VALUE_NULL ? null : p.getText());
          } else {
            if ("value".equals(name)) {
              nested = name;
            }
            current.put(name, v.asString() + "...");
            p.skipChildren();
          }
        }
        valuesRead++;
        emit(current, nested, line);
        current = null;
      }
    }

    private void emit(Map<String, String> f, String nested, long line) {
      String raw = rawOf(f);
      if (nested != null) {
        sink.reject(line, "field '" + nested + "' must be a string or a number, not an object or"
            + " array", raw);
        return;
      }
      String dataElement = blankToNull(f.get("dataElement"));
      String period = valueOrHeader(f, "period");
      String orgUnit = valueOrHeader(f, "orgUnit");
      StringBuilder missing = new StringBuilder();
      if (dataElement == null) {
        missing.append("dataElement");
      }
      if (period == null) {
        missing.append(missing.length() > 0 ? ", " : "").append("period");
      }
      if (orgUnit == null) {
        missing.append(missing.length() > 0 ? ", " : "").append("orgUnit");
      }
      if (missing.length() > 0) {
        sink.reject(line, "missing " + missing + " (neither on the data value nor in the data"
            + " value set header)", raw);
        return;
      }
      Optional<Boolean> followup = flag(f, "followup");
      Optional<Boolean> deleted = flag(f, "deleted");
      if (followup.isEmpty() || deleted.isEmpty()) {
        String which = followup.isEmpty() ? "followup" : "deleted";
        sink.reject(line, "field '" + which + "' is '" + f.get(which) + "', not a boolean ("
            + Dhis2Booleans.ACCEPTED + ")", raw);
        return;
      }
      String completeDate = header.containsKey("completeDate")
          ? header.get("completeDate") : header.get("completedDate");
      sink.accept(new Dhis2DataValue(
          dataElement,
          period,
          orgUnit,
          blankToNull(f.get("categoryOptionCombo")),
          valueOrHeader(f, "attributeOptionCombo"),
          f.get("value"),
          f.get("storedBy"),
          f.get("created"),
          f.get("lastUpdated"),
          f.get("comment"),
          followup.get(),
          deleted.get(),
          blankToNull(header.get("dataSet")),
          blankToNull(completeDate),
          line));
    }

    private String valueOrHeader(Map<String, String> f, String name) {
      String own = blankToNull(f.get(name));
      return own != null ? own : blankToNull(header.get(name));
    }

    /** Absent or null flags are false; anything else must be a boolean spelling. */
    private static Optional<Boolean> flag(Map<String, String> f, String name) {
      String text = f.get(name);
      return text == null || text.isBlank() ? Optional.of(false) : Dhis2Booleans.parse(text);
    }
  }

  private static String rawOf(Map<String, String> fields) {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      return fields.toString();
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
