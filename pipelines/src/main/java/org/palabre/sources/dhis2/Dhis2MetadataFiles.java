package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.Dhis2MetadataRow;
import org.palabre.model.Dhis2OrgUnitRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.ParseSink;
import org.palabre.sources.FileParser;
import org.palabre.sources.LakeRowSink;
import org.palabre.sources.dhis2.Dhis2MetadataObject.Category;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOption;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOptionCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataSet;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * The DHIS2 metadata files' {@link FileParser}: each file's organisation units go to the lake
 * table {@code dhis2_org_units}, placed in the tree of the delivery's merged metadata (a unit's
 * parent may come in another metadata file), and its data elements, category combos, categories,
 * options and option combos to {@code dhis2_metadata}, all in DHIS2's own words: the crosswalk
 * maps them at build time. Each object is loaded or rejected with the reason; an object's {@code
 * source_line} is its position among the file's metadata objects (1 = first), which tells objects
 * apart even in compact JSON. A file broken part-way keeps the objects read before the break.
 */
final class Dhis2MetadataFiles implements FileParser {

  private final List<InputFile> metadataFiles;
  private transient Dhis2Metadata merged;

  Dhis2MetadataFiles(List<InputFile> metadataFiles) {
    this.metadataFiles = List.copyOf(metadataFiles);
  }

  @Override
  public void setup() throws IOException {
    merged = ReadDhis2DataValues.mergedMetadata(metadataFiles);
  }

  @Override
  public FileLoad read(InputFile file, Delivery delivery, LakeRowSink rows) throws Exception {
    if (merged == null) {
      setup();
    }
    Map<String, OrgUnit> units = new LinkedHashMap<>();
    Map<String, Long> lines = new LinkedHashMap<>();
    long[] counts = new long[2]; // loaded, rejected
    Map<String, Long> byKind = new LinkedHashMap<>();
    String broken = "";
    try (InputStream in = FileParser.open(file)) {
      Dhis2MetadataParser.parse(in, new ParseSink<>() {
        @Override
        public void accept(Dhis2MetadataObject object) {
          counts[0]++;
          long position = counts[0] + counts[1];
          byKind.merge(object.getClass().getSimpleName(), 1L, Long::sum);
          if (object instanceof OrgUnit unit) {
            units.put(unit.id(), unit); // a repeated uid: the last one wins, as in Dhis2Metadata
            lines.put(unit.id(), position);
          } else {
            rows.add(LakeTable.DHIS2_METADATA, row(object, delivery, position));
          }
        }

        @Override
        public void reject(long line, String reason, String raw) {
          counts[1]++;
          rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, raw));
        }
      });
    } catch (IOException | RuntimeException e) {
      if (e instanceof LakeRowSink.LakeWriteFailure || counts[0] + counts[1] == 0) {
        throw e;
      }
      counts[1]++;
      rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(0, "the file cannot be read past its object "
          + (counts[0] + counts[1] - 1) + ": " + e.getMessage() + "; the rest was not read (re-deliver the whole export)", ""));
      broken = ", broken part-way";
    }
    OrgUnitTree tree = merged.orgUnitTree();
    for (OrgUnit unit : units.values()) {
      List<OrgUnit> ancestry = tree.ancestry(unit.id());
      if (ancestry.isEmpty()) {
        ancestry = List.of(unit);
      }
      rows.add(LakeTable.DHIS2_ORG_UNITS, new Dhis2OrgUnitRow(delivery.runId(), delivery.sha256(),
          delivery.sourceFamily(), delivery.sourceFile(), lines.get(unit.id()), unit.id(), unit.code(),
          unit.name(), unit.shortName(), tree.level(unit.id()).orElse(unit.level()), unit.parentId(),
          ancestry.stream().map(OrgUnit::id).collect(Collectors.joining("/", "/", "")),
          nameAt(tree, unit.id(), 1), nameAt(tree, unit.id(), 2), nameAt(tree, unit.id(), 3), nameAt(tree, unit.id(), 4)));
    }
    String kinds = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    return new FileLoad(delivery.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(),
        "DHIS2 metadata (JSON)" + broken + (kinds.isEmpty() ? "" : ": " + kinds), "UTF-8", "",
        counts[0] + counts[1], counts[0], counts[1], units.size(), "");
  }

  private static String nameAt(OrgUnitTree tree, String uid, int level) {
    return tree.ancestorAtLevel(uid, level).map(OrgUnit::name).orElse(null);
  }

  static Dhis2MetadataRow row(Dhis2MetadataObject object, Delivery d, long position) {
    if (object instanceof DataElement e) {
      return new Dhis2MetadataRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), position,
          "dataElement", e.id(), e.code(), e.name(), e.valueType(), e.aggregationType(), e.categoryComboId(), null, null, null, null);
    } else if (object instanceof CategoryOptionCombo c) {
      return new Dhis2MetadataRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), position,
          "categoryOptionCombo", c.id(), c.code(), c.name(), null, null, c.categoryComboId(), String.join(" ", c.categoryOptionIds()), null, null, null);
    } else if (object instanceof CategoryCombo c) {
      return new Dhis2MetadataRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), position,
          "categoryCombo", c.id(), c.code(), c.name(), null, null, null, String.join(" ", c.categoryIds()), null, null, null);
    } else if (object instanceof Category c) {
      return new Dhis2MetadataRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), position,
          "category", c.id(), c.code(), c.name(), null, null, null, String.join(" ", c.categoryOptionIds()), null, null, null);
    } else if (object instanceof CategoryOption o) {
      return new Dhis2MetadataRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), position,
          "categoryOption", o.id(), o.code(), o.name(), null, null, null, null, null, null, null);
    } else if (object instanceof DataSet o) {
      return new Dhis2MetadataRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), position,
          "dataSet", o.id(), o.code(), o.name(), null, null, null, String.join(" ", o.dataElementIds()), o.periodType(),
          o.timelyDays(), String.join(" ", o.orgUnitIds()));
    }
    throw new IllegalArgumentException("org units go to dhis2_org_units, not " + object);
  }

  @Override
  public String whatToCheck() {
    return "check that it is a DHIS2 metadata export (JSON) and re-deliver it";
  }
}
