package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.LakeRowSink;
import org.palabre.sources.FileParser;
import org.palabre.sources.ReadFileFn;
import org.palabre.sources.ReadFilesInto;

/**
 * Reads a DHIS2 delivery (DESIGN §3.2): data value sets in JSON and CSV, checked against the
 * metadata JSON files of the same folder and kept in DHIS2's own terms; the metadata files
 * themselves become the lake tables {@code dhis2_org_units} and {@code dhis2_metadata}, which the
 * crosswalk reads at build time to map data elements, option combos and org units.
 *
 * <pre>
 *   files ─ SeparateMetadata ─┬─ metadata ─ ReadMetadata ── org units, metadata objects
 *                             └─ values ─── ParseValidate ─ figures
 * </pre>
 *
 * <p>The totals DHIS2 does not store (a value broken down by sex or age without its overall figure)
 * are derived at build time from the current value of each cell.
 *
 * <p>Every value ends in the figures or in the rejects with the reason (deleted, not numeric,
 * org unit, data element or option combo unknown to the metadata, bad period, ...), and
 * every file has one file load with rows read = loaded + rejected. The metadata are the family's
 * context files ({@link Dhis2Folder#contextFiles}): when they change, every data file is read again.
 */
public final class ReadDhis2DataValues extends PTransform<PCollection<InputFile>, PCollectionTuple> {

  private final String runId;
  private final List<InputFile> metadataFiles;
  private final String stagingRoot;

  /**
   * @param metadataFiles the DHIS2 metadata files of the delivery (all of them, new or not); the
   *     files read that are among them (same content hash) are read as metadata
   */
  public ReadDhis2DataValues(String runId, List<InputFile> metadataFiles) {
    this(runId, metadataFiles, null);
  }

  /**
   * The same reading, each file's rows written into its Parquet parts under {@code stagingRoot}
   * ({@link LakeRowSink}); null sends them on as elements.
   */
  public ReadDhis2DataValues(String runId, List<InputFile> metadataFiles, String stagingRoot) {
    this.runId = runId;
    this.metadataFiles = metadataFiles.stream()
        .sorted(Comparator.comparing(InputFile::relativeName)).toList();
    this.stagingRoot = stagingRoot;
  }

  @Override
  public PCollectionTuple expand(PCollection<InputFile> files) {
    Set<String> metadataHashes = metadataFiles.stream().map(InputFile::sha256).collect(Collectors.toSet());
    PCollectionList<InputFile> kinds =
        files.apply("SeparateMetadata", Partition.of(2, new ByKind(metadataHashes)));

    PCollectionTuple metadata = ReadFilesInto.readEachFile(kinds.get(0), "ReadMetadata",
        new ReadFileFn(runId, "dhis2", new Dhis2MetadataFiles(metadataFiles), stagingRoot),
        List.of(LakeTable.DHIS2_ORG_UNITS, LakeTable.DHIS2_METADATA, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS));
    PCollectionTuple values = ReadFilesInto.readEachFile(kinds.get(1), "ParseValidate",
        new ReadFileFn(runId, "dhis2", new Dhis2DataValueFiles(metadataFiles), stagingRoot),
        List.of(LakeTable.FIGURES, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS));
    return PCollectionTuple
        .of(LakeTable.FIGURES.tag(), values.get(LakeTable.FIGURES.tag()))
        .and(LakeTable.DHIS2_ORG_UNITS.tag(), metadata.get(LakeTable.DHIS2_ORG_UNITS.tag()))
        .and(LakeTable.DHIS2_METADATA.tag(), metadata.get(LakeTable.DHIS2_METADATA.tag()))
        .and(LakeTable.REJECTED_ROWS.tag(), merge("AllRejectedRows", LakeTable.REJECTED_ROWS,
            metadata.get(LakeTable.REJECTED_ROWS.tag()), values.get(LakeTable.REJECTED_ROWS.tag())))
        .and(LakeTable.FILE_LOADS.tag(), merge("AllFileLoads", LakeTable.FILE_LOADS,
            metadata.get(LakeTable.FILE_LOADS.tag()), values.get(LakeTable.FILE_LOADS.tag())));
  }

  private static <T extends Record & java.io.Serializable> PCollection<T> merge(
      String name, LakeTable<T> table, PCollection<T> first, PCollection<T> second) {
    return PCollectionList.of(first).and(second).apply(name, Flatten.pCollections()).setCoder(table.coder());
  }

  /** Metadata files (partition 0) apart from data value sets (partition 1), by content hash. */
  static final class ByKind implements Partition.PartitionFn<InputFile> {
    private final Set<String> metadataHashes;

    ByKind(Set<String> metadataHashes) {
      this.metadataHashes = Set.copyOf(metadataHashes);
    }

    @Override
    public int partitionFor(InputFile file, int partitions) {
      return metadataHashes.contains(file.sha256()) ? 0 : 1;
    }
  }

  /** The delivery's metadata files merged, in the given order (a later uid replaces an earlier one). */
  static Dhis2Metadata mergedMetadata(List<InputFile> files) throws IOException {
    Dhis2Metadata.Builder builder = Dhis2Metadata.builder();
    for (InputFile file : files) {
      try (InputStream in = open(file)) {
        Dhis2MetadataParser.parse(in, builder); // unreadable objects are reported by the file's own delivery
      }
    }
    return builder.build();
  }

  static InputStream open(InputFile file) throws IOException {
    return FileParser.open(file);
  }
}
