package org.palabre.sources.reference;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import org.palabre.lake.LakeTable;
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.Delivery;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.TargetRow;
import org.palabre.money.RateTable;
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

  static final String KNOWN_KINDS = "an advocacy actions log (theme, member, date, description, service_users_involved),"
      + " an exchange-rate table (header rate_date,currency,units_per_eur)"
      + " or a targets table (header indicator_code,year,target[,member][,country])";

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
    if (RateTable.isRateTable(content, separator)) {
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

  /**
   * One rate per line, each checked on its own by {@link RateTable}; comment and blank lines are not
   * rows.
   *
   * @return the table's notes for the load report (a currency given twice for a date...)
   */
  private static String rates(String text, char separator, Delivery d, Counted counted) {
    RateTable table = RateTable.read(d.sourceFile(), text, separator);
    table.rejected().forEach(bad -> counted.reject(bad.line(), bad.reason(), bad.raw()));
    for (RateTable.Rate rate : table.rates()) {
      counted.add(LakeTable.EXCHANGE_RATES, new ExchangeRateRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(),
          rate.line(), rate.date(), rate.currency(), rate.unitsPerEur().doubleValue()));
    }
    return String.join("; ", table.notes());
  }
}
