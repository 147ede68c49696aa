package org.palabre.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;

/**
 * The dictionary of one column chunk while its row group fills: each distinct value once (texts as
 * UTF-8, numbers and dates as the bits of their PLAIN encoding) and its id. A value is looked up by
 * identity first (the same String or LocalDate instance repeats row after row), then by content;
 * the previous row's value and id are kept apart, since most columns repeat it (a file's run,
 * delivery, member, month).
 */
final class ColumnDictionary {

  private final ColumnChunk.Kind kind;
  private final List<byte[]> texts = new ArrayList<>();
  private final HashMap<String, Integer> textIds = new HashMap<>();
  private final DictionaryIds numberIds = new DictionaryIds();
  private long[] numbers = new long[16];
  private int size;
  private long bytes;
  private final IdentityHashMap<Object, Integer> byIdentity = new IdentityHashMap<>();
  private Object lastValue;
  private int lastValueId;
  private long lastBits;
  private int lastBitsId = -1;

  ColumnDictionary(ColumnChunk.Kind kind) {
    this.kind = kind;
  }

  /** Distinct values so far. */
  int size() {
    return size;
  }

  /** Bytes of the values in PLAIN encoding. */
  long bytes() {
    return bytes;
  }

  /** What the dictionary holds in memory, roughly: its values and their look-up entries. */
  long bufferedBytes() {
    return bytes + 48L * size;
  }

  /** The id of a value that is not null (not a boolean: those have no dictionary). */
  int objectId(Object value) {
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
      case BOOLEAN -> throw new IllegalStateException("booleans have no dictionary");
    };
    if (byIdentity.size() >= 1024) {
      byIdentity.clear(); // many distinct values (free text): nothing to gain by identity
    }
    byIdentity.put(value, id);
    lastValue = value;
    lastValueId = id;
    return id;
  }

  /** The id of a number, given as the bits of its PLAIN encoding. */
  int numberId(long bits) {
    if (lastBitsId >= 0 && bits == lastBits) {
      return lastBitsId;
    }
    int id = numberIds.get(bits);
    if (id < 0) {
      id = size++;
      numberIds.put(bits, id);
      if (id == numbers.length) {
        numbers = Arrays.copyOf(numbers, id * 2);
      }
      numbers[id] = bits;
      bytes += width();
    }
    lastBits = bits;
    lastBitsId = id;
    return id;
  }

  private int textId(String text) {
    Integer id = textIds.get(text);
    if (id == null) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      id = size++;
      texts.add(utf8);
      textIds.put(text, id);
      bytes += 4 + utf8.length;
    }
    return id;
  }

  /** Bytes of one PLAIN number of this column. */
  private int width() {
    return kind == ColumnChunk.Kind.LONG || kind == ColumnChunk.Kind.DOUBLE ? 8 : 4;
  }

  /** The dictionary page's content: every value in id order, PLAIN. */
  BytesInput page() throws IOException {
    ByteArrayOutputStream page = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, bytes));
    for (int id = 0; id < size; id++) {
      writePlain(page, id);
    }
    return BytesInput.from(page);
  }

  /** The values of {@code ids[start..end)} that are not null (ids of -1), PLAIN: a data page of a column written without its dictionary. */
  BytesInput plainValues(int[] ids, int start, int end) throws IOException {
    ByteArrayOutputStream page = new ByteArrayOutputStream(8 * (end - start));
    for (int i = start; i < end; i++) {
      if (ids[i] >= 0) {
        writePlain(page, ids[i]);
      }
    }
    return BytesInput.from(page);
  }

  /** The value {@code id} in PLAIN encoding (little-endian numbers, length-prefixed UTF-8). */
  private void writePlain(ByteArrayOutputStream out, int id) throws IOException {
    if (kind == ColumnChunk.Kind.STRING) {
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

  /** Empties the dictionary for the next row group. */
  void clear() {
    texts.clear();
    textIds.clear();
    numberIds.clear();
    size = 0;
    bytes = 0;
    byIdentity.clear();
    lastValue = null;
    lastBitsId = -1;
  }
}
