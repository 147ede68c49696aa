package org.palabre.lake;

import java.io.IOException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes one lake table's records as Parquet under {@code <root>/<table>/<family>/<sha256>/}, one
 * folder per delivery, so a delivery's rows can be published, found and dropped as a unit. The
 * ingest writes into a staging root and moves each finished delivery into the lake; see
 * {@link Lake}.
 *
 * <p>Records are grouped by delivery and each group is written as one part with
 * {@link LakePartWriter} (same Parquet schema as the Avro contract, no Avro record per row). The
 * part's name is fixed, so a retried group overwrites it. Families with many rows per file write
 * their big tables in their reader instead ({@code SourceFamily#readInto}).
 */
public final class WriteLake<T extends Record & java.io.Serializable> extends PTransform<PCollection<T>, PDone> {

  private final LakeTable<T> table;
  private final String root;

  private WriteLake(LakeTable<T> table, String root) {
    this.table = table;
    this.root = root;
  }

  public static <T extends Record & java.io.Serializable> WriteLake<T> table(LakeTable<T> table, String root) {
    return new WriteLake<>(table, root);
  }

  @Override
  public PDone expand(PCollection<T> records) {
    records
        .apply("KeyByDelivery", WithKeys.<String, T>of(WriteLake::deliveryOf).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), table.coder()))
        .apply("GroupByDelivery", GroupByKey.create())
        .apply("WriteParquet", ParDo.of(new WritePartFn<>(table, root)));
    return PDone.in(records.getPipeline());
  }

  /** {@code family/deliveryKey} of a lake record (every table has both columns). */
  private static String deliveryOf(Record record) {
    try {
      Object family = record.getClass().getMethod("sourceFamily").invoke(record);
      Object key = record.getClass().getMethod("deliverySha256").invoke(record);
      return family + "/" + key;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(record.getClass().getSimpleName() + " has no sourceFamily/deliverySha256", e);
    }
  }

  private static final class WritePartFn<T extends Record & java.io.Serializable> extends DoFn<KV<String, Iterable<T>>, Void> {
    private final LakeTable<T> table;
    private final String root;

    WritePartFn(LakeTable<T> table, String root) {
      this.table = table;
      this.root = root;
    }

    @ProcessElement
    public void processElement(@Element KV<String, Iterable<T>> delivery) throws IOException {
      String[] familyAndKey = delivery.getKey().split("/", 2);
      try (LakePartWriter<T> writer = LakePartWriter.open(table, root, familyAndKey[0], familyAndKey[1], "part-00000")) {
        for (T record : delivery.getValue()) {
          writer.write(record);
        }
      }
    }
  }
}
