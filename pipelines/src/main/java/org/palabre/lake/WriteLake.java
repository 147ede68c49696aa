package org.palabre.lake;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one lake table's records as Parquet under {@code <root>/<table>/<family>/<sha256>/}, one
 * folder per delivery, so a delivery's rows can be published, found and dropped as a unit. The
 * ingest writes into a staging root and moves each finished delivery into the lake; see
 * {@link Lake}.
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
    LakeTable<T> lakeTable = table;
    PCollection<GenericRecord> avro =
        records
            .apply("ToAvro", MapElements.into(TypeDescriptor.of(GenericRecord.class)).via(lakeTable::toAvro))
            .setCoder(AvroCoder.of(GenericRecord.class, lakeTable.avroSchema()));
    SerializableFunction<GenericRecord, String> delivery =
        record -> record.get("source_family") + "/" + record.get("delivery_sha256");
    avro.apply("WriteParquet",
        FileIO.<String, GenericRecord>writeDynamic()
            .by(delivery)
            .withDestinationCoder(StringUtf8Coder.of())
            .via(ParquetIO.sink(lakeTable.avroSchema()).withCompressionCodec(CompressionCodecName.SNAPPY))
            .to(root + "/" + lakeTable.name())
            .withNaming(key -> FileIO.Write.defaultNaming(key + "/part", ".parquet")));
    return PDone.in(records.getPipeline());
  }
}
