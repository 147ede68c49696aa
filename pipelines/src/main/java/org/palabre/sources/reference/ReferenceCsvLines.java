package org.palabre.sources.reference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A small reference table read one row per line, each row with its line number in the file as
 * delivered: comment lines (starting with {@code #}) and blank lines are not rows, the first other
 * line is the header (names lower-cased and trimmed, a byte-order mark dropped). Used by the
 * reporting calendar and the outlier bounds, whose rows never span lines.
 */
final class ReferenceCsvLines {

  /** One data row: its line, its cells by header name (blank = empty string), and its text as written. */
  record Row(long line, Map<String, String> cells, String raw) {
    String get(String column) {
      return cells.getOrDefault(column, "");
    }
  }

  private ReferenceCsvLines() {}

  /** The header names of the first non-blank, non-comment line. */
  static List<String> header(String text, char separator) {
    for (String line : text.lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        return cells(line.replace("\uFEFF", ""), separator).stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
      }
    }
    return List.of();
  }

  /** The data rows; a line that is not one CSV record (an open quote) is a row of one cell. */
  static List<Row> rows(String text, char separator) {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    long number = 0;
    for (String line : text.split("\r?\n", -1)) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header == null) {
        header = header(line, separator);
        continue;
      }
      List<String> values = cells(line, separator);
      Map<String, String> byName = new HashMap<>();
      for (int i = 0; i < header.size() && i < values.size(); i++) {
        byName.putIfAbsent(header.get(i), values.get(i).strip());
      }
      rows.add(new Row(number, byName, line));
    }
    return rows;
  }

  private static List<String> cells(String line, char separator) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).get();
    try (CSVParser parser = CSVParser.parse(line, format)) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of(line);
    }
  }
}
