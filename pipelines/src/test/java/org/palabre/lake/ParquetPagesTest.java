package org.palabre.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The data pages' RLE/bit-packed runs, written by hand for long runs, decode with parquet-mr's own decoder. */
class ParquetPagesTest {

  @Test
  void runLengthOrBitPackedDecodesToTheSameValues() throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int bitWidth : new int[] {0, 1, 3, 8, 17}) {
      int max = bitWidth == 0 ? 0 : (1 << bitWidth) - 1;
      for (boolean runs : new boolean[] {true, false}) {
        int count = 10_000 + random.nextInt(100);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
          values[i] = runs ? (i / 50) % (max + 1) : random.nextInt(max + 1);
        }
        byte[] encoded = ParquetPages.runLengthOrBitPacked(values, count, bitWidth).toByteArray();
        org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder decoder =
            new org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder(bitWidth,
                new java.io.ByteArrayInputStream(encoded));
        for (int i = 0; i < count; i++) {
          assertEquals(values[i], decoder.readInt(), "bit width " + bitWidth + (runs ? ", runs" : ", random") + ", value " + i);
        }
      }
    }
  }
}
