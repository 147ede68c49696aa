package org.palabre.sources.reference;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.codes.OrganisationDirectory;
import org.palabre.lake.LakeTable;
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.Delivery;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.money.RateTable;
import org.palabre.sources.FileRows;
import org.palabre.sources.mdm.AdvocacyAction;
import org.palabre.sources.mdm.AdvocacyLogParser;
import org.palabre.sources.mdm.LabelMapping;
import org.palabre.text.CsvDialect;
import org.palabre.text.TextDecoding;

/**
 * Reads one reference file per element: decodes it, recognises it by its header, and loads the
 * advocacy log (members harmonised to member codes) or the exchange-rate table (one row per rate,
 * each checked on its own). Comment lines of the rate table (starting with {@code #}) are not rows.
 * Rows go through {@link FileRows}: as elements, or straight into the file's Parquet parts when a
 * staging root is given.
 */
final class ReadReferenceTablesFn extends DoFn<InputFile, AdvocacyActionRow> {

  static final String KNOWN_KINDS = "an advocacy actions log (theme, member, date, description, service_users_involved),"
      + " an exchange-rate table (header rate_date,currency,units_per_eur)"
      + ", a targets table (header indicator_code,year,target[,member][,country])"
      + ", a reporting calendar (header " + ExpectedReportsTable.HEADER + ")"
      + " or outlier bounds (header " + OutlierBoundsTable.HEADER + ")";

  private final String runId;
  private final String stagingRoot;
  private final Counter loaded = Metrics.counter("reference", "rows_loaded");
  private final Counter rejected = Metrics.counter("reference", "rows_rejected");
  private transient LabelMapping sections;
  private transient OrganisationDirectory organisations;
  private transient TargetTable targets;

  /** @param stagingRoot where to write the files' Parquet parts; null sends the rows on as elements */
  ReadReferenceTablesFn(String runId, String stagingRoot) {
    this.runId = runId;
    this.stagingRoot = stagingRoot;
  }

  @Setup
  public void setup() {
    sections = LabelMapping.load("schemas/mappings/mdm_sections.csv");
    organisations = new OrganisationDirectory();
    targets = new TargetTable(this::memberCode);
  }

  /** Row accounting of one file. */
  private static final class Tally {
    long accepted;
    long rejectedRows;
    String warnings = "";
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    try (FileRows rows = FileRows.of(stagingRoot, file, out)) {
      read(file, rows);
    }
  }

