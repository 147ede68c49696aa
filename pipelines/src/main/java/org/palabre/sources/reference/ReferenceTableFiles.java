package org.palabre.sources.reference;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.palabre.lake.LakeTable;
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.Delivery;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.TargetRow;
import org.palabre.sources.FileParser;
import org.palabre.sources.FileRows;
import org.palabre.sources.mdm.AdvocacyAction;
import org.palabre.sources.mdm.AdvocacyLogParser;
import org.palabre.text.CsvDialect;
import org.palabre.text.TextDecoding;

/**
 * The reference family's {@link FileParser}: decodes the file, recognises it by its header, and
 * loads the advocacy log (members as written, mapped at build time), the exchange-rate table (one
 * row per rate, each checked on its own) or the targets table (indicator, member and country as
 * written, checked at build time). Comment lines of the rate and targets tables (starting with
 * {@code #}) are not rows.
 */
final class ReferenceTableFiles implements FileParser {

  static final List<String> RATE_HEADER = List.of("rate_date", "currency", "units_per_eur");
  static final String KNOWN_KINDS = "an advocacy actions log (theme, member, date, description, service_users_involved),"
      + " an exchange-rate table (header rate_date,currency,units_per_eur)"
      + " or a targets table (header indicator_code,year,target[,member][,country])";
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  @Override
  public FileLoad read(InputFile file, Delivery d, FileRows rows) throws Exception {
    TextDecoding.IoSupplier bytes = () -> FileParser.open(file);
    TextDecoding.Detected encoding = TextDecoding.detect(bytes);
    StringWriter all = new StringWriter();
    try (Reader reader = encoding.open(bytes)) {
      reader.transferTo(all);
    }
    String text = all.toString();
    String content = text.lines().filter(l -> !l.startsWith("#")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    char separator = CsvDialect.sniffSeparator(content.substring(0, Math.min(content.length(), 1 << 16)));
    Counted counted = new Counted(d, rows);
    String kind;
    String warnings = "";
    if (isRateTable(content, separator)) {
      kind = "exchange-rate table";
      warnings = rates(text, separator, d, counted);
    } else if (TargetTable.recognises(content, separator)) {
      kind = "indicator targets";
      TargetTable.read(text, separator, d, new TargetTable.Sink() {
        @Override
        public void accept(TargetRow row) {
          counted.add(LakeTable.TARGETS, row);
        }

        @Override
        public void reject(long line, String reason, String raw) {
          counted.reject(line, reason, raw);
        }
      });
    } else if (AdvocacyLogParser.recognises(text, separator)) {
      kind = "advocacy actions log";
      new AdvocacyLogParser().parse(new StringReader(text), separator, new ParseSink<AdvocacyAction>() {
        @Override
        public void accept(AdvocacyAction a) {
          counted.add(LakeTable.ADVOCACY_ACTIONS, new AdvocacyActionRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(),
              a.line(), a.theme(), a.member(), a.date(), a.description(), a.serviceUsersInvolved()));
        }

        @Override
        public void reject(long line, String reason, String raw) {
          counted.reject(line, reason, raw);
        }
      });
    } else {
      kind = "unknown";
      counted.reject(0, "not a known reference table: the header is not that of " + KNOWN_KINDS + "; check the header row", "");
    }
    return new FileLoad(d.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(), kind, encoding.label(),
        CsvDialect.describe(separator), counted.accepted + counted.rejected, counted.accepted, counted.rejected,
        counted.accepted, warnings);
  }

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file and re-deliver it";
  }

  /** The file's row accounting, rows added to their lake table and rejections to {@code rejected_rows}. */
  private static final class Counted {
    long accepted;
    long rejected;
    private final Delivery delivery;
    private final FileRows rows;

    Counted(Delivery delivery, FileRows rows) {
      this.delivery = delivery;
      this.rows = rows;
    }

    <T extends Record & java.io.Serializable> void add(LakeTable<T> table, T row) {
      accepted++;
      rows.add(table, row);
    }

    void reject(long line, String reason, String raw) {
      rejected++;
      rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
    }
  }

  // ---------------------------------------------------------------- exchange-rate tables
  // The rate table's reading is these two methods only (one call from read), so that it can change
  // on its own.

  static boolean isRateTable(String content, char separator) {
    return content.lines().filter(l -> !l.isBlank()).findFirst()
        .map(l -> List.of(l.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).split("\\s*" + Pattern.quote(String.valueOf(separator)) + "\\s*")))
        .map(RATE_HEADER::equals).orElse(false);
  }

  /**
   * One rate per line, each validated on its own; comment and blank lines are not rows.
   *
   * @return the file's warnings for the load report (none yet)
   */
  private static String rates(String text, char separator, Delivery d, Counted counted) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    boolean header = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      long number = i + 1;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        header = true;
        continue;
      }
      String[] cells = line.split(Pattern.quote(String.valueOf(separator)), -1);
      if (cells.length != 3) {
        counted.reject(number, "expected 3 columns (rate_date, currency, units_per_eur), found " + cells.length, line);
        continue;
      }
      LocalDate date;
      try {
        date = LocalDate.parse(cells[0].strip());
      } catch (DateTimeParseException e) {
        counted.reject(number, "rate_date '" + cells[0].strip() + "' is not a date YYYY-MM-DD", line);
        continue;
      }
      String currency = cells[1].strip().toUpperCase(Locale.ROOT);
      if (!CURRENCY.matcher(currency).matches()) {
        counted.reject(number, "currency '" + cells[1].strip() + "' is not an ISO 4217 code", line);
        continue;
      }
      double rate;
      try {
        rate = Double.parseDouble(cells[2].strip());
      } catch (NumberFormatException e) {
        counted.reject(number, "units_per_eur '" + cells[2].strip() + "' is not a number (decimal point)", line);
        continue;
      }
      if (!(rate > 0) || Double.isInfinite(rate)) {
        counted.reject(number, "units_per_eur must be a positive number, found " + cells[2].strip(), line);
        continue;
      }
      counted.add(LakeTable.EXCHANGE_RATES, new ExchangeRateRow(d.runId(), d.sha256(), d.sourceFamily(),
          d.sourceFile(), number, date, currency, rate));
    }
    return "";
  }
}
