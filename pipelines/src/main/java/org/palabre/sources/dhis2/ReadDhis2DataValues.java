package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.model.Observation;
import org.palabre.sources.SourceFamily;

/**
 * Reads a DHIS2 delivery (DESIGN §3.2): data value sets in JSON and CSV, validated against the
 * metadata JSON files of the same folder and harmonised into common observations; the metadata
 * files themselves become the lake table {@code dhis2_org_units}.
 *
 * <pre>
 *   files ─ SeparateMetadata ─┬─ metadata ─ ReadOrgUnits ────────────────────────── org units
 *                             └─ values ─── ParseValidateHarmonise ─┬─ observations ─┐
 *                                                                   └─ cells ─ DeriveTotals ─ observations
 * </pre>
 *
 * <p>Every value ends in the observations or in the rejects with the reason (deleted, not numeric,
 * unknown org unit or data element, unmapped element or category option, bad period, ...), and
 * every file has one file load with rows read = loaded + rejected. The metadata are the family's
 * context files ({@link Family#contextFiles}): when they change, every data file is read again.
 */
public final class ReadDhis2DataValues extends PTransform<PCollection<InputFile>, PCollectionTuple> {

  /** The cells of disaggregated values, keyed by the total they add to. */
  static final TupleTag<KV<String, Observation>> BREAKDOWNS = new TupleTag<>("dhis2_breakdowns") {};

  private final String runId;
  private final List<InputFile> metadataFiles;

  /**
   * @param metadataFiles the DHIS2 metadata files of the delivery (all of them, new or not); the
   *     files read that are among them (same content hash) are read as metadata
   */
  public ReadDhis2DataValues(String runId, List<InputFile> metadataFiles) {
    this.runId = runId;
    this.metadataFiles = metadataFiles.stream()
        .sorted(Comparator.comparing(InputFile::relativeName)).toList();
  }

  @Override
  public PCollectionTuple expand(PCollection<InputFile> files) {
    Set<String> metadataHashes = metadataFiles.stream().map(InputFile::sha256).collect(Collectors.toSet());
    PCollectionList<InputFile> kinds =
        files.apply("SeparateMetadata", Partition.of(2, new ByKind(metadataHashes)));

    PCollectionTuple metadata =
        kinds.get(0).apply("ReadOrgUnits",
            ParDo.of(new ReadDhis2MetadataFn(runId, metadataFiles))
                .withOutputTags(LakeTable.DHIS2_ORG_UNITS.tag(),
                    TupleTagList.of(LakeTable.REJECTED_ROWS.tag()).and(LakeTable.FILE_LOADS.tag())));
    PCollectionTuple values =
        kinds.get(1).apply("ParseValidateHarmonise",
            ParDo.of(new ReadDhis2DataValuesFn(runId, metadataFiles))
                .withOutputTags(LakeTable.OBSERVATIONS.tag(),
                    TupleTagList.of(LakeTable.REJECTED_ROWS.tag()).and(LakeTable.FILE_LOADS.tag()).and(BREAKDOWNS)));
    setCoders(metadata, LakeTable.DHIS2_ORG_UNITS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);
    setCoders(values, LakeTable.OBSERVATIONS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);
    values.get(BREAKDOWNS).setCoder(KvCoder.of(StringUtf8Coder.of(), LakeTable.OBSERVATIONS.coder()));

    PCollection<Observation> totals =
        values.get(BREAKDOWNS)
            .apply("DeriveTotals", Combine.perKey(new SumCells()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), LakeTable.OBSERVATIONS.coder()))
            .apply("Totals", Values.create());
    return PCollectionTuple
        .of(LakeTable.OBSERVATIONS.tag(), merge("AllObservations", LakeTable.OBSERVATIONS,
            values.get(LakeTable.OBSERVATIONS.tag()), totals))
        .and(LakeTable.DHIS2_ORG_UNITS.tag(), metadata.get(LakeTable.DHIS2_ORG_UNITS.tag()))
        .and(LakeTable.REJECTED_ROWS.tag(), merge("AllRejectedRows", LakeTable.REJECTED_ROWS,
            metadata.get(LakeTable.REJECTED_ROWS.tag()), values.get(LakeTable.REJECTED_ROWS.tag())))
        .and(LakeTable.FILE_LOADS.tag(), merge("AllFileLoads", LakeTable.FILE_LOADS,
            metadata.get(LakeTable.FILE_LOADS.tag()), values.get(LakeTable.FILE_LOADS.tag())));
  }

  private static void setCoders(PCollectionTuple tuple, LakeTable<?>... tables) {
    for (LakeTable<?> table : tables) {
      setCoder(tuple, table);
    }
  }

  private static <T extends Record & java.io.Serializable> void setCoder(PCollectionTuple tuple, LakeTable<T> table) {
    tuple.get(table.tag()).setCoder(table.coder());
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

  /**
   * Adds up the cells of one total: the value is their sum, the line the first cell's (so that a
   * derived total is traced to its file and its first cell, and two totals never share a line).
   */
  static final class SumCells extends Combine.BinaryCombineFn<Observation> {
    @Override
    public Observation apply(Observation a, Observation b) {
      Observation first = a.sourceLine() <= b.sourceLine() ? a : b;
      return new Observation(first.runId(), first.deliverySha256(), first.sourceFamily(), first.sourceFile(),
          first.sourceLine(), first.member(), first.orgUnit(), first.countryIso2(), first.adm1(), first.adm2(),
          first.sector(), first.periodType(), first.period(), first.periodStart(), first.periodEnd(),
          first.metricCode(), first.sex(), first.ageGroup(), a.value() + b.value(), true);
    }
  }

  /** What identifies the total a cell adds to: the DHIS2 value's ids without its disaggregation. */
  static String totalKey(Dhis2Observation value, Observation total) {
    return String.join("\u0001", total.deliverySha256(), value.dataElement(), value.period().iso(),
        value.orgUnit(), String.valueOf(value.attributeOptionCombo()), String.valueOf(total.sex()),
        String.valueOf(total.ageGroup()));
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
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)));
  }

  /** The {@code dhis2/} folder of a delivery. */
  public static final class Family implements SourceFamily {
    @Override
    public String name() {
      return "dhis2";
    }

    @Override
    public Set<String> extensions() {
      return Set.of("json", "csv");
    }

    @Override
    public List<LakeTable<?>> tables() {
      return List.of(LakeTable.OBSERVATIONS, LakeTable.DHIS2_ORG_UNITS, LakeTable.REJECTED_ROWS,
          LakeTable.FILE_LOADS);
    }

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> read(String runId, List<InputFile> context) {
      return new ReadDhis2DataValues(runId, context);
    }

    /** The metadata JSON files of {@code dhis2/}, told from data value sets by their content. */
    @Override
    public List<Path> contextFiles(Path input) throws IOException {
      return Dhis2Files.metadataFiles(input.resolve(name()));
    }
  }
}
