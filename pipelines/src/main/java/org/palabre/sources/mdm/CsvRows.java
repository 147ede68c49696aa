package org.palabre.sources.mdm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.palabre.model.ParseSink;
import org.palabre.privacy.PersonalColumns;
import org.palabre.sources.tables.BufferedTable;
import org.palabre.sources.tables.CsvTable;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;

/**
 * The CSV plumbing shared by the MdM CSV parsers: reads an already-decoded text with a given
 * separator, takes the first non-blank line as the header, and hands each data row (with the line
 * where it starts, quoted line breaks included) to a row parser. A row parser returns a record or
 * throws {@link InvalidRow}; the row then goes to the reject output with its raw text, re-written
 * with the file's separator. Blank lines are skipped and are not rows.
 *
 * <p>Header names are looked up by their {@link #columnKey}, so {@code "Date de début"}, {@code
 * date_de_debut} and {@code DATE DE DEBUT} are one column. When the header lacks a required column
 * every data row is rejected with that reason, so that rows in = accepted + rejected still holds.
 *
 * <p>A header with a personal column ({@link PersonalColumns}: a name, a date of birth, a phone
 * number) makes every rejected row of the file keep its line and reason but not its text.
 */
final class CsvRows {

  /** A row that does not validate; the message is the reject reason. */
  static final class InvalidRow extends Exception {
    InvalidRow(String reason) {
      super(reason, null, false, false);
    }
  }

  @FunctionalInterface
  interface RowParser<T> {
    T parse(Row row) throws InvalidRow;
  }

  /** The header of a file: its names as written and their positions by column key. */
  static final class Header {
    final List<String> names;
    final Map<String, Integer> indexByKey;

    Header(List<String> names) {
      this.names = Collections.unmodifiableList(names);
      Map<String, Integer> byKey = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        byKey.putIfAbsent(columnKey(names.get(i)), i);
      }
      this.indexByKey = Collections.unmodifiableMap(byKey);
    }

    /** The position of the first alias present, or -1. */
    int find(List<String> aliases) {
      for (String a : aliases) {
        Integer i = indexByKey.get(a);
        if (i != null) {
          return i;
        }
      }
      return -1;
    }

