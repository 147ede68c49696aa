package org.palabre.sources.tables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.palabre.text.CsvDialect;

/**
 * A CSV file as one {@link Table}: the separator sniffed from its first lines ({@link
 * CsvDialect}), each record with the line it starts on (quoted line breaks included), blank lines
 * kept as blank rows. A broken file (commons-csv throws while looking ahead, e.g. on an
 * unbalanced quote) ends the rows and keeps the {@linkplain #failure() failure}, so what comes
 * before it is still read.
 */
public final class CsvTable implements Table {

  private final char separator;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private long lastEnd;
  private RuntimeException failure;

  private CsvTable(BufferedReader text, char separator) throws IOException {
    this.separator = separator;
    this.parser = CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreEmptyLines(false)
        .setAllowMissingColumnNames(true).get().parse(text);
    this.records = parser.iterator();
  }

  /** The table of a decoded text, its separator sniffed from the first 64 KB. */
  public static CsvTable of(Reader text) throws IOException {
    return of(text, false);
  }

  /**
   * The table of a decoded text, its separator sniffed from the first 64 KB; with {@code
   * commentLines}, lines starting with {@code #} (a reference table's comments) are left out of the
   * sniffing (they are still rows: the reader skips them).
   */
  public static CsvTable of(Reader text, boolean commentLines) throws IOException {
    BufferedReader reader = new BufferedReader(text, 1 << 16);
    reader.mark(1 << 16);
    char[] sample = new char[1 << 16];
    int sampled = Math.max(0, reader.read(sample));
    reader.reset();
    String head = new String(sample, 0, sampled);
    if (commentLines) {
      head = head.lines().filter(line -> !line.startsWith("#")).collect(java.util.stream.Collectors.joining("\n"));
    }
    return new CsvTable(reader, CsvDialect.sniffSeparator(head));
  }

  /** The table of a decoded text whose separator is known. */
  public static CsvTable of(Reader text, char separator) throws IOException {
    return new CsvTable(new BufferedReader(text, 1 << 16), separator);
  }

  public char separator() {
    return separator;
  }

  /** The CSV format of this file, to write a rejected row back as the file had it. */
  public CSVFormat rawFormat() {
    return CSVFormat.DEFAULT.builder().setDelimiter(separator).get();
  }

  /** What stopped the reading early, or null when the file was read to its end. */
  public RuntimeException failure() {
    return failure;
  }

  /** The last line read so far. */
  public long lastLine() {
    return lastEnd;
  }

  @Override
  public String sheet() {
    return null;
  }

  @Override
  public boolean typedCells() {
    return false;
  }

  @Override
  public boolean hasNext() {
    if (failure != null) {
      return false;
    }
    try {
      return records.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      failure = e;
      return false;
    }
  }

  @Override
  public TableRow next() {
    CSVRecord record = records.next();
    long start = lastEnd + 1;
    lastEnd = Math.max(parser.getCurrentLineNumber(), start);
    return new TableRow(null, start, record.toList());
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