  private void read(InputFile file, FileRows rows) {
    Delivery d = Delivery.of(runId, file);
    Tally tally = new Tally();
    String kind;
    String encodingLabel = "";
    String separatorLabel = "";
    try {
      TextDecoding.IoSupplier bytes = () -> Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)));
      TextDecoding.Detected encoding = TextDecoding.detect(bytes);
      encodingLabel = encoding.label();
      StringWriter all = new StringWriter();
      try (Reader reader = encoding.open(bytes)) {
        reader.transferTo(all);
      }
      String text = all.toString();
      String content = text.lines().filter(l -> !l.startsWith("#")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
      char separator = CsvDialect.sniffSeparator(content.substring(0, Math.min(content.length(), 1 << 16)));
      separatorLabel = CsvDialect.describe(separator);
      if (RateTable.isRateTable(content, separator)) {
        kind = "exchange-rate table";
        rates(text, separator, d, tally, rows);
      } else if (TargetTable.recognises(content, separator)) {
        kind = "indicator targets";
        targets.read(text, separator, d, new TargetTable.Sink() {
          @Override
          public void accept(org.palabre.model.TargetRow row) {
            tally.accepted++;
            rows.add(LakeTable.TARGETS, row);
          }

          @Override
          public void reject(long line, String reason, String raw) {
            ReadReferenceTablesFn.reject(d, tally, rows, line, reason, raw);
          }
        });
      } else if (ExpectedReportsTable.recognises(content, separator)) {
        kind = "reporting calendar";
        ExpectedReportsTable.read(text, separator, d, lakeSink(d, tally, rows, LakeTable.EXPECTED_REPORTS));
      } else if (OutlierBoundsTable.recognises(content, separator)) {
        kind = "outlier bounds";
        OutlierBoundsTable.read(text, separator, d, lakeSink(d, tally, rows, LakeTable.OUTLIER_BOUNDS));
      } else if (AdvocacyLogParser.recognises(text, separator)) {
        kind = "advocacy actions log";
        new AdvocacyLogParser().parse(new StringReader(text), separator, advocacySink(d, tally, rows));
      } else {
        kind = "unknown";
        reject(d, tally, rows, 0, "not a known reference table: the header is not that of " + KNOWN_KINDS
            + "; check the header row", "");
      }
    } catch (FileRows.LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (Exception e) {
      // what was sent before the failure stays sent and counted; the whole file adds one rejection
      kind = "unreadable";
      reject(d, tally, rows, 0, "the file could not be read: " + e + "; check that it is a CSV file and re-deliver it", "");
    }
    loaded.inc(tally.accepted);
    rejected.inc(tally.rejectedRows);
    rows.add(LakeTable.FILE_LOADS, new FileLoad(runId, file.deliveryKey(), file.sourceFamily(),
        file.relativeName(), kind, encodingLabel, separatorLabel, tally.accepted + tally.rejectedRows, tally.accepted,
        tally.rejectedRows, tally.accepted, tally.warnings));
  }

  private static void reject(Delivery d, Tally tally, FileRows rows, long line, String reason, String raw) {
    tally.rejectedRows++;
    rows.add(LakeTable.REJECTED_ROWS, d.rejection(line, reason, raw));
  }

  /** Rows straight into a lake table, rejects into the rejected rows, both counted. */
  private static <T extends Record & java.io.Serializable> ParseSink<T> lakeSink(Delivery d, Tally tally, FileRows rows,
      LakeTable<T> table) {
    return new ParseSink<>() {
      @Override
      public void accept(T row) {
        tally.accepted++;
        rows.add(table, row);
      }

      @Override
      public void reject(long line, String reason, String raw) {
        ReadReferenceTablesFn.reject(d, tally, rows, line, reason, raw);
      }
    };
  }

  private ParseSink<AdvocacyAction> advocacySink(Delivery d, Tally tally, FileRows rows) {
    return new ParseSink<>() {
      @Override
      public void accept(AdvocacyAction a) {
        String member = memberCode(a.member());
        if (member == null) {
          ReadReferenceTablesFn.reject(d, tally, rows, a.line(), "member '" + a.member() + "' is not a network member: add its spelling to"
              + " schemas/mappings/mdm_sections.csv (MdM sections) or schemas/mappings/organisations.csv",
              String.join(" | ", a.theme(), a.member(), a.date().toString(), a.description() == null ? "" : a.description(),
                  a.serviceUsersInvolved() ? "yes" : "no"));
          return;
        }
        tally.accepted++;
        rows.add(LakeTable.ADVOCACY_ACTIONS, new AdvocacyActionRow(d.runId(), d.sha256(), d.sourceFamily(),
            d.sourceFile(), a.line(), a.theme(), a.member(), member, a.date(), a.description(), a.serviceUsersInvolved()));
      }

      @Override
      public void reject(long line, String reason, String raw) {
        ReadReferenceTablesFn.reject(d, tally, rows, line, reason, raw);
      }
    };
  }

  /** An MdM section ("MdM Belgique" -> mdm-be) or an organisation of the directory; null when unknown. */
  String memberCode(String label) {
    return sections.code(label).map(code -> "mdm-" + code.toLowerCase(Locale.ROOT))
        .orElseGet(() -> {
          OrganisationDirectory.Organisation org = organisations.resolve(label);
          return org.known() ? org.memberCode() : null;
        });
  }

  /** One rate per line, each checked on its own by {@link RateTable}; comment and blank lines are not rows. */
  private static void rates(String text, char separator, Delivery d, Tally tally, FileRows rows) {
    RateTable table = RateTable.read(d.sourceFile(), text, separator);
    table.rejected().forEach(bad -> reject(d, tally, rows, bad.line(), bad.reason(), bad.raw()));
    for (RateTable.Rate rate : table.rates()) {
      tally.accepted++;
      rows.add(LakeTable.EXCHANGE_RATES, new ExchangeRateRow(d.runId(), d.sha256(), d.sourceFamily(),
          d.sourceFile(), rate.line(), rate.date(), rate.currency(), rate.unitsPerEur().doubleValue()));
    }
    tally.warnings = String.join("; ", table.notes());
  }
}
