package org.palabre.sources.reference;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.palabre.codes.SchemaFiles;
import org.palabre.model.Delivery;
import org.palabre.model.ParseSink;
import org.palabre.model.TargetRow;
import org.palabre.text.Numbers;

/**
 * Reads the yearly targets of the catalogue's indicators (reference data, DESIGN §3.6): columns
 * {@code indicator_code, year, target} and, optionally, {@code member} and {@code country} (blank =
 * the network, or all countries), as written. A year that is not one (or outside 1989-2100) or a
 * target that is no number rejects the row with the reason; the indicator, the member and the
 * country are checked and mapped at build time ({@code sql/intermediate/int_reference__targets.sql}),
 * so a catalogue or mapping change needs no re-read. Comment lines start with {@code #}.
 */
final class TargetTable implements Serializable {

  private static final List<String> REQUIRED = List.of("indicator_code", "year", "target");

  static boolean recognises(String content, char separator) {
    return header(content, separator).containsAll(REQUIRED);
  }

  private static Set<String> header(String content, char separator) {
    String first = content.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    Set<String> names = new HashSet<>();
    for (String cell : first.replace("\uFEFF", "").split(java.util.regex.Pattern.quote(String.valueOf(separator)))) {
      names.add(cell.strip().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  static void read(String text, char separator, Delivery d, ParseSink<TargetRow> sink) throws IOException {
    String content = SchemaFiles.withoutComments(text.replace("\uFEFF", ""));
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
    long commentLines = text.lines().takeWhile(l -> l.startsWith("# ") || l.strip().equals("#")).count();
    try (CSVParser parser = format.parse(new StringReader(content))) {
      for (CSVRecord record : parser) {
        // comment lines, then the header, then one record per line
        long line = commentLines + 1 + record.getRecordNumber();
        String raw = String.join(String.valueOf(separator), record.toList());
        StringBuilder problems = new StringBuilder();
        Long year = null;
        try {
          year = Long.parseLong(get(record, "year"));
          if (year < 1989 || year > 2100) {
            problems.append("year ").append(year).append(" is outside 1989-2100; ");
          }
        } catch (NumberFormatException e) {
          problems.append("year '").append(get(record, "year")).append("' is not a year; ");
        }
        Double target = null;
        try {
          target = Numbers.parse(get(record, "target"), separator == ';');
          if (target == null) {
            problems.append("target is blank; ");
          }
        } catch (NumberFormatException e) {
          problems.append("target: ").append(e.getMessage()).append("; ");
        }
        if (problems.length() > 0) {
          sink.reject(line, problems.substring(0, problems.length() - 2), raw);
        } else {
          sink.accept(new TargetRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), line, get(record, "indicator_code"),
              year, blankAsNull(get(record, "member")), blankAsNull(get(record, "country")), target));
        }
      }
    }
  }

  private static String get(CSVRecord record, String column) {
    return record.isMapped(column) && record.isSet(column) ? record.get(column).strip() : "";
  }

  private static String blankAsNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
