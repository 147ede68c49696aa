package org.palabre.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;

/**
 * The parts of a Parquet 1.0 data page of one column, laid out as parquet-mr's own writer lays them
 * out, from the column's values as dictionary ids ({@code -1} for null; 0 and 1 for booleans).
 */
final class ParquetPages {

  private ParquetPages() {}

  /** How many of {@code ids[start..end)} are null. */
  static int nulls(int[] ids, int start, int end) {
    int nulls = 0;
    for (int i = start; i < end; i++) {
      nulls += ids[i] < 0 ? 1 : 0;
    }
    return nulls;
  }

  /** The definition levels of a nullable column (1 for a value, 0 for null), RLE, prefixed by their length. */
  static BytesInput definitionLevels(int[] ids, int start, int end) throws IOException {
    int[] levels = new int[end - start];
    for (int i = start; i < end; i++) {
      levels[i - start] = ids[i] < 0 ? 0 : 1;
    }
    BytesInput encoded = runLengthOrBitPacked(levels, levels.length, 1);
    return BytesInput.concat(BytesInput.fromInt(Math.toIntExact(encoded.size())), encoded);
  }

  /** The dictionary ids of the values that are not null: their bit width, then the ids RLE/bit-packed. */
  static BytesInput dictionaryIds(int[] ids, int start, int end, int nulls, int dictionarySize) throws IOException {
    int bitWidth = BytesUtils.getWidthFromMaxInt(dictionarySize - 1);
    int[] values = nulls == 0 ? Arrays.copyOfRange(ids, start, end) : new int[end - start - nulls];
    if (nulls > 0) {
      int n = 0;
      for (int i = start; i < end; i++) {
        if (ids[i] >= 0) {
          values[n++] = ids[i];
        }
      }
    }
    return BytesInput.concat(BytesInput.from(new byte[] {(byte) bitWidth}), runLengthOrBitPacked(values, values.length, bitWidth));
  }

  /** Booleans that are not null, PLAIN: one bit each, least significant first. */
  static BytesInput booleans(int[] ids, int start, int end) {
    byte[] bits = new byte[(end - start + 7) / 8];
    int n = 0;
    for (int i = start; i < end; i++) {
      if (ids[i] >= 0) {
        bits[n / 8] |= (byte) (ids[i] << (n % 8));
        n++;
      }
    }
    return BytesInput.from(bits, 0, (n + 7) / 8);
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
}
