package org.palabre.sources.mdm;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import org.palabre.lake.LakeTable;
import org.palabre.model.AlertRow;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.PartnershipRow;
import org.palabre.model.SurveyScoreRow;
import org.palabre.sources.FileParser;
import org.palabre.sources.FileRows;
import org.palabre.text.CsvDialect;
import org.palabre.text.TextDecoding;

/**
 * The partnership family's {@link FileParser}: decodes the file ({@link TextDecoding}), finds its
 * separator ({@link CsvDialect}), recognises it by its header, and parses it with the registry,
 * Kobo export or alert-log parser into its lake table, bad rows into {@code rejected_rows}; the
 * file's accounting counts one row per registry line, survey submission or alert. A file whose
 * header is none of the three loads nothing and says what was expected.
 */
final class PartnershipFiles implements FileParser {

  static final String KNOWN_KINDS = "a partnership registry (partner, country, member_section, partnership_type, agreement,"
      + " start_date, end_date), a KoboToolbox partner-survey export (_uuid, _submission_time, ...) or a red/orange-line"
      + " alert log (date_raised, partner, category, ...)";

  @Override
  public FileLoad read(InputFile file, Delivery d, FileRows rows) throws Exception {
    TextDecoding.IoSupplier bytes = () -> FileParser.open(file);
    TextDecoding.Detected encoding = TextDecoding.detect(bytes);
    String text;
    try (Reader reader = encoding.open(bytes)) {
      StringWriter all = new StringWriter();
      reader.transferTo(all);
      text = all.toString();
    }
    char separator = CsvDialect.sniffSeparator(text.substring(0, Math.min(text.length(), 1 << 16)));
    String kind;
    Counted<?> sink;
    if (KoboSurveyParser.recognises(text, separator)) {
      kind = "MdM partner survey (KoboToolbox export)";
      Counted<SurveyAnswer> answers = new Counted<>(d, rows) {
        @Override
        long write(SurveyAnswer a) {
          return survey(d, rows, a);
        }
      };
      KoboSurveyParser.create().parse(new StringReader(text), separator, answers);
      sink = answers;
    } else if (PartnershipRegistryParser.recognises(text, separator)) {
      kind = "MdM partnership registry";
      Counted<Partnership> partnerships = new Counted<>(d, rows) {
        @Override
        long write(Partnership p) {
          rows.add(LakeTable.PARTNERSHIPS, new PartnershipRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(),
              p.line(), p.partner(), p.countryRaw(), p.sectionRaw(), p.typeRaw(), p.agreementRaw(), p.startDate(),
              p.endDate(), p.columns().section(), p.columns().type(), p.columns().agreement()));
          return 1;
        }
      };
      PartnershipRegistryParser.create().parse(new StringReader(text), separator, partnerships);
      sink = partnerships;
    } else if (AlertLogParser.recognises(text, separator)) {
      kind = "MdM red/orange-line alert log";
      Counted<PartnerAlert> alerts = new Counted<>(d, rows) {
        @Override
        long write(PartnerAlert a) {
          rows.add(LakeTable.ALERTS, new AlertRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), a.line(),
              a.alertId(), a.categoryRaw(), a.levelRaw(), a.dateRaised(), a.dateClosed(), a.countryRaw(), a.partner(),
              a.sectionRaw(), a.columns().category(), a.columns().level(), a.columns().section()));
          return 1;
        }
      };
      AlertLogParser.create().parse(new StringReader(text), separator, alerts);
      sink = alerts;
    } else {
      kind = "unknown";
      sink = new Counted<Object>(d, rows) {
        @Override
        long write(Object none) {
          return 0;
        }
      };
      sink.reject(0, "not a partnership file: the header is not that of " + KNOWN_KINDS
          + "; check the header row, or deliver the file in its own folder", "");
    }
    return new FileLoad(d.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(), kind, encoding.label(),
        CsvDialect.describe(separator), sink.accepted + sink.rejected, sink.accepted, sink.rejected, sink.written, "");
  }

  /** One lake row per score of a submission; a submission without any score is one row without a score item. */
  private static long survey(Delivery d, FileRows rows, SurveyAnswer a) {
    Map<String, Integer> scores = a.scores().isEmpty() ? java.util.Collections.singletonMap(null, null) : new TreeMap<>(a.scores());
    scores.forEach((item, score) -> rows.add(LakeTable.PARTNER_SURVEY_ANSWERS, new SurveyScoreRow(d.runId(), d.sha256(),
        d.sourceFamily(), d.sourceFile(), a.line(), a.submissionId(), a.uuid(), a.submissionTime().toString(),
        a.submissionTime().toLocalDate(), a.validationStatus(), a.countryRaw(), a.sectionRaw(), a.partnerTypeRaw(), item,
        score)));
    return scores.size();
  }

  @Override
  public String whatToCheck() {
    return "check that it is a CSV file and re-deliver it";
  }

  /** Counts what a parser accepted, the lake rows written, and the rejections it added to {@code rejected_rows}. */
  private abstract static class Counted<T> implements ParseSink<T> {
    long accepted;
    long rejected;
    long written;
    private final Delivery delivery;
    private final FileRows rows;

    Counted(Delivery delivery, FileRows rows) {
      this.delivery = delivery;
      this.rows = rows;
    }

    abstract long write(T record);

    @Override
    public void accept(T record) {
      accepted++;
      written += write(record);
    }

    @Override
    public void reject(long line, String reason, String raw) {
      rejected++;
      rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
    }
  }
}
