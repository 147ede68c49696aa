package org.palabre.sources.reference;

import java.io.StringReader;
import org.palabre.lake.LakeTable;
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.Delivery;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.money.RateTable;
import org.palabre.sources.CountedRows;
import org.palabre.sources.DecodedText;
import org.palabre.sources.FileParser;
import org.palabre.sources.FileRows;
import org.palabre.sources.mdm.AdvocacyAction;
import org.palabre.sources.mdm.AdvocacyLogParser;
import org.palabre.text.CsvDialect;

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
    DecodedText decoded = DecodedText.of(file);
    String text = decoded.text();
    String content = text.lines().filter(l -> !l.startsWith("#")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    char separator = DecodedText.separator(content);
    CountedRows counted = new CountedRows(d, rows);
    String kind;
    String warnings = "";
    if (RateTable.isRateTable(content, separator)) {
      kind = "exchange-rate table";
      warnings = rates(text, separator, d, counted);
    } else if (TargetTable.recognises(content, separator)) {
      kind = "indicator targets";
      TargetTable.read(text, separator, d, counted.sink(row -> counted.add(LakeTable.TARGETS, row)));
    } else if (AdvocacyLogParser.recognises(text, separator)) {
      kind = "advocacy actions log";
      new AdvocacyLogParser().parse(new StringReader(text), separator, counted.sink(a -> counted.add(LakeTable.ADVOCACY_ACTIONS,
          new AdvocacyActionRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), a.line(), a.theme(), a.member(), a.date(),
              a.description(), a.serviceUsersInvolved()))));
    } else {
      kind = "unknown";
      counted.reject(0, "not a known reference table: the header is not that of " + KNOWN_KINDS + "; check the header row", "");
    }
    return counted.fileLoad(file, kind, decoded.encoding(), CsvDialect.describe(separator), warnings);
  }

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file and re-deliver it";
  }

  // ---------------------------------------------------------------- exchange-rate tables

  /**
   * One rate per line, each checked on its own by {@link RateTable}; comment and blank lines are not
   * rows.
   *
   * @return the table's notes for the load report (a currency given twice for a date...)
   */
  private static String rates(String text, char separator, Delivery d, CountedRows counted) {
    RateTable table = RateTable.read(d.sourceFile(), text, separator);
    ParseSink<RateTable.Rate> sink = counted.sink(rate -> counted.add(LakeTable.EXCHANGE_RATES, new ExchangeRateRow(d.runId(),
        d.sha256(), d.sourceFamily(), d.sourceFile(), rate.line(), rate.date(), rate.currency(), rate.unitsPerEur().doubleValue())));
    table.rejected().forEach(bad -> sink.reject(bad.line(), bad.reason(), bad.raw()));
    table.rates().forEach(sink::accept);
    return String.join("; ", table.notes());
  }
}
