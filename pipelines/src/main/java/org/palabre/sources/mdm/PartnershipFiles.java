package org.palabre.sources.mdm;

import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;
import org.palabre.lake.LakeTable;
import org.palabre.model.AlertRow;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.PartnershipRow;
import org.palabre.model.SurveyScoreRow;
import org.palabre.sources.CountedRows;
import org.palabre.sources.DecodedText;
import org.palabre.sources.FileParser;
import org.palabre.sources.FileRows;
import org.palabre.text.CsvDialect;

/**
 * The partnership family's {@link FileParser}: decodes the file, finds its separator, recognises it
 * by its header, and parses it with the registry, Kobo export or alert-log parser into its lake
 * table, bad rows into {@code rejected_rows}; the file's accounting counts one row per registry
 * line, survey submission or alert. A file whose header is none of the three loads nothing and
 * says what was expected.
 */
final class PartnershipFiles implements FileParser {

  static final String KNOWN_KINDS = "a partnership registry (partner, country, member_section, partnership_type, agreement,"
      + " start_date, end_date), a KoboToolbox partner-survey export (_uuid, _submission_time, ...) or a red/orange-line"
      + " alert log (date_raised, partner, category, ...)";

  @Override
  public FileLoad read(InputFile file, Delivery d, FileRows rows) throws Exception {
    DecodedText decoded = DecodedText.of(file);
    String text = decoded.text();
    char separator = DecodedText.separator(text);
    CountedRows counted = new CountedRows(d, rows);
    String kind;
    if (KoboSurveyParser.recognises(text, separator)) {
      kind = "MdM partner survey (KoboToolbox export)";
      KoboSurveyParser.create().parse(new StringReader(text), separator, counted.sink(a -> survey(d, counted, a)));
    } else if (PartnershipRegistryParser.recognises(text, separator)) {
      kind = "MdM partnership registry";
      PartnershipRegistryParser.create().parse(new StringReader(text), separator, counted.sink(p -> counted.add(
          LakeTable.PARTNERSHIPS, new PartnershipRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), p.line(),
              p.partner(), p.countryRaw(), p.sectionRaw(), p.typeRaw(), p.agreementRaw(), p.startDate(), p.endDate(),
              p.columns().section(), p.columns().type(), p.columns().agreement()))));
    } else if (AlertLogParser.recognises(text, separator)) {
      kind = "MdM red/orange-line alert log";
      AlertLogParser.create().parse(new StringReader(text), separator, counted.sink(a -> counted.add(
          LakeTable.ALERTS, new AlertRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), a.line(), a.alertId(),
              a.categoryRaw(), a.levelRaw(), a.dateRaised(), a.dateClosed(), a.countryRaw(), a.partner(), a.sectionRaw(),
              a.columns().category(), a.columns().level(), a.columns().section()))));
    } else {
      kind = "unknown";
      counted.reject(0, "not a partnership file: the header is not that of " + KNOWN_KINDS
          + "; check the header row, or deliver the file in its own folder", "");
    }
    return counted.fileLoad(file, kind, decoded.encoding(), CsvDialect.describe(separator), "");
  }

  /** One lake row per score of a submission; a submission without any score is one row without a score item. */
  private static void survey(Delivery d, CountedRows counted, SurveyAnswer a) {
    Map<String, Integer> scores = a.scores().isEmpty() ? java.util.Collections.singletonMap(null, null) : new TreeMap<>(a.scores());
    scores.forEach((item, score) -> counted.add(LakeTable.PARTNER_SURVEY_ANSWERS, new SurveyScoreRow(d.runId(), d.sha256(),
        d.sourceFamily(), d.sourceFile(), a.line(), a.submissionId(), a.uuid(), a.submissionTime().toString(),
        a.submissionTime().toLocalDate(), a.validationStatus(), a.countryRaw(), a.sectionRaw(), a.partnerTypeRaw(), item,
        score)));
  }

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file and re-deliver it";
  }
}
