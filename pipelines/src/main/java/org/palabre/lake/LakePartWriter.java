package org.palabre.lake;

import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
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
 * a row group fills: a record component is read through a generated accessor (no reflection, no
 * boxing), looked up by identity first (the same String or date instance repeats), and stored as
 * an int. When the row group is full, each column chunk is written as Parquet 1.0 pages, the way
 * parquet-mr's own writer lays them out: a PLAIN dictionary page, then data pages of RLE
 * definition levels and RLE/bit-packed dictionary ids (PLAIN values when the dictionary outgrows
 * {@link #DICTIONARY_BYTES}, and for booleans), Snappy-compressed. Parquet-mr's record and column
 * writers cost about a microsecond per figure; this costs a fraction of it, and the ingest writes
 * eight figures per report row.
 *
 * <p>Used by the per-file readers: a file is read, parsed, validated and written in one step, with
 * memory bounded by one row group per open writer. Not thread-safe: one writer per DoFn call.
 */
public final class LakePartWriter<T extends Record & Serializable> implements AutoCloseable {

  /** Bytes a row group may buffer (ids and dictionaries) before it is written: bounds memory per open writer. */
  static final int ROW_GROUP_BYTES = 32 << 20;
  /** A column whose dictionary grows past this is written PLAIN (parquet-mr's default dictionary page size). */
  static final int DICTIONARY_BYTES = 1 << 20;
  /** Rows per data page. */
  private static final int PAGE_ROWS = 64 * 1024;
  /** Records written together, column by column (and how often the row group's size is checked). */
  private static final int BATCH_ROWS = 1024;

  private static final Configuration HADOOP = new Configuration(false);

  private final ResourceId file;
  private final ParquetFileWriter fileWriter;
  private final CodecFactory codecs;
  private final CompressionCodecFactory.BytesInputCompressor compressor;
  private final Column[] columns;
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
    for (Column column : columns) {
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
    for (Column column : columns) {
      bytes += column.bufferedBytes();
    }
    return bytes;
  }

  private void writeRowGroup() throws IOException {
    if (rowsInGroup == 0) {
      return;
    }
    fileWriter.startBlock(rowsInGroup);
    for (Column column : columns) {
      column.writeChunk(fileWriter, compressor);
    }
    fileWriter.endBlock();
    rowsInGroup = 0;
  }

  private enum Kind { STRING, LONG, INT, DATE, DOUBLE, FLOAT, BOOLEAN }

  /**
   * A column: how to read it from the record, and its values in the current row group as ids into
   * the chunk's dictionary (-1 for null; 0 and 1 for booleans, which have no dictionary).
   */
  static final class Column {
    final String name;
    final ColumnDescriptor descriptor;
    final Kind kind;
    final boolean nullable;
    final Function<Object, Object> object;
    final ToLongFunction<Object> asLong;
    final ToIntFunction<Object> asInt;
    final ToDoubleFunction<Object> asDouble;
    final Predicate<Object> asBoolean;
    private int[] ids = new int[BATCH_ROWS];
    private int size;
    /** The dictionary: texts as UTF-8, numbers and dates as the bits of their PLAIN encoding. */
    private final List<byte[]> texts = new ArrayList<>();
    private final HashMap<String, Integer> textIds = new HashMap<>();
    private final LongIds numberIds = new LongIds();
    private long[] numbers = new long[16];
    private int dictionarySize;
    private long dictionaryBytes;
    /** The same String or LocalDate instance, row after row: its id without hashing its content. */
    private final IdentityHashMap<Object, Integer> byIdentity = new IdentityHashMap<>();
    /** The previous row's value and id: most columns repeat it (a file's run, delivery, member, month). */
    private Object lastValue;
    private int lastValueId;
    private long lastBits;
    private int lastBitsId = -1;

    Column(String name, ColumnDescriptor descriptor, Kind kind, boolean nullable, Accessor accessor) {
      this.name = name;
      this.descriptor = descriptor;
      this.kind = kind;
      this.nullable = nullable;
      this.object = accessor.object;
      this.asLong = accessor.asLong;
      this.asInt = accessor.asInt;
      this.asDouble = accessor.asDouble;
      this.asBoolean = accessor.asBoolean;
    }

    void add(Object record) {
      int id;
      if (object == null) {
        id = switch (kind) {
          case LONG -> numberId(asLong.applyAsLong(record));
          case INT -> numberId(asInt.applyAsInt(record));
          case DOUBLE -> numberId(Double.doubleToRawLongBits(asDouble.applyAsDouble(record)));
          case FLOAT -> numberId(Float.floatToRawIntBits((float) asDouble.applyAsDouble(record)));
          case BOOLEAN -> asBoolean.test(record) ? 1 : 0;
          default -> throw new IllegalStateException(name + ": no primitive accessor for " + kind);
        };
      } else {
        Object value = object.apply(record);
        if (value == null) {
          if (!nullable) {
            throw new IllegalStateException(name + " is null but the lake schema does not allow it");
          }
          id = -1;
        } else {
          id = objectId(value);
        }
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = id;
    }

    private int objectId(Object value) {
      if (kind == Kind.BOOLEAN) {
        return (Boolean) value ? 1 : 0;
      }
      if (value == lastValue) {
        return lastValueId;
      }
      Integer known = byIdentity.get(value);
      if (known != null) {
        lastValue = value;
        lastValueId = known;
        return known;
      }
      int id = switch (kind) {
        case STRING -> textId((String) value);
        case DATE -> numberId(((LocalDate) value).toEpochDay());
        case LONG -> numberId(((Number) value).longValue());
        case INT -> numberId(((Number) value).intValue());
        case DOUBLE -> numberId(Double.doubleToRawLongBits(((Number) value).doubleValue()));
        case FLOAT -> numberId(Float.floatToRawIntBits(((Number) value).floatValue()));
        case BOOLEAN -> throw new IllegalStateException("unreachable");
      };
      if (byIdentity.size() >= 1024) {
        byIdentity.clear(); // many distinct values (free text): nothing to gain by identity
      }
      byIdentity.put(value, id);
      lastValue = value;
      lastValueId = id;
      return id;
    }

    private int textId(String text) {
      Integer id = textIds.get(text);
      if (id == null) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        id = dictionarySize++;
        texts.add(utf8);
        textIds.put(text, id);
        dictionaryBytes += 4 + utf8.length;
      }
      return id;
    }

    private int numberId(long bits) {
      if (lastBitsId >= 0 && bits == lastBits) {
        return lastBitsId;
      }
      int id = numberIds.get(bits);
      if (id < 0) {
        id = dictionarySize++;
        numberIds.put(bits, id);
        if (id == numbers.length) {
          numbers = Arrays.copyOf(numbers, id * 2);
        }
        numbers[id] = bits;
        dictionaryBytes += width();
      }
      lastBits = bits;
      lastBitsId = id;
      return id;
    }

    /** Bytes of one PLAIN value of this column (texts: their own length plus four). */
    private int width() {
      return kind == Kind.LONG || kind == Kind.DOUBLE ? 8 : 4;
    }

    long bufferedBytes() {
      return 4L * size + dictionaryBytes + 48L * dictionarySize;
    }

    /** Writes the row group's chunk of this column, then starts an empty one. */
    void writeChunk(ParquetFileWriter out, CompressionCodecFactory.BytesInputCompressor compressor) throws IOException {
      boolean dictionary = kind != Kind.BOOLEAN && dictionaryBytes <= DICTIONARY_BYTES && dictionarySize > 0;
      out.startColumn(descriptor, size, CompressionCodecName.SNAPPY);
      if (dictionary) {
        ByteArrayOutputStream page = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, dictionaryBytes));
        for (int id = 0; id < dictionarySize; id++) {
          plainValue(page, id);
        }
        BytesInput plain = BytesInput.from(page);
        out.writeDictionaryPage(new DictionaryPage(compressor.compress(plain), (int) plain.size(), dictionarySize,
            Encoding.PLAIN_DICTIONARY));
      }
      int maxDefinition = descriptor.getMaxDefinitionLevel();
      for (int start = 0; start < size; start += PAGE_ROWS) {
        int end = Math.min(size, start + PAGE_ROWS);
        List<BytesInput> parts = new ArrayList<>(3);
        int pageNulls = 0;
        for (int i = start; i < end; i++) {
          pageNulls += ids[i] < 0 ? 1 : 0;
        }
        if (maxDefinition > 0) {
          int[] levels = new int[end - start];
          for (int i = start; i < end; i++) {
            levels[i - start] = ids[i] < 0 ? 0 : 1;
          }
          BytesInput encoded = runLengthOrBitPacked(levels, levels.length, 1);
          parts.add(BytesInput.fromInt(Math.toIntExact(encoded.size())));
          parts.add(encoded);
        }
        if (dictionary) {
          int bitWidth = BytesUtils.getWidthFromMaxInt(dictionarySize - 1);
          int[] values = pageNulls == 0 ? Arrays.copyOfRange(ids, start, end) : new int[end - start - pageNulls];
          if (pageNulls > 0) {
            int n = 0;
            for (int i = start; i < end; i++) {
              if (ids[i] >= 0) {
                values[n++] = ids[i];
              }
            }
          }
          parts.add(BytesInput.from(new byte[] {(byte) bitWidth}));
          parts.add(runLengthOrBitPacked(values, values.length, bitWidth));
        } else {
          ByteArrayOutputStream page = new ByteArrayOutputStream(8 * (end - start));
          if (kind == Kind.BOOLEAN) {
            byte[] bits = new byte[(end - start + 7) / 8];
            int n = 0;
            for (int i = start; i < end; i++) {
              if (ids[i] >= 0) {
                bits[n / 8] |= (byte) (ids[i] << (n % 8));
                n++;
              }
            }
            page.write(bits, 0, (n + 7) / 8);
          } else {
            for (int i = start; i < end; i++) {
              if (ids[i] >= 0) {
                plainValue(page, ids[i]);
              }
            }
          }
          parts.add(BytesInput.from(page));
        }
        BytesInput uncompressed = BytesInput.concat(parts);
        Statistics<?> statistics = Statistics.createStats(descriptor.getPrimitiveType());
        statistics.incrementNumNulls(pageNulls);
        out.writeDataPage(end - start, (int) uncompressed.size(), compressor.compress(uncompressed), statistics, end - start,
            Encoding.BIT_PACKED, maxDefinition > 0 ? Encoding.RLE : Encoding.BIT_PACKED,
            dictionary ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
      }
      out.endColumn();
      reset();
    }

    /**
     * Values in Parquet's RLE/bit-packing hybrid encoding. A column of a file is mostly long runs
     * (the same member on every row, the same line for a row's eight figures): those are written as
     * run-length runs directly, a header and one value each; a page with short runs goes through
     * parquet-mr's encoder, which bit-packs them.
     */
    static BytesInput runLengthOrBitPacked(int[] values, int count, int bitWidth) throws IOException {
      int runs = count == 0 ? 0 : 1;
      for (int i = 1; i < count; i++) {
        if (values[i] != values[i - 1]) {
          runs++;
        }
      }
      if (runs * 8 <= count || count == 0) {
        int valueBytes = (bitWidth + 7) / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(runs * (5 + valueBytes) + 1);
        for (int i = 0; i < count; ) {
          int j = i + 1;
          while (j < count && values[j] == values[i]) {
            j++;
          }
          writeUnsignedVarInt(out, (j - i) << 1);
          for (int b = 0; b < valueBytes; b++) {
            out.write((values[i] >>> (8 * b)) & 0xFF);
          }
          i = j;
        }
        return BytesInput.from(out.toByteArray());
      }
      try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 1024,
          Math.max(1024, count * 4 + 64), HeapByteBufferAllocator.getInstance())) {
        for (int i = 0; i < count; i++) {
          encoder.writeInt(values[i]);
        }
        return BytesInput.copy(encoder.toBytes());
      }
    }

    private static void writeUnsignedVarInt(ByteArrayOutputStream out, int value) {
      while ((value & ~0x7F) != 0) {
        out.write((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      out.write(value);
    }

    /** The dictionary entry {@code id} in PLAIN encoding (little-endian numbers, length-prefixed UTF-8). */
    private void plainValue(ByteArrayOutputStream out, int id) throws IOException {
      if (kind == Kind.STRING) {
        byte[] utf8 = texts.get(id);
        BytesUtils.writeIntLittleEndian(out, utf8.length);
        out.write(utf8);
      } else if (width() == 8) {
        long bits = numbers[id];
        for (int shift = 0; shift < 64; shift += 8) {
          out.write((int) (bits >>> shift) & 0xFF);
        }
      } else {
        BytesUtils.writeIntLittleEndian(out, (int) numbers[id]);
      }
    }

    private void reset() {
      size = 0;
      if (ids.length > 4 * BATCH_ROWS * 16) {
        ids = new int[BATCH_ROWS];
      }
      texts.clear();
      textIds.clear();
      numberIds.clear();
      dictionarySize = 0;
      dictionaryBytes = 0;
      byIdentity.clear();
      lastValue = null;
      lastBitsId = -1;
    }
  }

  /** An open-addressing map from a value's bits to its dictionary id, without boxing. */
  private static final class LongIds {
    private long[] keys = new long[64];
    private int[] values = new int[64];
    private boolean[] used = new boolean[64];
    private int size;

    int get(long key) {
      int mask = keys.length - 1;
      for (int slot = mix(key) & mask; used[slot]; slot = (slot + 1) & mask) {
        if (keys[slot] == key) {
          return values[slot];
        }
      }
      return -1;
    }

    void put(long key, int value) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int slot = mix(key) & mask;
      while (used[slot]) {
        slot = (slot + 1) & mask;
      }
      used[slot] = true;
      keys[slot] = key;
      values[slot] = value;
      size++;
    }

    void clear() {
      if (keys.length > 1 << 16) {
        keys = new long[64];
        values = new int[64];
        used = new boolean[64];
      } else {
        Arrays.fill(used, false);
      }
      size = 0;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      boolean[] oldUsed = used;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      used = new boolean[oldKeys.length * 2];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldUsed[i]) {
          put(oldKeys[i], oldValues[i]);
        }
      }
    }

    private static int mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
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
