package org.palabre.codes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the data files under {@code schemas/} (code lists, mappings, lake schemas), which the
 * build puts on the classpath. Mapping CSVs are UTF-8, comma-separated, with a header row; lines
 * starting with {@code "# "} (hash and space) are comments, so HXL hashtags such as {@code #org}
 * can start a data line.
 */
public final class SchemaFiles {

  private SchemaFiles() {}

  public static InputStream open(String relativePath) {
    String resource = "schemas/" + relativePath;
    InputStream in = SchemaFiles.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing " + resource + " on the classpath: rebuild with ./palabre or mvn package");
    }
    return in;
  }

  public static String readString(String relativePath) {
    try (InputStream in = open(relativePath)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text without its comment lines (those starting with "# " or a lone "#"). */
  public static String withoutComments(String text) {
    return text.lines().filter(l -> !(l.startsWith("# ") || l.strip().equals("#"))).collect(java.util.stream.Collectors.joining("\n"));
  }

  /** Every row of a mapping CSV as a map from header name to cell (blank cells are empty strings). */
  public static List<Map<String, String>> readCsv(String relativePath) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();
    try (CSVParser parser = CSVParser.parse(withoutComments(readString(relativePath)), format)) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        rows.add(record.toMap());
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schemas/" + relativePath, e);
    }
  }
}
