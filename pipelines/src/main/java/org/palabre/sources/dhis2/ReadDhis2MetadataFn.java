package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.codes.CountryCodes;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.sources.FileRows;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * Reads one DHIS2 metadata file per element into the lake table {@code dhis2_org_units}: one row
 * per organisation unit, placed in the tree of the delivery's merged metadata (a unit's parent may
 * come in another metadata file). Its rows are the metadata objects Palabre reads (org units, data
 * elements, category combos, categories, options and option combos): each is loaded or rejected
 * with the reason; the file's observations are the org units written. A unit's {@code
 * source_line} is its position among the file's metadata objects (1 = first), which tells objects
 * apart even in compact JSON. Rows go through {@link FileRows}: as elements, or straight into the
 * file's Parquet parts when a staging root is given.
 */
final class ReadDhis2MetadataFn extends DoFn<InputFile, Dhis2OrgUnitRow> {

  private final String runId;
  private final List<InputFile> metadataFiles;
  private final String stagingRoot;
  private final Counter unitsLoaded = Metrics.counter("dhis2", "org_units_loaded");
  private transient Dhis2Harmoniser harmoniser;
  private transient Dhis2Metadata merged;

  /** @param stagingRoot where to write the files' Parquet parts; null sends the rows on as elements */
  ReadDhis2MetadataFn(String runId, List<InputFile> metadataFiles, String stagingRoot) {
    this.runId = runId;
    this.metadataFiles = List.copyOf(metadataFiles);
    this.stagingRoot = stagingRoot;
  }

  @Setup
  public void setup() throws IOException {
    merged = ReadDhis2DataValues.mergedMetadata(metadataFiles);
    harmoniser = new Dhis2Harmoniser(merged, Dhis2MemberMapping.fromClasspath(), CountryCodes.get());
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    try (FileRows rows = FileRows.of(stagingRoot, file, out)) {
      read(file, rows);
    }
  }

  private void read(InputFile file, FileRows rows) {
    Delivery delivery = Delivery.of(runId, file);
    Map<String, OrgUnit> units = new LinkedHashMap<>();
    Map<String, Long> lines = new LinkedHashMap<>();
    long[] counts = new long[2]; // loaded, rejected
    Map<String, Long> byKind = new LinkedHashMap<>();
    Set<String> warnings = new TreeSet<>();
    FileLoad load;
    try (InputStream in = ReadDhis2DataValues.open(file)) {
      Dhis2MetadataParser.parse(in, new ParseSink<>() {
        @Override
        public void accept(Dhis2MetadataObject object) {
          counts[0]++;
          byKind.merge(object.getClass().getSimpleName(), 1L, Long::sum);
          if (object instanceof OrgUnit unit) {
            units.put(unit.id(), unit); // a repeated uid: the last one wins, as in Dhis2Metadata
            lines.put(unit.id(), counts[0] + counts[1]);
          }
        }

        @Override
        public void reject(long line, String reason, String raw) {
          counts[1]++;
          rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
        }
      });
      for (OrgUnit unit : units.values()) {
        Dhis2Harmoniser.Place place = harmoniser.place(unit.id());
        OrgUnitTree tree = merged.orgUnitTree();
        List<OrgUnit> ancestry = place.ancestry().isEmpty() ? List.of(unit) : place.ancestry();
        rows.add(LakeTable.DHIS2_ORG_UNITS, new Dhis2OrgUnitRow(runId, delivery.sha256(),
            delivery.sourceFamily(), delivery.sourceFile(), lines.get(unit.id()), unit.id(), unit.code(),
            unit.name(), unit.shortName(), tree.level(unit.id()).orElse(unit.level()), unit.parentId(),
            ancestry.stream().map(OrgUnit::id).collect(Collectors.joining("/", "/", "")),
            place.country(), place.region(), place.district(), place.facility(), place.countryIso2(),
            place.member()));
        if (unit.parentId() == null && place.member() == null) {
          warnings.add("org unit tree root " + place.rootLabel() + " is not mapped to a network member:"
              + " add a line to " + Dhis2MemberMapping.RESOURCE + " if it reports for one");
        }
      }
      String kinds = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
          .collect(Collectors.joining(", "));
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(),
          "DHIS2 metadata (JSON)" + (kinds.isEmpty() ? "" : ": " + kinds), "UTF-8", "",
          counts[0] + counts[1], counts[0], counts[1], units.size(), String.join("; ", warnings));
    } catch (FileRows.LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (Exception e) {
      // what was sent before the failure stays sent; the whole file adds one rejection
      rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(0, "the file could not be read: " + e
          + "; check that it is a DHIS2 metadata export (JSON) and re-deliver it", ""));
      load = new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(), "unreadable",
          "", "", counts[0] + counts[1] + 1, counts[0], counts[1] + 1, 0, "");
    }
    unitsLoaded.inc(load.observations());
    rows.add(LakeTable.FILE_LOADS, load);
  }
}
