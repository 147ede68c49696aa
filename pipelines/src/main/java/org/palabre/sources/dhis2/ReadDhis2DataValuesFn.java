package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.palabre.codes.CountryCodes;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Observation;
import org.palabre.model.ParseSink;
import org.palabre.text.TextDecoding;

/**
 * Reads one DHIS2 data value set (JSON or CSV) per element: parses it, validates every value
 * against the delivery's metadata ({@link Dhis2Validator}), harmonises it ({@link
 * Dhis2Harmoniser}) and sends figures to the main output, the cells of disaggregated values to the
 * breakdowns output (summed later into totals), bad values to the rejected output, and the file's
 * accounting to the file-loads output. A file that cannot be read at all is rejected at line 0.
 *
 * <p>Lines: a value's {@code source_line} is the line where it starts. In compact JSON (several
 * values on one line, as the DHIS2 API writes it) lines do not tell values apart, so the file's
 * values are numbered by their position in {@code dataValues} instead (1 = first) and the load
 * report says so.
 */
final class ReadDhis2DataValuesFn extends DoFn<InputFile, Observation> {

  private final String runId;
  private final List<InputFile> metadataFiles;
  private final Counter rowsLoaded = Metrics.counter("dhis2", "rows_loaded");
  private final Counter rowsRejected = Metrics.counter("dhis2", "rows_rejected");
  private transient Dhis2Metadata metadata;
  private transient Dhis2Validator validator;
  private transient Dhis2Harmoniser harmoniser;

  ReadDhis2DataValuesFn(String runId, List<InputFile> metadataFiles) {
    this.runId = runId;
    this.metadataFiles = List.copyOf(metadataFiles);
  }

  @Setup
  public void setup() throws IOException {
    metadata = ReadDhis2DataValues.mergedMetadata(metadataFiles);
    validator = Dhis2Validator.withShippedMappings(metadata);
    harmoniser = new Dhis2Harmoniser(metadata, Dhis2MemberMapping.fromClasspath(), CountryCodes.get());
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    Delivery delivery = Delivery.of(runId, file);
    boolean json = file.relativeName().toLowerCase(Locale.ROOT).endsWith(".json");
    Counts counts = new Counts();
    Set<String> warnings = new TreeSet<>();
    String encoding = json ? "UTF-8" : "";
    FileLoad load;
    try {
      boolean compact = json && compactJson(file);
      if (compact) {
        warnings.add("compact JSON (several values per line): source_line is the value's position"
            + " in dataValues (1 = first)");
      }
      ParseSink<Dhis2Observation> validated = new ParseSink<>() {
        @Override
        public void accept(Dhis2Observation value) {
          Dhis2Harmoniser.Place place = harmoniser.place(value.orgUnit());
          if (place.member() == null) {
            warnings.add("org unit tree root " + place.rootLabel() + " is not mapped to a network member:"
                + " its figures load with member unknown; add a line to " + Dhis2MemberMapping.RESOURCE);
          }
          if (place.countryIso2() == null) {
            warnings.add("no country name on the ancestry of org unit tree root " + place.rootLabel()
                + ": its figures load with country unknown; add the spelling to schemas/codes/country_aliases.csv");
          }
          Observation o = harmoniser.harmonise(value, place, delivery, value.sourceLine());
          out.get(LakeTable.OBSERVATIONS.tag()).output(o);
          for (Observation total : Dhis2Harmoniser.breakdowns(o)) {
            out.get(ReadDhis2DataValues.BREAKDOWNS).output(KV.of(ReadDhis2DataValues.totalKey(value, total), total));
          }
          counts.loaded++;
          counts.observations++;
        }

        @Override
        public void reject(long line, String reason, String raw) {
          out.get(LakeTable.REJECTED_ROWS.tag()).output(delivery.rejection(line, reason, raw));
          counts.rejected++;
        }
      };
      ParseSink<Dhis2DataValue> parsed = new ParseSink<>() {
        @Override
        public void accept(Dhis2DataValue value) {
          counts.position++;
          validator.validate(compact ? value.withSourceLine(counts.position) : value, validated);
        }

        @Override
        public void reject(long line, String reason, String raw) {
          counts.position++;
          validated.reject(compact ? counts.position : line, reason, raw);
        }
      };
      if (json) {
        Dhis2DataValueSetJsonParser.parse(() -> ReadDhis2DataValues.open(file), parsed);
      } else {
        TextDecoding.IoSupplier bytes = () -> ReadDhis2DataValues.open(file);
        TextDecoding.Detected detected = TextDecoding.detect(bytes);
        encoding = detected.label();
        try (Reader text = detected.open(bytes)) {
          Dhis2DataValueSetCsvParser.parse(text, parsed);
        }
      }
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(),
          json ? "DHIS2 data value set (JSON)" : "DHIS2 data value set (CSV)", encoding, json ? "" : "comma",
          counts.loaded + counts.rejected, counts.loaded, counts.rejected, counts.observations,
          String.join("; ", warnings));
    } catch (Exception e) {
      out.get(LakeTable.REJECTED_ROWS.tag()).output(delivery.rejection(0, "the file could not be read: " + e
          + "; check that it is a DHIS2 dataValueSets export (JSON or CSV) and re-deliver it", ""));
      // what was sent before the failure stays sent and counted; the whole file adds one rejection
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable",
          encoding, "", counts.loaded + counts.rejected + 1, counts.loaded, counts.rejected + 1,
          counts.observations, String.join("; ", warnings));
    }
    rowsLoaded.inc(load.rowsLoaded());
    rowsRejected.inc(load.rowsRejected());
    out.get(LakeTable.FILE_LOADS.tag()).output(load);
  }

  /** True when two values of the file start on the same line. */
  static boolean compactJson(InputFile file) throws IOException {
    long[] previous = {-1};
    boolean[] shared = {false};
    Dhis2DataValueSetJsonParser.parse(() -> ReadDhis2DataValues.open(file), new ParseSink<>() {
      @Override
      public void accept(Dhis2DataValue value) {
        see(value.sourceLine());
      }

      @Override
      public void reject(long line, String reason, String raw) {
        see(line);
      }

      private void see(long line) {
        shared[0] |= line == previous[0];
        previous[0] = line;
      }
    });
    return shared[0];
  }

  private static final class Counts {
    long position;
    long loaded;
    long rejected;
    long observations;
  }

}
