package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.palabre.model.LoadReportRow;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.palabre.OneFilePerFamily;
import org.palabre.lake.Lake;
import org.palabre.lake.LakePartWriter;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.sources.LakeRowSink;
import org.palabre.sources.SourceFamilies;
import org.palabre.sources.SourceFamily;
import org.palabre.db.DuckDb;

/**
 * The ingest writes every family's rows file by file into the files' Parquet parts ({@code
 * SourceFamily.readInto}): the lake it publishes holds exactly the rows the same readers send on as
 * Beam elements ({@code SourceFamily.read}), for every table of every family, and a file has a part
 * of a table only when it has rows for it. A part that cannot be written fails the run: the lake,
 * not the file, is at fault.
 */
class IngestJobLakeRowSinkTest {

  @TempDir Path dir;

  /** The rows the elements pipeline received, by table name (the direct runner runs in this JVM). */
  private static final Map<String, Queue<Record>> ELEMENTS = new ConcurrentHashMap<>();

  @Test
  void theLakePartsHoldTheRowsTheReadersSendAsElementsAndNoEmptyPart() throws Exception {
    Path input = dir.resolve("input");
    OneFilePerFamily.write(input);
    Path lakeRoot = dir.resolve("lake");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    IngestJob.Result result =
        new IngestJob(new IngestJob.Options(input, lakeRoot, List.of()), new PrintStream(log, true)).run();
    assertTrue(result.report().stream().allMatch(r -> r.status().startsWith("loaded")), log.toString());
    assertEquals(SourceFamilies.all().size(),
        result.report().stream().map(LoadReportRow::sourceFamily).distinct().count(), "a file of every family");

    readAsElements(input, result);

    Lake lake = new Lake(lakeRoot);
    Path elements = dir.resolve("elements");
    for (LakeTable<?> table : LakeTable.all()) {
      List<Path> parts = lake.files(table.name());
      List<List<String>> written = OneFilePerFamily.rows(parts, "");
      assertFalse(written.isEmpty(), table + " has no rows: the input should give every table some");
      assertEquals(OneFilePerFamily.rows(List.of(writeElements(table, elements)), ""), written,
          table + ": the lake parts differ from the elements");
      assertEquals(deliveriesWithElements(table), partsByDelivery(parts),
          table + ": one part per file that has rows for the table, and none for the others");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"samusocial", "hxl", "iati", "dhis2", "missions", "partnerships", "reference"})
  void aPartThatCannotBeWrittenFailsTheRunInsteadOfRejectingTheFile(String familyName) throws Exception {
    Path input = dir.resolve("input");
    OneFilePerFamily.write(input);
    SourceFamily family = SourceFamilies.named(familyName).orElseThrow();
    // a file where the folder of the family's main table should be: only that table cannot be written, so a
    // reader that took the failure for a bad file would reject the file (into another table) and carry on
    LakeTable<?> blocked = family.tables().get(0);
    // outside the test's temporary folder: after the failure the direct runner's other workers may still
    // be finishing their bundles into it, and JUnit's clean-up of the folder would race them
    Path staging = Files.createTempDirectory("palabre-blocked-staging-");
    Files.writeString(staging.resolve(blocked.name()), "not a folder");
    try {
      assertTheRunFailsOnTheLake(familyName, input, family, blocked, staging);
    } finally {
      deleteWhenTheWorkersAreDone(staging);
    }
  }

