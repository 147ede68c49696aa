package org.palabre.sources.mdm;

import java.util.Map;
import java.util.TreeMap;
import org.palabre.lake.LakeTable;
import org.palabre.model.AlertRow;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.PartnershipRow;
import org.palabre.model.Period;
import org.palabre.model.SourceFigure;
import org.palabre.model.SurveyScoreRow;
import org.palabre.sources.RowTally;
import org.palabre.sources.DeliveredTables;
import org.palabre.sources.FileParser;
import org.palabre.sources.LakeRowSink;
import org.palabre.sources.tables.BufferedTable;
import org.palabre.text.Labels;

/**
 * The partnership family's {@link FileParser}: opens the file as tables ({@link DeliveredTables}: a
 * CSV file, its encoding and separator detected, or each visible sheet of a workbook), recognises
 * each by its header (found below any title block), and parses it with the registry, Kobo export or alert-log parser into its lake
 * table, bad rows into {@code rejected_rows}; the file's accounting counts one row per registry
 * line, survey submission or alert. A file whose header is none of the three loads nothing and
 * says what was expected.
 */
final class PartnershipFiles implements FileParser {

  /** How many non-blank rows at the top of a table may hold the title block before the header. */
  static final int HEADER_SEARCH_ROWS = 25;

  static final String KNOWN_KINDS = "a partnership registry (partner, country, member_section, partnership_type, agreement,"
      + " start_date, end_date), a KoboToolbox partner-survey export (_uuid, _submission_time, ...) or a red/orange-line"
      + " alert log (date_raised, partner, category, ...)";

  @Override
  public FileLoad read(InputFile file, Delivery d, LakeRowSink rows) throws Exception {
    RowTally tally = new RowTally(d, rows);
    try (DeliveredTables delivered = DeliveredTables.open(file)) {
      String kind = delivered.readEach(table -> read(table, delivered.separator(), d, tally), "not a partnership file: the"
          + " header is not that of " + KNOWN_KINDS + "; check the header row, or deliver the file in its own folder",
          KNOWN_KINDS, reason -> tally.reject(0, reason, ""));
      return tally.fileLoad(file, kind, delivered.format(), delivered.separatorName(), String.join("; ", delivered.notes()));
    }
  }

  /** Reads one table as the kind of partnership file its header says; null when it is none of them. */
  private static String read(BufferedTable table, char separator, Delivery d, RowTally tally) {
    String where = DeliveredTables.where(table);
    java.time.LocalDate runDate = org.palabre.text.Periods.runDate(d.runId());
    long header;
    if ((header = table.headerLine(HEADER_SEARCH_ROWS, KoboSurveyParser::recognises)) > 0) {
      KoboSurveyParser.create(runDate).parse(table, separator, header, tally.sink(where, a -> survey(d, table.sheet(), tally, a)));
      return "MdM partner survey (KoboToolbox export)";
    }
    if ((header = table.headerLine(HEADER_SEARCH_ROWS, PartnershipRegistryParser::recognises)) > 0) {
      PartnershipRegistryParser.create(runDate).parse(table, separator, header, tally.sink(where, p -> tally.add(
          LakeTable.PARTNERSHIPS, new PartnershipRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), p.line(),
              p.partner(), p.countryRaw(), p.sectionRaw(), p.typeRaw(), p.agreementRaw(), p.startDate(), p.endDate(),
              p.columns().section(), p.columns().type(), p.columns().agreement()))));
      return "MdM partnership registry";
    }
    if ((header = table.headerLine(HEADER_SEARCH_ROWS, AlertLogParser::recognises)) > 0) {
      AlertLogParser.create(runDate).parse(table, separator, header, tally.sink(where, a -> tally.add(
          LakeTable.ALERTS, new AlertRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), a.line(), a.alertId(),
              a.categoryRaw(), a.levelRaw(), a.dateRaised(), a.dateClosed(), a.countryRaw(), a.partner(), a.sectionRaw(),
              a.columns().category(), a.columns().level(), a.columns().section()))));
      return "MdM red/orange-line alert log";
    }
    return null;
  }

  /**
   * One lake row per score of a submission (a submission without any score is one row without a
   * score item), and one figure per numeric answer of a question the survey reading does not use.
   */
  private static void survey(Delivery d, String sheet, RowTally tally, SurveyAnswer a) {
    Map<String, Integer> scores = a.scores().isEmpty() ? java.util.Collections.singletonMap(null, null) : new TreeMap<>(a.scores());
    scores.forEach((item, score) -> tally.add(LakeTable.PARTNER_SURVEY_ANSWERS, new SurveyScoreRow(d.runId(), d.sha256(),
        d.sourceFamily(), d.sourceFile(), a.line(), a.submissionId(), a.uuid(), a.submissionTime().toString(),
        a.submissionTime().toLocalDate(), a.validationStatus(), a.countryRaw(), a.sectionRaw(), a.partnerTypeRaw(), item,
        score)));
    Period day = Period.day(a.submissionTime().toLocalDate());
    for (SurveyAnswer.Figure figure : a.figures()) {
      tally.add(LakeTable.FIGURES, new SourceFigure(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), sheet, a.line(),
          figure.columnNumber(), SourceFigure.SURVEY_EXPORT, null, a.sectionRaw(), a.countryRaw(), null, null, null,
          a.submissionTime().toString(), day.type(), day.label(), day.start(), day.end(), SourceFigure.COLUMN,
          Labels.normalise(figure.column()), figure.column(), null, null, null, figure.value(), null, null));
    }
  }

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file or an Excel workbook and re-deliver it";
  }
}
