package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.codes.CountryCodes;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Observation;
import org.palabre.model.ParseSink;
import org.palabre.sources.FileRows;
import org.palabre.text.TextDecoding;

/**
 * Reads one DHIS2 data value set (JSON or CSV) per element: parses it, validates every value
 * against the delivery's metadata ({@link Dhis2Validator}), harmonises it ({@link
 * Dhis2Harmoniser}) and adds figures to {@code observations}, bad values to {@code rejected_rows}
 * and the file's accounting to {@code file_loads} through {@link FileRows} (as elements, or
 * straight into the file's Parquet parts when a staging root is given). A file that cannot be read
 * at all is rejected at line 0.
 *
 * <p>Totals: the cells of a disaggregated value are summed, as the file is read, into the totals
 * they add to ({@link Dhis2Harmoniser#breakdowns}), which are added to the observations at the end
 * of the file as derived figures. A total's key starts with the delivery, so the cells of one total
 * are always in one file.
 *
 * <p>Lines: a value's {@code source_line} is the line where it starts. In compact JSON (several
 * values on one line, as the DHIS2 API writes it) lines do not tell values apart, so the file's
 * values are numbered by their position in {@code dataValues} instead (1 = first) and the load
 * report says so.
 */
final class ReadDhis2DataValuesFn extends DoFn<InputFile, Observation> {

  private final String runId;
  private final List<InputFile> metadataFiles;
  private final String stagingRoot;
  private final Counter rowsLoaded = Metrics.counter("dhis2", "rows_loaded");
  private final Counter rowsRejected = Metrics.counter("dhis2", "rows_rejected");
  private transient Dhis2Metadata metadata;
  private transient Dhis2Validator validator;
  private transient Dhis2Harmoniser harmoniser;

  /** @param stagingRoot where to write the files' Parquet parts; null sends the rows on as elements */
  ReadDhis2DataValuesFn(String runId, List<InputFile> metadataFiles, String stagingRoot) {
    this.runId = runId;
    this.metadataFiles = List.copyOf(metadataFiles);
    this.stagingRoot = stagingRoot;
  }

  @Setup
  public void setup() throws IOException {
    metadata = ReadDhis2DataValues.mergedMetadata(metadataFiles);
    validator = Dhis2Validator.withShippedMappings(metadata);
    harmoniser = new Dhis2Harmoniser(metadata, Dhis2MemberMapping.fromClasspath(), CountryCodes.get());
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    try (FileRows rows = FileRows.of(stagingRoot, file, out)) {
      read(file, rows);
    }
  }

  private void read(InputFile file, FileRows rows) {
    Delivery delivery = Delivery.of(runId, file);
    Totals totals = new Totals();
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
          rows.add(LakeTable.OBSERVATIONS, o);
          for (Observation total : Dhis2Harmoniser.breakdowns(o)) {
            totals.add(value, total);
          }
          counts.loaded++;
          counts.observations++;
        }

        @Override
        public void reject(long line, String reason, String raw) {
          rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
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
    } catch (FileRows.LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (Exception e) {
      rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(0, "the file could not be read: " + e
          + "; check that it is a DHIS2 dataValueSets export (JSON or CSV) and re-deliver it", ""));
      // what was sent before the failure stays sent and counted (with the totals of its cells); the
      // whole file adds one rejection
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable",
          encoding, "", counts.loaded + counts.rejected + 1, counts.loaded, counts.rejected + 1,
          counts.observations, String.join("; ", warnings));
    }
    totals.addTo(rows);
    rowsLoaded.inc(load.rowsLoaded());
    rowsRejected.inc(load.rowsRejected());
    rows.add(LakeTable.FILE_LOADS, load);
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

  /**
   * The file's derived totals, by the total they are (the DHIS2 value's ids without its
   * disaggregation): the value is the sum of the cells, the line and the rest the cell's with the
   * smallest line, so that a derived total is traced to its file and its first cell. Kept in the
   * order of their first cell, so a file's rows are the same at every run.
   */
  private static final class Totals {
    private final Map<String, Observation> byKey = new LinkedHashMap<>();

    void add(Dhis2Observation value, Observation cell) {
      byKey.merge(key(value, cell), cell, Totals::sum);
    }

    void addTo(FileRows rows) {
      byKey.values().forEach(total -> rows.add(LakeTable.OBSERVATIONS, total));
    }

    static String key(Dhis2Observation value, Observation total) {
      return String.join("\u0001", total.deliverySha256(), value.dataElement(), value.period().iso(),
          value.orgUnit(), String.valueOf(value.attributeOptionCombo()), String.valueOf(total.sex()),
          String.valueOf(total.ageGroup()));
    }

    static Observation sum(Observation a, Observation b) {
      Observation first = a.sourceLine() <= b.sourceLine() ? a : b;
      return new Observation(first.runId(), first.deliverySha256(), first.sourceFamily(), first.sourceFile(),
          first.sourceLine(), first.member(), first.orgUnit(), first.countryIso2(), first.adm1(), first.adm2(),
          first.sector(), first.periodType(), first.period(), first.periodStart(), first.periodEnd(),
          first.metricCode(), first.sex(), first.ageGroup(), a.value() + b.value(), true);
    }
  }

  private static final class Counts {
    long position;
    long loaded;
    long rejected;
    long observations;
  }

}
