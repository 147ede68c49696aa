package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.model.Period;
import org.palabre.model.SourceFigure;
import org.palabre.sources.FileParser;
import org.palabre.sources.LakeRowSink;
import org.palabre.text.TextDecoding;

/**
 * The DHIS2 data value sets' {@link FileParser} (JSON or CSV): parses each value, checks it
 * against the delivery's metadata ({@link Dhis2Validator}), and adds it to {@code figures} in
 * DHIS2's own terms (data element, org unit, option combos, period), or to {@code rejected_rows}
 * with the reason. The totals DHIS2 does not store (an element broken down by sex or age without
 * its overall figure) are derived at build time from the current value of each cell, never here.
 *
 * <p>Lines: a value's {@code source_line} is the line where it starts. In compact JSON (several
 * values on one line, as the DHIS2 API writes it) lines do not tell values apart, so the file's
 * values are numbered by their position in {@code dataValues} instead (1 = first) and the load
 * report says so. A file broken part-way keeps the values read before the break, and the broken
 * remainder counts as one rejected row.
 */
final class Dhis2DataValueFiles implements FileParser {

  /** DHIS2's CSV puts the value in its sixth column. */
  private static final int CSV_VALUE_COLUMN = 6;

  private final List<InputFile> metadataFiles;
  private transient Dhis2Validator validator;

  Dhis2DataValueFiles(List<InputFile> metadataFiles) {
    this.metadataFiles = List.copyOf(metadataFiles);
  }

  @Override
  public void setup() throws IOException {
    validator = new Dhis2Validator(ReadDhis2DataValues.mergedMetadata(metadataFiles));
  }

  @Override
  public FileLoad read(InputFile file, Delivery delivery, LakeRowSink rows) throws Exception {
    if (validator == null) {
      setup();
    }
    boolean json = file.relativeName().toLowerCase(Locale.ROOT).endsWith(".json");
    ValueTally tally = new ValueTally();
    Set<String> warnings = new TreeSet<>();
    String encoding = json ? "UTF-8" : "";
    boolean compact = json && compactJson(file);
    if (compact) {
      warnings.add("compact JSON (several values per line): source_line is the value's position in dataValues (1 = first)");
    }
    ParseSink<Dhis2Observation> validated = new ParseSink<>() {
      @Override
      public void accept(Dhis2Observation value) {
        rows.add(LakeTable.FIGURES, figure(value, delivery, json ? 1 : CSV_VALUE_COLUMN));
        tally.loaded++;
      }

      @Override
      public void reject(long line, String reason, String raw) {
        rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
        tally.rejected++;
      }
    };
    java.time.LocalDate runDate = org.palabre.text.Periods.runDate(delivery.runId());
    ParseSink<Dhis2DataValue> parsed = new ParseSink<>() {
      @Override
      public void accept(Dhis2DataValue value) {
        tally.position++;
        validator.validate(compact ? value.withSourceLine(tally.position) : value, runDate, validated);
      }

      @Override
      public void reject(long line, String reason, String raw) {
        tally.position++;
        validated.reject(compact ? tally.position : line, reason, raw);
      }
    };
    String kind = json ? "DHIS2 data value set (JSON)" : "DHIS2 data value set (CSV)";
    try {
      if (json) {
        Dhis2DataValueSetJsonParser.parse(() -> FileParser.open(file), parsed);
      } else {
        TextDecoding.IoSupplier bytes = () -> FileParser.open(file);
        TextDecoding.Detected detected = TextDecoding.detect(bytes);
        encoding = detected.label();
        try (Reader text = detected.open(bytes)) {
          Dhis2DataValueSetCsvParser.parse(text, parsed);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof LakeRowSink.LakeWriteFailure || tally.position == 0) {
        throw e;
      }
      // the values before the break are read; the broken remainder counts as one rejected row
      validated.reject(0, "the file cannot be read past its value " + tally.position + ": " + e.getMessage()
          + "; the rest of the file was not read (check that the export is complete and re-deliver it)", "");
      kind = kind + ", broken part-way";
    }
    return new FileLoad(delivery.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(), kind, encoding,
        json ? "" : "comma", tally.loaded + tally.rejected, tally.loaded, tally.rejected, tally.loaded,
        String.join("; ", warnings));
  }

  /** The value in DHIS2's terms, with the names its metadata give (the org unit's ancestry, the element's and combo's names). */
  static SourceFigure figure(Dhis2Observation value, Delivery delivery, int valueColumn) {
    Period period = value.period().toPeriod();
    var unit = value.orgUnit();
    return new SourceFigure(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(), null,
        value.sourceLine(), valueColumn, SourceFigure.DHIS2_DATA_VALUES,
        unit.id(), unit.name(), value.country(), value.region(), value.district(), null,
        value.period().iso(), period.type(), period.label(), period.start(), period.end(),
        SourceFigure.DHIS2, value.dataElement().id(), value.dataElement().name(),
        value.categoryOptionCombo() == null ? null : value.categoryOptionCombo().id(),
        value.categoryOptionCombo() == null ? null : value.categoryOptionCombo().name(),
        value.attributeOptionCombo(), value.value().doubleValue(), value.lastUpdated(), value.completeDate());
  }

  @Override
  public String whatToCheck() {
    return "check that it is a DHIS2 dataValueSets export (JSON or CSV) and re-deliver it";
  }

  /** True when two values of the file start on the same line. */
  static boolean compactJson(InputFile file) throws IOException {
    long[] previous = {-1};
    boolean[] shared = {false};
    try {
      Dhis2DataValueSetJsonParser.parse(() -> FileParser.open(file), new ParseSink<>() {
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
    } catch (IOException | RuntimeException e) {
      // a broken file: what was read before the break decides
    }
    return shared[0];
  }

  private static final class ValueTally {
    long position;
    long loaded;
    long rejected;
  }
}
