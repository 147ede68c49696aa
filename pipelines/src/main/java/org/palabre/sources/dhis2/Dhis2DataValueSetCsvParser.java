package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.palabre.model.ParseSink;

/**
 * Reads a DHIS2 {@code dataValueSets} CSV export into {@link Dhis2DataValue}s, one per row.
 *
 * <p>Like DHIS2's own import, columns are read <em>by position</em> and the first row is a header
 * that is skipped whatever its names say: {@code dataelement, period, orgunit,
 * categoryoptioncombo, attributeoptioncombo, value, storedby, lastupdated, comment, followup[,
 * deleted]}. Rows may be shorter than that (missing trailing cells are empty) and longer (extra
 * cells are ignored). Cells are trimmed; an empty combo is the default combo, an empty value is a
 * missing value (left to {@link Dhis2Validator}), an empty flag is false and a flag may use any
 * DHIS2 boolean spelling ({@link Dhis2Booleans}).
 *
 * <p>Every non-blank data row ends in exactly one of {@link ParseSink#accept} or {@link
 * ParseSink#reject}; blank lines are not rows. A row without {@code dataelement}, {@code period} or
 * {@code orgunit} is rejected with the column named. Broken CSV (an unterminated quote) rejects
 * once at the line where it is detected and stops reading the file, keeping what was accepted.
 *
 * <p>Decoding (charset, BOM) is the caller's job: pass a {@link Reader}.
 */
public final class Dhis2DataValueSetCsvParser {

  /** The column order DHIS2 writes and reads, 0-based positions. */
  public static final String[] COLUMNS = {
    "dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value",
    "storedby", "lastupdated", "comment", "followup", "deleted"
  };

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();

  private Dhis2DataValueSetCsvParser() {}

  /**
   * Reads every row after the header.
   *
   * @throws IOException only when the reader fails (broken CSV is a rejection)
   */
  public static void parse(Reader reader, ParseSink<Dhis2DataValue> sink) throws IOException {
    long rowsRead = 0;
    long lastLine = 0; // line where the previous record ended
    try (CSVParser csv = CSVParser.parse(reader, FORMAT)) {
      Iterator<CSVRecord> records = csv.iterator();
      try {
        if (records.hasNext()) {
          records.next(); // the header row, skipped by position as DHIS2 does
          lastLine = csv.getCurrentLineNumber();
        }
        while (records.hasNext()) {
          CSVRecord record = records.next();
          long line = lastLine + 1;
          lastLine = csv.getCurrentLineNumber();
          if (record.size() == 1 && record.get(0).isEmpty()) {
            continue; // a blank line is not a row
          }
          rowsRead++;
          readRow(record, line, sink);
        }
      } catch (UncheckedIOException e) {
        sink.reject(lastLine + 1, "malformed CSV after line " + lastLine + ": "
            + e.getCause().getMessage() + "; the rest of the file was not read (" + rowsRead
            + " data rows before this point were read)", "");
      }
    }
  }

  private static void readRow(CSVRecord record, long line, ParseSink<Dhis2DataValue> sink) {
    String raw = FORMAT.format(record.values());
    for (int column = 0; column <= 2; column++) {
      if (cell(record, column) == null) {
        sink.reject(line, "missing " + COLUMNS[column] + " (column " + (column + 1) + ")", raw);
        return;
      }
    }
    Optional<Boolean> followup = flag(record, 9);
    Optional<Boolean> deleted = flag(record, 10);
    if (followup.isEmpty() || deleted.isEmpty()) {
      int column = followup.isEmpty() ? 9 : 10;
      sink.reject(line, COLUMNS[column] + " (column " + (column + 1) + ") is '"
          + cell(record, column) + "', not a boolean (" + Dhis2Booleans.ACCEPTED + ")", raw);
      return;
    }
    sink.accept(new Dhis2DataValue(
        cell(record, 0),
        cell(record, 1),
        cell(record, 2),
        cell(record, 3),
        cell(record, 4),
        cell(record, 5),
        cell(record, 6),
        null,
        cell(record, 7),
        cell(record, 8),
        followup.get(),
        deleted.get(),
        null,
        null,
        line));
  }

  private static Optional<Boolean> flag(CSVRecord record, int column) {
    String text = cell(record, column);
    return text == null ? Optional.of(false) : Dhis2Booleans.parse(text);
  }

  /** The trimmed cell, or null when the row is too short or the cell is empty. */
  private static String cell(CSVRecord record, int column) {
    if (column >= record.size()) {
      return null;
    }
    String value = record.get(column);
    return value.isEmpty() ? null : value;
  }
}
