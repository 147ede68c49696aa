package org.palabre.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One column of a part while its row group fills: how to read it from a record ({@link
 * RecordAccessor}), and its values as ids into the chunk's {@link ColumnDictionary} (-1 for null;
 * 0 and 1 for booleans, which have no dictionary). When the row group is full it is written as one
 * column chunk: a PLAIN dictionary page, then data pages of RLE definition levels and RLE/bit-packed
 * dictionary ids ({@link ParquetPages}); PLAIN values when the dictionary outgrew {@link
 * LakePartWriter#DICTIONARY_BYTES}, and for booleans; Snappy-compressed.
 */
final class ColumnChunk {

  /** The lake's column types, as the Avro contract gives them. */
  enum Kind { STRING, LONG, INT, DATE, DOUBLE, FLOAT, BOOLEAN }

  /** Rows per data page. */
  private static final int PAGE_ROWS = 64 * 1024;

  final String name;
  final ColumnDescriptor descriptor;
  final Kind kind;
  final boolean nullable;
  private final Function<Object, Object> object;
  private final ToLongFunction<Object> asLong;
  private final ToIntFunction<Object> asInt;
  private final ToDoubleFunction<Object> asDouble;
  private final Predicate<Object> asBoolean;
  private final ColumnDictionary dictionary;
  private int[] ids = new int[LakePartWriter.BATCH_ROWS];
  private int size;

  ColumnChunk(String name, ColumnDescriptor descriptor, Kind kind, boolean nullable, RecordAccessor accessor) {
    this.name = name;
    this.descriptor = descriptor;
    this.kind = kind;
    this.nullable = nullable;
    this.object = accessor.object();
    this.asLong = accessor.asLong();
    this.asInt = accessor.asInt();
    this.asDouble = accessor.asDouble();
    this.asBoolean = accessor.asBoolean();
    this.dictionary = new ColumnDictionary(kind);
  }

  /** Adds the record's value of this column. */
  void add(Object record) {
    int id;
    if (object == null) {
      id = switch (kind) {
        case LONG -> dictionary.numberId(asLong.applyAsLong(record));
        case INT -> dictionary.numberId(asInt.applyAsInt(record));
        case DOUBLE -> dictionary.numberId(Double.doubleToRawLongBits(asDouble.applyAsDouble(record)));
        case FLOAT -> dictionary.numberId(Float.floatToRawIntBits((float) asDouble.applyAsDouble(record)));
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
        id = kind == Kind.BOOLEAN ? ((Boolean) value ? 1 : 0) : dictionary.objectId(value);
      }
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    ids[size++] = id;
  }

  /** What the chunk holds in memory, roughly: its ids and its dictionary. */
  long bufferedBytes() {
    return 4L * size + dictionary.bufferedBytes();
  }

  /** Writes the row group's chunk of this column, then starts an empty one. */
  void write(ParquetFileWriter out, CompressionCodecFactory.BytesInputCompressor compressor) throws IOException {
    boolean withDictionary = kind != Kind.BOOLEAN && dictionary.bytes() <= LakePartWriter.DICTIONARY_BYTES && dictionary.size() > 0;
    out.startColumn(descriptor, size, CompressionCodecName.SNAPPY);
    if (withDictionary) {
      BytesInput plain = dictionary.page();
      out.writeDictionaryPage(new DictionaryPage(compressor.compress(plain), (int) plain.size(), dictionary.size(),
          Encoding.PLAIN_DICTIONARY));
    }
    int maxDefinition = descriptor.getMaxDefinitionLevel();
    for (int start = 0; start < size; start += PAGE_ROWS) {
      int end = Math.min(size, start + PAGE_ROWS);
      int pageNulls = ParquetPages.nulls(ids, start, end);
      List<BytesInput> parts = new ArrayList<>(2);
      if (maxDefinition > 0) {
        parts.add(ParquetPages.definitionLevels(ids, start, end));
      }
      if (withDictionary) {
        parts.add(ParquetPages.dictionaryIds(ids, start, end, pageNulls, dictionary.size()));
      } else if (kind == Kind.BOOLEAN) {
        parts.add(ParquetPages.booleans(ids, start, end));
      } else {
        parts.add(dictionary.plainValues(ids, start, end));
      }
      BytesInput uncompressed = BytesInput.concat(parts);
      Statistics<?> statistics = Statistics.createStats(descriptor.getPrimitiveType());
      statistics.incrementNumNulls(pageNulls);
      out.writeDataPage(end - start, (int) uncompressed.size(), compressor.compress(uncompressed), statistics, end - start,
          Encoding.BIT_PACKED, maxDefinition > 0 ? Encoding.RLE : Encoding.BIT_PACKED,
          withDictionary ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
    }
    out.endColumn();
    clear();
  }

  private void clear() {
    size = 0;
    if (ids.length > 4 * LakePartWriter.BATCH_ROWS * 16) {
      ids = new int[LakePartWriter.BATCH_ROWS];
    }
    dictionary.clear();
  }
}
