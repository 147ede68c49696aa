package org.palabre.sources.reference;

import java.util.ArrayList;
import java.util.List;
import org.palabre.lake.LakeTable;
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.Delivery;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.money.RateTable;
import org.palabre.sources.RowTally;
import org.palabre.sources.DeliveredTables;
import org.palabre.sources.FileParser;
import org.palabre.sources.LakeRowSink;
import org.palabre.sources.mdm.AdvocacyLogParser;
import org.palabre.sources.tables.BufferedTable;
import org.palabre.sources.tables.Table;

/**
 * The reference family's {@link FileParser}: opens the file as tables ({@link DeliveredTables}: a
 * CSV file or each visible sheet of a workbook), recognises each by its header (below any title
 * block), and
 * loads the advocacy log (members as written, mapped at build time), the exchange-rate table (one
 * row per rate, each checked on its own), the targets table (indicator, member and country as
 * written, checked at build time), the reporting calendar or the outlier bounds (members, units
 * and datasets as written, matched at build time). Comment lines of the rate and targets tables (starting with
 * {@code #}) are not rows.
 */
final class ReferenceTableFiles implements FileParser {

  /** How many non-blank rows at the top of a table may hold the title block before the header. */
  private static final int HEADER_SEARCH_ROWS = 25;

  static final String KNOWN_KINDS = "an advocacy actions log (theme, member, date, description, service_users_involved),"
      + " an exchange-rate table (header rate_date,currency,units_per_eur)"
      + ", a targets table (header indicator_code,year,target[,member][,country])"
      + ", a reporting calendar (header " + ExpectedReportsTable.HEADER + ")"
      + " or outlier bounds (header " + OutlierBoundsTable.HEADER + ")";

  @Override
  public FileLoad read(InputFile file, Delivery d, LakeRowSink rows) throws Exception {
    RowTally tally = new RowTally(d, rows);
    List<String> notes = new ArrayList<>();
    try (DeliveredTables delivered = DeliveredTables.open(file, true)) {
      String kind = delivered.readEach(table -> read(table, delivered, d, tally, notes), "not a known reference table: the"
          + " header is not that of " + KNOWN_KINDS + "; check the header row", KNOWN_KINDS, reason -> tally.reject(0, reason, ""));
      notes.addAll(delivered.notes());
      return tally.fileLoad(file, kind, delivered.format(), delivered.separatorName(), String.join("; ", notes));
    }
  }

  /** Reads one table as the kind of reference table its header says; null when it is none of them. */
  private static String read(BufferedTable table, DeliveredTables delivered, Delivery d, RowTally tally, List<String> notes) {
    String where = DeliveredTables.where(table);
    long header;
    boolean decimalComma = !table.typedCells() && delivered.separator() == ';';
    if ((header = RateSheets.headerLine(table)) > 0) {
      notes.addAll(rates(table, header, delivered, d, tally.sink(where, rate -> tally.add(LakeTable.EXCHANGE_RATES,
          new ExchangeRateRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), rate.line(), rate.date(), rate.currency(),
              rate.unitsPerEur().doubleValue())))));
      return "exchange-rate table";
    }
    if ((header = table.headerLine(HEADER_SEARCH_ROWS, TargetTable::recognises)) > 0) {
      TargetTable.read(table, header, decimalComma, delivered.rawFormat(), d,
          tally.sink(where, row -> tally.add(LakeTable.TARGETS, row)));
      return "indicator targets";
    }
    if ((header = table.headerLine(HEADER_SEARCH_ROWS, ExpectedReportsTable::recognises)) > 0) {
      ExpectedReportsTable.read(ReferenceCsvLines.rows(table, header, delivered.rawFormat()), d,
          tally.sink(where, row -> tally.add(LakeTable.EXPECTED_REPORTS, row)));
      return "reporting calendar";
    }
    if ((header = table.headerLine(HEADER_SEARCH_ROWS, OutlierBoundsTable::recognises)) > 0) {
      OutlierBoundsTable.read(ReferenceCsvLines.rows(table, header, delivered.rawFormat()), decimalComma, d,
          tally.sink(where, row -> tally.add(LakeTable.OUTLIER_BOUNDS, row)));
      return "outlier bounds";
    }
    if ((header = table.headerLine(HEADER_SEARCH_ROWS, AdvocacyLogParser::recognises)) > 0) {
      new AdvocacyLogParser(org.palabre.text.Periods.runDate(d.runId())).parse(table, delivered.separator(), header, tally.sink(where, a -> tally.add(
          LakeTable.ADVOCACY_ACTIONS, new AdvocacyActionRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), a.line(),
              a.theme(), a.member(), a.date(), a.description(), a.serviceUsersInvolved()))));
      return "advocacy actions log";
    }
    return null;
  }

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file or an Excel workbook and re-deliver it";
  }

  // ---------------------------------------------------------------- exchange-rate tables

  /**
   * One rate per row from the header on, each checked on its own by {@link RateTable}.
   *
   * @return the table's notes for the load report (a currency given twice for a date...)
   */
  private static List<String> rates(Table table, long headerLine, DeliveredTables delivered, Delivery d,
      ParseSink<RateTable.Rate> sink) {
    RateTable rates = RateSheets.read(d.sourceFile(), table, headerLine, delivered);
    rates.rejected().forEach(bad -> sink.reject(bad.line(), bad.reason(), bad.raw()));
    rates.rates().forEach(sink::accept);
    return rates.notes();
  }
}
