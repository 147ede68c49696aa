package org.palabre.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes one lake table's records straight into one Parquet file (a part of a delivery's folder),
 * with the Parquet schema parquet-avro gives the table's Avro contract (recorded in the footer as
 * parquet-avro does, so readers looking for the Avro schema find it), but without a Beam element, an Avro
 * record or parquet's record assembly per row: each record component goes to its column writer.
 * The file is created through Beam's {@link FileSystems}, so the staging root may be any Beam
 * filesystem ({@code gs://}, {@code s3://}, a local folder).
 *
 * <p>A lake table is flat (one column per component) and its text columns repeat a few values row
 * after row (the run, the delivery, the file, the member, the month, a handful of metric codes),
 * so the costs a generic writer pays on every value are paid here once per distinct value: the
 * component is read through a generated accessor (no reflection, no boxing of numbers), a text is
 * encoded to UTF-8 once, and its dictionary id is looked up by identity before it is hashed.
 *
 * <p>Used by the per-file readers: a file is read, parsed, validated and written in one step, with
 * memory bounded by one row group per open writer. Not thread-safe: one writer per DoFn call.
 */
public final class LakePartWriter<T extends Record & Serializable> implements AutoCloseable {

  /** Bytes buffered before a row group is flushed: bounds memory per open writer. */
  static final int ROW_GROUP_BYTES = 32 << 20;
  /** Records written together, column by column (and how often the row group's size is checked). */
  private static final int BATCH_ROWS = 1024;

  private static final Configuration HADOOP = new Configuration(false);

  private final ResourceId file;
  private final ParquetFileWriter fileWriter;
  private final CodecFactory codecs;
  private final CompressionCodecFactory.BytesInputCompressor compressor;
  private final ParquetProperties properties;
  private final MessageType schema;
  private final Column[] columns;
  private final Map<String, String> footer;
  private final long rowGroupBytes;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private final Object[] batch = new Object[BATCH_ROWS];
  private int batched;
  private long rows;
  private long rowsInGroup;
  private boolean closed;

  private LakePartWriter(ResourceId file, LakeTable<T> table, long rowGroupBytes) throws IOException {
    this.file = file;
    this.rowGroupBytes = rowGroupBytes;
    Schema avro = table.avroSchema();
    this.schema = new AvroSchemaConverter(HADOOP).convert(avro);
    ParquetProperties.Builder props = ParquetProperties.builder()
        .withValuesWriterFactory(new IdentityDictionaryFactory())
        .withSizeStatisticsEnabled(false)
        // min/max of every value costs a comparison per value; the lake is read whole
        .withStatisticsEnabled(false);
    this.properties = props.build();
    this.columns = columns(table, avro, schema);
    this.footer = Map.of(
        // what parquet-avro records, so readers that look for the Avro schema find it
        "parquet.avro.schema", avro.toString(),
        "writer.model.name", "avro");
    this.codecs = new CodecFactory(HADOOP, properties.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    this.fileWriter = new ParquetFileWriter(new BeamOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0,
        null, properties);
    fileWriter.start();
    newRowGroup();
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
      if (store.getBufferedSize() >= rowGroupBytes) {
        flushRowGroup();
        newRowGroup();
      }
    }
  }

  /**
   * Writes the batched records column after column: a column's writer and dictionary stay in the
   * processor's cache for the whole batch instead of being visited once per row among twenty.
   */
  private void drain() {
    for (Column column : columns) {
      for (int i = 0; i < batched; i++) {
        column.write(batch[i]);
      }
    }
    for (int i = 0; i < batched; i++) {
      store.endRecord();
    }
    rowsInGroup += batched;
    java.util.Arrays.fill(batch, 0, batched, null);
    batched = 0;
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
      flushRowGroup();
      fileWriter.end(footer);
    } finally {
      codecs.release();
    }
  }

  /** Removes the (closed) file. */
  public void delete() throws IOException {
    FileSystems.delete(List.of(file));
  }

  private void newRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, schema, properties.getAllocator(),
        properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
    store = properties.newColumnWriteStore(schema, pages, pages);
    for (Column column : columns) {
      column.writer = store.getColumnWriter(column.descriptor);
    }
    rowsInGroup = 0;
  }

  private void flushRowGroup() throws IOException {
    try {
      if (rowsInGroup > 0) {
        fileWriter.startBlock(rowsInGroup);
        store.flush();
        pages.flushToFileWriter(fileWriter);
        fileWriter.endBlock();
      }
    } finally {
      store.close();
      pages.close();
    }
  }

  private enum Kind { STRING, LONG, INT, DATE, DOUBLE, FLOAT, BOOLEAN }

  /** A column: how to read it from the record, and its writer in the current row group. */
  private static final class Column {
    final String name;
    final ColumnDescriptor descriptor;
    final Kind kind;
    final int defined;
    final boolean nullable;
    final Function<Object, Object> object;
    final ToLongFunction<Object> asLong;
    final ToIntFunction<Object> asInt;
    final ToDoubleFunction<Object> asDouble;
    final Predicate<Object> asBoolean;
    /** Each distinct text once encoded; the same String instance repeats row after row. */
    private final IdentityHashMap<String, Binary> encoded = new IdentityHashMap<>();
    ColumnWriter writer;

    Column(String name, ColumnDescriptor descriptor, Kind kind, boolean nullable, Accessor accessor) {
      this.name = name;
      this.descriptor = descriptor;
      this.kind = kind;
      this.defined = descriptor.getMaxDefinitionLevel();
      this.nullable = nullable;
      this.object = accessor.object;
      this.asLong = accessor.asLong;
      this.asInt = accessor.asInt;
      this.asDouble = accessor.asDouble;
      this.asBoolean = accessor.asBoolean;
    }

    void write(Object record) {
      if (object == null) {
        switch (kind) {
          case LONG -> writer.write(asLong.applyAsLong(record), 0, defined);
          case INT -> writer.write(asInt.applyAsInt(record), 0, defined);
          case DOUBLE -> writer.write(asDouble.applyAsDouble(record), 0, defined);
          case FLOAT -> writer.write((float) asDouble.applyAsDouble(record), 0, defined);
          case BOOLEAN -> writer.write(asBoolean.test(record), 0, defined);
          default -> throw new IllegalStateException(name + ": no primitive accessor for " + kind);
        }
        return;
      }
      Object value = object.apply(record);
      if (value == null) {
        if (!nullable) {
          throw new IllegalStateException(name + " is null but the lake schema does not allow it");
        }
        writer.writeNull(0, defined - 1);
        return;
      }
      switch (kind) {
        case STRING -> writer.write(binary((String) value), 0, defined);
        case LONG -> writer.write(((Number) value).longValue(), 0, defined);
        case INT -> writer.write(((Number) value).intValue(), 0, defined);
        case DATE -> writer.write((int) ((LocalDate) value).toEpochDay(), 0, defined);
        case DOUBLE -> writer.write(((Number) value).doubleValue(), 0, defined);
        case FLOAT -> writer.write(((Number) value).floatValue(), 0, defined);
        case BOOLEAN -> writer.write((Boolean) value, 0, defined);
      }
    }

    private Binary binary(String text) {
      Binary known = encoded.get(text);
      if (known == null) {
        if (encoded.size() >= 1024) {
          encoded.clear(); // a column of many distinct texts (line numbers as text, free text): no reuse to keep
        }
        known = Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
        encoded.put(text, known);
      }
      return known;
    }
  }

  /** A record component read by a generated lambda: a primitive one without boxing. */
  private record Accessor(Function<Object, Object> object, ToLongFunction<Object> asLong, ToIntFunction<Object> asInt,
      ToDoubleFunction<Object> asDouble, Predicate<Object> asBoolean) {

    @SuppressWarnings("unchecked")
    static Accessor of(RecordComponent component) {
      Class<?> type = component.getType();
      Class<?> owner = component.getDeclaringRecord();
      try {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
        MethodHandle getter = lookup.unreflect(component.getAccessor());
        if (type == long.class) {
          return new Accessor(null, (ToLongFunction<Object>) lambda(lookup, getter, ToLongFunction.class, "applyAsLong", long.class, owner),
              null, null, null);
        }
        if (type == int.class || type == short.class || type == byte.class) {
          return new Accessor(null, null, (ToIntFunction<Object>) lambda(lookup, getter, ToIntFunction.class, "applyAsInt", int.class, owner),
              null, null);
        }
        if (type == double.class || type == float.class) {
          return new Accessor(null, null, null,
              (ToDoubleFunction<Object>) lambda(lookup, getter, ToDoubleFunction.class, "applyAsDouble", double.class, owner), null);
        }
        if (type == boolean.class) {
          return new Accessor(null, null, null, null,
              (Predicate<Object>) lambda(lookup, getter, Predicate.class, "test", boolean.class, owner));
        }
        return new Accessor((Function<Object, Object>) lambda(lookup, getter, Function.class, "apply", Object.class, owner),
            null, null, null, null);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + component + " of " + owner.getSimpleName(), e);
      }
    }

    private static Object lambda(MethodHandles.Lookup lookup, MethodHandle getter, Class<?> function, String method,
        Class<?> returns, Class<?> owner) throws Throwable {
      MethodType erased = MethodType.methodType(returns, Object.class);
      // a float, short or byte component is widened to the function's double or int
      MethodType exact = MethodType.methodType(returns == Object.class ? getter.type().returnType() : returns, owner);
      CallSite site = LambdaMetafactory.metafactory(lookup, method, MethodType.methodType(function), erased, getter, exact);
      return site.getTarget().invoke();
    }
  }

  private static <T extends Record & Serializable> Column[] columns(LakeTable<T> table, Schema avro, MessageType schema) {
    Map<String, RecordComponent> components = new HashMap<>();
    for (RecordComponent c : table.recordClass().getRecordComponents()) {
      components.put(LakeTable.snakeCase(c.getName()), c);
    }
    List<Schema.Field> schemaFields = avro.getFields();
    Column[] result = new Column[schemaFields.size()];
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
      ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {field.name()});
      result[field.pos()] = new Column(field.name(), descriptor, kind, nullable, Accessor.of(component));
    }
    return result;
  }

  /**
   * Parquet's default writers, but text columns look their dictionary id up by identity first: the
   * same {@link Binary} (see {@link Column#binary}) gets the id it got last time without hashing
   * its bytes again. What is written is the same: dictionary pages, falling back to plain when the
   * dictionary grows too big.
   */
  private static final class IdentityDictionaryFactory implements ValuesWriterFactory {
    private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties properties;

    @Override
    public void initialize(ParquetProperties properties) {
      this.properties = properties;
      defaults.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
      if (descriptor.getPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY
          || !properties.isDictionaryEnabled(descriptor)
          || properties.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0) {
        return defaults.newValuesWriter(descriptor);
      }
      return FallbackValuesWriter.of(
          new IdentityBinaryDictionaryWriter(properties.getDictionaryPageSizeThreshold(), Encoding.PLAIN_DICTIONARY,
              Encoding.PLAIN_DICTIONARY, properties.getAllocator()),
          new PlainValuesWriter(properties.getInitialSlabSize(), properties.getPageSizeThreshold(), properties.getAllocator()));
    }
  }

  /** Parquet's binary dictionary writer with an identity cache in front of its hash map. */
  private static final class IdentityBinaryDictionaryWriter extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
    private final IdentityHashMap<Binary, Integer> ids = new IdentityHashMap<>();

    IdentityBinaryDictionaryWriter(int maxDictionaryByteSize, Encoding dataPageEncoding, Encoding dictionaryPageEncoding,
        org.apache.parquet.bytes.ByteBufferAllocator allocator) {
      super(maxDictionaryByteSize, dataPageEncoding, dictionaryPageEncoding, allocator);
    }

    @Override
    public void writeBytes(Binary value) {
      Integer id = ids.get(value);
      if (id != null) {
        encodedValues.add(id);
        return;
      }
      super.writeBytes(value);
      if (ids.size() >= 1024) {
        ids.clear();
      }
      ids.put(value, binaryDictionaryContent.getInt(value));
    }

    @Override
    protected void clearDictionaryContent() {
      super.clearDictionaryContent();
      ids.clear();
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
