package org.palabre.sources.reference;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.palabre.codes.CountryCodes;
import org.palabre.codes.SchemaFiles;
import org.palabre.model.Delivery;
import org.palabre.model.TargetRow;
import org.palabre.text.Numbers;

/**
 * Reads the yearly targets of the catalogue's indicators (reference data, DESIGN §3.6): columns
 * {@code indicator_code, year, target} and, optionally, {@code member} and {@code country} (blank =
 * the network, or all countries). An unknown indicator, member or country, a year that is not one,
 * or a target that is no number rejects the row with the reason. Comment lines start with {@code #}.
 */
final class TargetTable implements Serializable {

  /** Where the rows go. */
  interface Sink {
    void accept(TargetRow row);

    void reject(long line, String reason, String raw);
  }

  private static final List<String> REQUIRED = List.of("indicator_code", "year", "target");

  private final Function<String, String> memberCode;
  private final Set<String> indicators = new HashSet<>();
  private final Set<String> memberCodes = new HashSet<>();

  TargetTable(Function<String, String> memberCode) {
    this.memberCode = memberCode;
    for (Map<String, String> row : SchemaFiles.readCsv("indicators/indicator_catalogue.csv")) {
      indicators.add(row.get("indicator_code"));
    }
    for (Map<String, String> row : SchemaFiles.readCsv("codes/members.csv")) {
      memberCodes.add(row.get("member_code"));
    }
  }

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

  void read(String text, char separator, Delivery d, Sink sink) throws IOException {
    String content = SchemaFiles.withoutComments(text.replace("\uFEFF", ""));
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
    long commentLines = text.lines().takeWhile(l -> l.startsWith("# ") || l.strip().equals("#")).count();
    try (CSVParser parser = format.parse(new StringReader(content))) {
      for (CSVRecord record : parser) {
        // comment lines, then the header, then one record per line
        long line = commentLines + 1 + record.getRecordNumber();
        String raw = String.join(String.valueOf(separator), record.toList());
        String indicator = get(record, "indicator_code");
        String member = get(record, "member");
        String country = get(record, "country");
        StringBuilder problems = new StringBuilder();
        if (!indicators.contains(indicator)) {
          problems.append("indicator_code '").append(indicator)
              .append("' is not in schemas/indicators/indicator_catalogue.csv; ");
        }
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
        String memberCodeValue = null;
        if (!member.isEmpty()) {
          // a member code of schemas/codes/members.csv, or a name the mappings know
          memberCodeValue = memberCodes.contains(member) ? member : memberCode.apply(member);
          if (memberCodeValue == null) {
            problems.append("member '").append(member).append("' is not a network member; ");
          }
        }
        String iso2 = null;
        if (!country.isEmpty()) {
          iso2 = CountryCodes.get().toIso2(country).orElse(null);
          if (iso2 == null) {
            problems.append("unknown country '").append(country).append("'; ");
          }
        }
        if (problems.length() > 0) {
          sink.reject(line, problems.substring(0, problems.length() - 2), raw);
        } else {
          sink.accept(new TargetRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), line, indicator, year, memberCodeValue,
              iso2, target));
        }
      }
    }
  }

  private static String get(CSVRecord record, String column) {
    return record.isMapped(column) && record.isSet(column) ? record.get(column).strip() : "";
  }
}