  private static void assertTheRunFailsOnTheLake(String familyName, Path input, SourceFamily family, LakeTable<?> blocked,
      Path staging) throws Exception {
    List<InputFile> files = InputScanner.scan(input).files().stream().filter(f -> f.sourceFamily().equals(familyName))
        .map(f -> f.withDeliveryKey(f.sha256())).toList();
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    pipeline
        .apply(Create.of(files).withCoder(SerializableCoder.of(InputFile.class)))
        .apply(family.readInto("run-1", DeliveryPlan.contextOf(input, familyName), staging.toString()));

    RuntimeException failed = assertThrows(RuntimeException.class, () -> pipeline.run().waitUntilFinish());
    StringWriter trace = new StringWriter();
    failed.printStackTrace(new PrintWriter(trace));
    boolean lakeFailure = false;
    for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
      lakeFailure |= cause instanceof LakeRowSink.LakeWriteFailure
          && cause.getMessage().startsWith("cannot write the " + blocked.name() + " rows of " + familyName + "/")
          && cause.getMessage().contains("then run again");
    }
    assertTrue(lakeFailure, trace.toString());
  }

  /** Deletes the folder, giving the runner's last workers a few seconds; what they still write is left to the OS. */
  private static void deleteWhenTheWorkersAreDone(Path folder) throws InterruptedException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        org.palabre.lake.Lake.deleteTree(folder);
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(250);
      }
    }
    folder.toFile().deleteOnExit();
  }

  /** Reads the same files, with the same run id, delivery keys and context, as elements. */
  private static void readAsElements(Path input, IngestJob.Result result) throws Exception {
    ELEMENTS.clear();
    Map<String, String> keys = new HashMap<>();
    result.report().forEach(r -> keys.put(r.sourceFile(), r.deliveryKey()));
    List<InputFile> files = new ArrayList<>();
    for (InputFile file : InputScanner.scan(input).files()) {
      files.add(file.withDeliveryKey(keys.get(file.relativeName())));
    }
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    for (SourceFamily family : SourceFamilies.all()) {
      List<InputFile> mine = files.stream().filter(f -> f.sourceFamily().equals(family.name())).toList();
      PCollectionTuple read = pipeline
          .apply("List " + family.name(), Create.of(mine).withCoder(SerializableCoder.of(InputFile.class)))
          .apply("Read " + family.name(), family.read(result.runId(), DeliveryPlan.contextOf(input, family.name())));
      for (LakeTable<?> table : family.tables()) {
        collect(read, table, family.name());
      }
    }
    pipeline.run().waitUntilFinish();
  }

  private static <T extends Record & Serializable> void collect(PCollectionTuple read, LakeTable<T> table, String family) {
    read.get(table.tag()).apply("Collect " + family + " " + table.name(), ParDo.of(new Collect<T>(table.name())));
  }

  private static final class Collect<T extends Record & Serializable> extends DoFn<T, Void> {
    private final String table;

    Collect(String table) {
      this.table = table;
    }

    @ProcessElement
    public void processElement(@Element T row) {
      ELEMENTS.computeIfAbsent(table, t -> new ConcurrentLinkedQueue<>()).add(row);
    }
  }

  /** The table's elements in one Parquet file, written as the parts are. */
  @SuppressWarnings("unchecked")
  private static <T extends Record & Serializable> Path writeElements(LakeTable<T> table, Path root) throws Exception {
    try (LakePartWriter<T> writer = LakePartWriter.open(table, root.toString(), "all", "elements", "part")) {
      for (Record row : ELEMENTS.getOrDefault(table.name(), new ConcurrentLinkedQueue<>())) {
        writer.write((T) row);
      }
    }
    return root.resolve(table.name()).resolve("all").resolve("elements").resolve("part.parquet");
  }

  /** Delivery key to part name, of the deliveries with an element of the table. */
  private static Map<String, String> deliveriesWithElements(LakeTable<?> table) throws Exception {
    Map<String, String> parts = new TreeMap<>();
    for (Record row : ELEMENTS.getOrDefault(table.name(), new ConcurrentLinkedQueue<>())) {
      String key = (String) row.getClass().getMethod("deliverySha256").invoke(row);
      parts.put(key, "part-" + key.substring(0, 16) + ".parquet");
    }
    return parts;
  }

  /**
   * Delivery key to part name, of the parts: each in its delivery's folder, holding rows of that
   * delivery only, and none empty.
   */
  private static Map<String, String> partsByDelivery(List<Path> parts) throws Exception {
    Map<String, String> byDelivery = new TreeMap<>();
    for (Path part : parts) {
      String previous = byDelivery.put(part.getParent().getFileName().toString(), part.getFileName().toString());
      assertEquals(null, previous, "two parts in " + part.getParent());
    }
    Set<String> filled = new TreeSet<>();
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select distinct filename, delivery_sha256 from read_parquet("
            + DuckDb.pathList(parts) + ", filename = true)")) {
      while (rs.next()) {
        Path part = Path.of(rs.getString(1));
        assertEquals(part.getParent().getFileName().toString(), rs.getString(2), part + " holds rows of another delivery");
        filled.add(part.toString());
      }
    }
    assertEquals(new TreeSet<>(parts.stream().map(Path::toString).toList()), filled, "an empty part");
    assertTrue(parts.stream().allMatch(Files::isRegularFile));
    return byDelivery;
  }
}