    boolean has(List<String> aliases) {
      return find(aliases) >= 0;
    }
  }

  /** One data row. */
  static final class Row {
    final long line;
    final Header header;
    final List<String> values;
    final String raw;

    Row(long line, Header header, List<String> values, String raw) {
      this.line = line;
      this.header = header;
      this.values = values;
      this.raw = raw;
    }

    /** The cleaned value ({@link HandTypedValues#clean}) of the first alias present; null if missing. */
    String get(List<String> aliases) {
      int i = header.find(aliases);
      return i < 0 || i >= values.size() ? null : HandTypedValues.clean(values.get(i));
    }

    /** The value as written (not cleaned) at a position; empty when the row is short. */
    String at(int i) {
      return i < values.size() ? values.get(i) : "";
    }

    /** The name as written of the first alias present (for reasons), or the first alias. */
    String name(List<String> aliases) {
      int i = header.find(aliases);
      return i < 0 ? aliases.get(0) : header.names.get(i);
    }
  }

  private CsvRows() {}

  /** Lower case, no accents, words joined by underscores: the form aliases are written in. */
  static String columnKey(String name) {
    return BufferedTable.columnKey(name);
  }

  /**
   * Reads every row of a CSV text whose header is its first non-blank line.
   *
   * @param headerCheck returns the reason every row must be rejected for (a required column
   *     missing), or null when the header is usable
   */
  static <T> void read(Reader reader, char separator, ParseSink<T> sink, Function<Header, String> headerCheck,
      RowParser<T> rowParser) {
    try (CsvTable table = CsvTable.of(reader, separator)) {
      read(table, separator, 0, sink, headerCheck, rowParser);
      if (table.failure() != null) {
        sink.reject(0, org.palabre.sources.DeliveredTables.malformed(table), "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads every row of a table (a CSV file or a workbook sheet) from its header row on: the rows
   * above it (a title block, merged headings) are not rows of the table, and blank rows are none.
   *
   * @param separator the one rejected rows are written back with
   * @param headerLine the line of the header row; 0 takes the first non-blank row
   * @param headerCheck returns the reason every row must be rejected for (a required column
   *     missing), or null when the header is usable
   */
  static <T> void read(Table table, char separator, long headerLine, ParseSink<T> sink, Function<Header, String> headerCheck,
      RowParser<T> rowParser) {
    CSVFormat rawFormat = CSVFormat.DEFAULT.builder().setDelimiter(separator).setQuoteMode(QuoteMode.MINIMAL)
        .setRecordSeparator("").get();
    Header header = null;
    String headerProblem = null;
    boolean withheld = false;
    while (table.hasNext()) {
      TableRow record = table.next();
      long start = record.line();
      List<String> values = new ArrayList<>(record.cells());
      if (isBlank(values) || start < headerLine) {
        continue;
      }
      if (header == null) {
        values.set(0, values.get(0).replace("\uFEFF", ""));
        header = new Header(values);
        headerProblem = headerCheck.apply(header);
        withheld = !PersonalColumns.in(header.names).isEmpty();
        continue;
      }
      // a row of a table with personal columns keeps no text in the rejects
      String raw = withheld ? "" : rawFormat.format(values.toArray());
      if (headerProblem != null) {
        sink.reject(start, headerProblem, raw);
        continue;
      }
      if (values.size() > header.names.size()
          && !isBlank(values.subList(header.names.size(), values.size()))) {
        sink.reject(start, "row has " + values.size() + " fields, the header has " + header.names.size()
            + " (a separator inside an unquoted value?)", raw);
        continue;
      }
      try {
        sink.accept(rowParser.parse(new Row(start, header, values, raw)));
      } catch (InvalidRow e) {
        sink.reject(start, e.getMessage(), raw);
      }
    }
    if (header == null) {
      sink.reject(0, "empty file: no header row", "");
    }
  }

  /**
   * The column keys of a text's header (its first non-blank record), for recognising what kind of
   * file it is; empty when the text has no header or cannot be parsed.
   */
  static java.util.Set<String> headerKeys(String text, char separator) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).get();
    try (CSVParser parser = CSVParser.parse(text, format)) {
      for (CSVRecord record : parser) {
        List<String> values = record.toList();
        if (!isBlank(values)) {
          java.util.Set<String> keys = new java.util.LinkedHashSet<>();
          values.forEach(v -> keys.add(columnKey(v.replace("\uFEFF", ""))));
          return keys;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // no usable header
    }
    return java.util.Set.of();
  }

  static boolean hasAll(java.util.Set<String> keys, List<List<String>> aliasLists) {
    return aliasLists.stream().allMatch(aliases -> aliases.stream().anyMatch(keys::contains));
  }

  /** The standard header check: the reason when one of the required columns is missing. */
  static Function<Header, String> requireColumns(Map<String, List<String>> required) {
    return header -> {
      List<String> missing = new ArrayList<>();
      required.forEach((name, aliases) -> {
        if (!header.has(aliases)) {
          missing.add(name);
        }
      });
      return missing.isEmpty() ? null
          : "header has no column " + String.join(", ", missing) + " (header: " + String.join("|", header.names) + ")";
    };
  }

  private static boolean isBlank(List<String> values) {
    return BufferedTable.isBlank(values);
  }

  /**
   * Rejects a date of what happened that is after the run date ({@link
   * org.palabre.text.Periods#afterRunDate}: "Date de début 2099-03-01 is after the run date ...").
   */
  static void notAfterRunDate(Row row, List<String> aliases, java.time.LocalDate date, java.time.LocalDate runDate)
      throws InvalidRow {
    String reason = org.palabre.text.Periods.afterRunDate(row.name(aliases), date, runDate);
    if (reason != null) {
      throw new InvalidRow(reason);
    }
  }

  /** A parsed date, or an {@link InvalidRow} naming the column. */
  static java.time.LocalDate date(Row row, List<String> aliases) throws InvalidRow {
    try {
      return HandTypedValues.date(row.get(aliases));
    } catch (IllegalArgumentException e) {
      throw new InvalidRow(row.name(aliases) + " " + e.getMessage());
    }
  }
}
