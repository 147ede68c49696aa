package org.palabre.sources.mdm;

import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.channels.Channels;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakeTable;
import org.palabre.model.AlertRow;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.PartnershipRow;
import org.palabre.model.SurveyScoreRow;
import org.palabre.sources.FileRows;
import org.palabre.text.CsvDialect;
import org.palabre.text.TextDecoding;

/**
 * Reads one partnership file per element: decodes it ({@link TextDecoding}), finds its separator
 * ({@link CsvDialect}), recognises it by its header, and parses it with the registry, Kobo export or
 * alert-log parser. Rows go to their lake table or to {@code rejected_rows}; the file's accounting
 * (one row per registry line, survey submission or alert) goes to the file loads. Rows go through
 * {@link FileRows}: as elements, or straight into the file's Parquet parts when a staging root is
 * given.
 */
final class ReadPartnershipFilesFn extends DoFn<InputFile, PartnershipRow> {

  static final String KNOWN_KINDS = "a partnership registry (partner, country, member_section, partnership_type, agreement,"
      + " start_date, end_date), a KoboToolbox partner-survey export (_uuid, _submission_time, ...) or a red/orange-line"
      + " alert log (date_raised, partner, category, ...)";

  private final String runId;
  private final String stagingRoot;
  private final Counter loaded = Metrics.counter("partnerships", "rows_loaded");
  private final Counter rejected = Metrics.counter("partnerships", "rows_rejected");
  private transient PartnershipRegistryParser registry;
  private transient KoboSurveyParser survey;
  private transient AlertLogParser alerts;

  /** @param stagingRoot where to write the files' Parquet parts; null sends the rows on as elements */
  ReadPartnershipFilesFn(String runId, String stagingRoot) {
    this.runId = runId;
    this.stagingRoot = stagingRoot;
  }

  @Setup
  public void setup() {
    registry = PartnershipRegistryParser.create();
    survey = KoboSurveyParser.create();
    alerts = AlertLogParser.create();
  }

  /** Counts what a parser accepted and rejected, and adds rejections to {@code rejected_rows}. */
  private abstract static class Counting<T> implements ParseSink<T> {
    long accepted;
    long rejectedRows;
    long written;
    final Delivery delivery;
    final FileRows rows;

    Counting(Delivery delivery, FileRows rows) {
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
      rejectedRows++;
      rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
    }
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    try (FileRows rows = FileRows.of(stagingRoot, file, out)) {
      read(file, rows);
    }
  }

  private void read(InputFile file, FileRows rows) {
    Delivery d = Delivery.of(runId, file);
    String kind;
    String encodingLabel = "";
    String separatorLabel = "";
    Counting<?> sink;
    try {
      TextDecoding.IoSupplier bytes = () -> open(file);
      TextDecoding.Detected encoding = TextDecoding.detect(bytes);
      encodingLabel = encoding.label();
      String text;
      try (Reader reader = encoding.open(bytes)) {
        java.io.StringWriter all = new java.io.StringWriter();
        reader.transferTo(all);
        text = all.toString();
      }
      char separator = CsvDialect.sniffSeparator(text.substring(0, Math.min(text.length(), 1 << 16)));
      separatorLabel = CsvDialect.describe(separator);
      if (KoboSurveyParser.recognises(text, separator)) {
        kind = "MdM partner survey (KoboToolbox export)";
        Counting<SurveyAnswer> s = surveySink(d, rows);
        survey.parse(new StringReader(text), separator, s);
        sink = s;
      } else if (PartnershipRegistryParser.recognises(text, separator)) {
        kind = "MdM partnership registry";
        Counting<Partnership> s = registrySink(d, rows);
        registry.parse(new StringReader(text), separator, s);
        sink = s;
      } else if (AlertLogParser.recognises(text, separator)) {
        kind = "MdM red/orange-line alert log";
        Counting<PartnerAlert> s = alertSink(d, rows);
        alerts.parse(new StringReader(text), separator, s);
        sink = s;
      } else {
        kind = "unknown";
        sink = registrySink(d, rows);
        sink.reject(0, "not a partnership file: the header is not that of " + KNOWN_KINDS
            + "; check the header row, or deliver the file in its own folder", "");
      }
    } catch (FileRows.LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (Exception e) {
      kind = "unreadable";
      sink = registrySink(d, rows);
      sink.reject(0, "the file could not be read: " + e + "; check that it is a CSV file and re-deliver it", "");
    }
    loaded.inc(sink.accepted);
    rejected.inc(sink.rejectedRows);
    rows.add(LakeTable.FILE_LOADS, new FileLoad(runId, file.deliveryKey(), file.sourceFamily(),
        file.relativeName(), kind, encodingLabel, separatorLabel, sink.accepted + sink.rejectedRows, sink.accepted,
        sink.rejectedRows, sink.written, ""));
  }

  private static Counting<Partnership> registrySink(Delivery d, FileRows rows) {
    return new Counting<>(d, rows) {
      @Override
      long write(Partnership p) {
        rows.add(LakeTable.PARTNERSHIPS, new PartnershipRow(d.runId(), d.sha256(), d.sourceFamily(),
            d.sourceFile(), p.line(), p.partner(), p.countryRaw(), p.countryIso2(), p.memberSection(), p.typeRaw(),
            p.type(), p.agreement(), p.startDate(), p.endDate()));
        return 1;
      }
    };
  }

  private static Counting<SurveyAnswer> surveySink(Delivery d, FileRows rows) {
    return new Counting<>(d, rows) {
      @Override
      long write(SurveyAnswer a) {
        // a submission without any score stays in the lake as one row without a score item
        Map<String, Integer> scores = a.scores().isEmpty()
            ? java.util.Collections.singletonMap(null, null) : new TreeMap<>(a.scores());
        scores.forEach((item, score) -> rows.add(LakeTable.PARTNER_SURVEY_ANSWERS, new SurveyScoreRow(
            d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), a.line(), a.submissionId(), a.uuid(),
            a.submissionTime().toString(), a.submissionTime().toLocalDate(), a.validationStatus(), a.countryRaw(),
            a.countryIso2(), a.memberSection(), a.partnerTypeRaw(), a.partnerType(), item, score)));
        return scores.size();
      }
    };
  }

  private static Counting<PartnerAlert> alertSink(Delivery d, FileRows rows) {
    return new Counting<>(d, rows) {
      @Override
      long write(PartnerAlert a) {
        rows.add(LakeTable.ALERTS, new AlertRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(),
            a.line(), a.alertId(), a.categoryRaw(), a.category(), a.level(), a.dateRaised(), a.dateClosed(),
            a.countryRaw(), a.countryIso2(), a.partner(), a.memberSection()));
        return 1;
      }
    };
  }

  static InputStream open(InputFile file) throws java.io.IOException {
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)));
  }
}
