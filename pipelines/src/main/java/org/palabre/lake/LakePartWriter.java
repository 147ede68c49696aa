package org.palabre.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.nio.channels.Channels;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one lake table's records straight into one Parquet file (a part of a delivery's folder),
 * with the same Parquet schema {@link WriteLake} gives the table (the Avro contract converted by
 * parquet-avro), but without a Beam element or an Avro record per row: record components go to
 * Parquet's record consumer directly. The file is created through Beam's {@link FileSystems}, so
 * the staging root may be any Beam filesystem ({@code gs://}, {@code s3://}, a local folder).
 *
 * <p>Used by the per-file readers for the big tables: a file is read, parsed, validated and
 * written in one step, with memory bounded by one row group per open writer. Not thread-safe:
 * one writer per DoFn call.
 */
public final class LakePartWriter<T extends Record & Serializable> implements AutoCloseable {

  /** Rows buffered before a row group is flushed: bounds memory per open writer. */
  static final int ROW_GROUP_BYTES = 32 << 20;

  private static final Configuration HADOOP = new Configuration(false);

  private final ParquetWriter<T> writer;
  private final ResourceId file;
  private long rows;

  private LakePartWriter(ParquetWriter<T> writer, ResourceId file) {
    this.writer = writer;
    this.file = file;
  }

  /**
   * Opens {@code <root>/<table>/<family>/<deliveryKey>/<partName>.parquet}, replacing it if it exists
   * (a retried bundle writes the same name again).
   */
  public static <T extends Record & Serializable> LakePartWriter<T> open(LakeTable<T> table, String root, String family,
      String deliveryKey, String partName) throws IOException {
    ResourceId file = FileSystems.matchNewResource(
        root + "/" + table.name() + "/" + family + "/" + deliveryKey + "/" + partName + ".parquet", false);
    Builder<T> builder = new Builder<>(new BeamOutputFile(file), table);
    for (Schema.Field field : table.avroSchema().getFields()) {
      if (field.schema().toString().contains("\"string\"")) {
        // min/max of every text value costs a byte comparison per value; the lake is read whole
        builder.withStatisticsEnabled(field.name(), false);
      }
    }
    ParquetWriter<T> writer = builder
        .withConf(HADOOP)
        .withSizeStatisticsEnabled(false)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withRowGroupSize((long) ROW_GROUP_BYTES)
        .withValidation(false)
        .build();
    return new LakePartWriter<>(writer, file);
  }

  public void write(T record) throws IOException {
    writer.write(record);
    rows++;
  }

  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  /** Removes the (closed) file. */
  public void delete() throws IOException {
    FileSystems.delete(List.of(file));
  }

  private static final class Builder<T extends Record & Serializable> extends ParquetWriter.Builder<T, Builder<T>> {
    private final LakeTable<T> table;

    Builder(OutputFile file, LakeTable<T> table) {
      super(file);
      this.table = table;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
      return new RecordWriteSupport<>(table);
    }
  }

  /** A record's components, in the order of the table's schema, written field by field. */
  static final class RecordWriteSupport<T extends Record & Serializable> extends WriteSupport<T> {
    private final Schema avroSchema;
    private final MessageType parquetSchema;
    private final Field[] fields;
    private RecordConsumer consumer;

    RecordWriteSupport(LakeTable<T> table) {
      Schema avro = table.avroSchema();
      this.avroSchema = avro;
      this.parquetSchema = new AvroSchemaConverter(HADOOP).convert(avro);
      this.fields = fields(table, avro);
    }

    @Override
    public WriteContext init(Configuration configuration) {
      Map<String, String> meta = new HashMap<>();
      // what parquet-avro records, so readers that look for the Avro schema find the same as with WriteLake
      meta.put("parquet.avro.schema", avroSchema.toString());
      meta.put("writer.model.name", "avro");
      return new WriteContext(parquetSchema, meta);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(T record) {
      consumer.startMessage();
      try {
        for (int i = 0; i < fields.length; i++) {
          Field f = fields[i];
          Object value = f.getter.invoke(record);
          if (value == null) {
            if (!f.nullable) {
              throw new IllegalStateException(f.name + " is null but the lake schema does not allow it");
            }
            continue;
          }
          consumer.startField(f.name, i);
          switch (f.kind) {
            case STRING -> consumer.addBinary(f.binary((String) value));
            case LONG -> consumer.addLong(((Number) value).longValue());
            case INT -> consumer.addInteger(((Number) value).intValue());
            case DATE -> consumer.addInteger((int) ((LocalDate) value).toEpochDay());
            case DOUBLE -> consumer.addDouble(((Number) value).doubleValue());
            case FLOAT -> consumer.addFloat(((Number) value).floatValue());
            case BOOLEAN -> consumer.addBoolean((Boolean) value);
          }
          consumer.endField(f.name, i);
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read a " + record.getClass().getSimpleName(), e);
      }
      consumer.endMessage();
    }

    private enum Kind { STRING, LONG, INT, DATE, DOUBLE, FLOAT, BOOLEAN }

    /** A column, and its last text value encoded (the same label often repeats row after row). */
    private static final class Field {
      final String name;
      final boolean nullable;
      final Kind kind;
      final MethodHandle getter;
      private String lastText;
      private Binary lastBinary;

      Field(String name, boolean nullable, Kind kind, MethodHandle getter) {
        this.name = name;
        this.nullable = nullable;
        this.kind = kind;
        this.getter = getter;
      }

      Binary binary(String text) {
        if (!text.equals(lastText)) {
          lastText = text;
          lastBinary = Binary.fromConstantByteArray(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return lastBinary;
      }
    }

    private Field[] fields(LakeTable<T> table, Schema avro) {
      Map<String, RecordComponent> components = new HashMap<>();
      for (RecordComponent c : table.recordClass().getRecordComponents()) {
        components.put(LakeTable.snakeCase(c.getName()), c);
      }
      List<Schema.Field> schemaFields = avro.getFields();
      Field[] result = new Field[schemaFields.size()];
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
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
        Kind kind = switch (type.getType()) {
          case STRING -> Kind.STRING;
          case LONG -> Kind.LONG;
          case INT -> "date".equals(type.getProp("logicalType")) || component.getType() == LocalDate.class ? Kind.DATE : Kind.INT;
          case DOUBLE -> Kind.DOUBLE;
          case FLOAT -> Kind.FLOAT;
          case BOOLEAN -> Kind.BOOLEAN;
          default -> throw new IllegalStateException("schemas/lake/" + table.name() + ".avsc field '" + field.name()
              + "': type " + type.getType() + " is not supported in the lake");
        };
        try {
          MethodHandle getter = lookup.unreflect(component.getAccessor())
              .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
          result[field.pos()] = new Field(field.name(), nullable, kind, getter);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
      return result;
    }
  }

  /** A Parquet output file on a Beam filesystem. */
  private static final class BeamOutputFile implements OutputFile {
    private final ResourceId id;

    BeamOutputFile(ResourceId id) {
      this.id = id;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      OutputStream out = Channels.newOutputStream(FileSystems.create(id, MimeTypes.BINARY));
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          position += len;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return id.toString();
    }
  }
}
