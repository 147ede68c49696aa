package org.palabre.lake;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one lake table's records straight into one Parquet file (a part of a delivery's folder),
 * with the Parquet schema parquet-avro gives the table's Avro contract (recorded in the footer as
 * parquet-avro does, so readers looking for the Avro schema find it). The file is created through
 * Beam's {@link FileSystems}, so the staging root may be any Beam filesystem ({@code gs://},
 * {@code s3://}, a local folder).
 *
 * <p>A lake table is flat (one column per record component, no repetition) and its columns repeat
 * a few values row after row (the run, the delivery, the file, the member, the month, a handful of
 * metric codes, the line of a row's eight figures), so each column is kept as dictionary ids while
 * a row group fills ({@link ColumnChunk}): a record component is read through a generated accessor
 * ({@link RecordAccessor}: no reflection, no boxing), looked up in the chunk's {@link
 * ColumnDictionary} (by identity first: the same String or date instance repeats), and stored as
 * an int. When the row group is full, each column chunk is written as Parquet 1.0 pages, the way
 * parquet-mr's own writer lays them out ({@link ParquetPages}): a PLAIN dictionary page, then data
 * pages of RLE definition levels and RLE/bit-packed dictionary ids (PLAIN values when the
 * dictionary outgrows {@link #DICTIONARY_BYTES}, and for booleans), Snappy-compressed. Parquet-mr's
 * record and column writers cost about a microsecond per figure; this costs a fraction of it, and
 * the ingest writes eight figures per report row.
 *
 * <p>Used by the per-file readers: a file is read, parsed, validated and written in one step, with
 * memory bounded by one row group per open writer. Not thread-safe: one writer per DoFn call.
 */
public final class LakePartWriter<T extends Record & Serializable> implements AutoCloseable {

  /** Bytes a row group may buffer (ids and dictionaries) before it is written: bounds memory per open writer. */
  static final int ROW_GROUP_BYTES = 32 << 20;
  /** A column whose dictionary grows past this is written PLAIN (parquet-mr's default dictionary page size). */
  static final int DICTIONARY_BYTES = 1 << 20;
  /** Records written together, column by column (and how often the row group's size is checked). */
  static final int BATCH_ROWS = 1024;

  private static final Configuration HADOOP = new Configuration(false);

  private final ResourceId file;
  private final ParquetFileWriter fileWriter;
  private final CodecFactory codecs;
  private final CompressionCodecFactory.BytesInputCompressor compressor;
  private final ColumnChunk[] columns;
  private final Map<String, String> footer;
  private final long rowGroupBytes;
  private final Object[] batch = new Object[BATCH_ROWS];
  private int batched;
  private long rows;
  private int rowsInGroup;
  private boolean closed;

  private LakePartWriter(ResourceId file, LakeTable<T> table, long rowGroupBytes) throws IOException {
    this.file = file;
    this.rowGroupBytes = rowGroupBytes;
    Schema avro = table.avroSchema();
    MessageType schema = new AvroSchemaConverter(HADOOP).convert(avro);
    this.columns = columns(table, avro, schema);
    this.footer = Map.of(
        // what parquet-avro records, so readers that look for the Avro schema find it
        "parquet.avro.schema", avro.toString(),
        "writer.model.name", "avro");
    this.codecs = new CodecFactory(HADOOP, 1 << 20);
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    this.fileWriter = new ParquetFileWriter(new BeamOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0);
    fileWriter.start();
  }

  /**
   * Opens {@code <root>/<table>/<family>/<deliveryKey>/<partName>.parquet}, replacing it if it exists
   * (a retried bundle writes the same name again).
   */
  public static <T extends Record & Serializable> LakePartWriter<T> open(LakeTable<T> table, String root, String family,
      String deliveryKey, String partName) throws IOException {
    return open(table, root, family, deliveryKey, partName, ROW_GROUP_BYTES);
  }

  static <T extends Record & Serializable> LakePartWriter<T> open(LakeTable<T> table, String root, String family,
      String deliveryKey, String partName, long rowGroupBytes) throws IOException {
    ResourceId file = FileSystems.matchNewResource(
        root + "/" + table.name() + "/" + family + "/" + deliveryKey + "/" + partName + ".parquet", false);
    return new LakePartWriter<>(file, table, rowGroupBytes);
  }

  public void write(T record) throws IOException {
    batch[batched++] = record;
    rows++;
    if (batched == batch.length) {
      drain();
      if (bufferedBytes() >= rowGroupBytes) {
        writeRowGroup();
      }
    }
  }

  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      drain();
      writeRowGroup();
      fileWriter.end(footer);
    } finally {
      codecs.release();
    }
  }

  /** Removes the (closed) file. */
  public void delete() throws IOException {
    FileSystems.delete(List.of(file));
  }

  /**
   * Adds the batched records column after column: a column's look-up tables stay in the
   * processor's cache for the whole batch instead of being visited once per row among twenty.
   */
  private void drain() {
    for (ColumnChunk column : columns) {
      for (int i = 0; i < batched; i++) {
        column.add(batch[i]);
      }
    }
    rowsInGroup += batched;
    Arrays.fill(batch, 0, batched, null);
    batched = 0;
  }

  private long bufferedBytes() {
    long bytes = 0;
    for (ColumnChunk column : columns) {
      bytes += column.bufferedBytes();
    }
    return bytes;
  }

  private void writeRowGroup() throws IOException {
    if (rowsInGroup == 0) {
      return;
    }
    fileWriter.startBlock(rowsInGroup);
    for (ColumnChunk column : columns) {
      column.write(fileWriter, compressor);
    }
    fileWriter.endBlock();
    rowsInGroup = 0;
  }

  private static <T extends Record & Serializable> ColumnChunk[] columns(LakeTable<T> table, Schema avro, MessageType schema) {
    Map<String, RecordComponent> components = new HashMap<>();
    for (RecordComponent c : table.recordClass().getRecordComponents()) {
      components.put(LakeTable.snakeCase(c.getName()), c);
    }
    List<Schema.Field> schemaFields = avro.getFields();
    ColumnChunk[] result = new ColumnChunk[schemaFields.size()];
    for (Schema.Field field : schemaFields) {
      RecordComponent component = components.get(field.name());
      if (component == null) {
        throw new IllegalStateException("schemas/lake/" + table.name() + ".avsc field '" + field.name() + "' has no component in "
            + table.recordClass().getSimpleName());
      }
      Schema type = field.schema();
      boolean nullable = false;
      if (type.getType() == Schema.Type.UNION) {
        nullable = true;
        type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
      ColumnChunk.Kind kind = switch (type.getType()) {
        case STRING -> ColumnChunk.Kind.STRING;
        case LONG -> ColumnChunk.Kind.LONG;
        case INT -> "date".equals(type.getProp("logicalType")) || component.getType() == LocalDate.class ? ColumnChunk.Kind.DATE : ColumnChunk.Kind.INT;
        case DOUBLE -> ColumnChunk.Kind.DOUBLE;
        case FLOAT -> ColumnChunk.Kind.FLOAT;
        case BOOLEAN -> ColumnChunk.Kind.BOOLEAN;
        default -> throw new IllegalStateException("schemas/lake/" + table.name() + ".avsc field '" + field.name()
            + "': type " + type.getType() + " is not supported in the lake");
      };
      ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {field.name()});
      result[field.pos()] = new ColumnChunk(field.name(), descriptor, kind, nullable, RecordAccessor.of(component));
    }
    return result;
  }
}
