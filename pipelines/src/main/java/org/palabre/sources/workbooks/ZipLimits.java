package org.palabre.sources.workbooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.palabre.sources.workbooks.UnreadableWorkbookException.Problem;

/**
 * What a workbook's zip may hold before it is taken for a zip bomb: at most {@code maxEntries}
 * entries, {@code maxTotalBytes} once inflated, and no part inflating more than {@code maxRatio}
 * times its compressed size (parts under {@value #RATIO_GRACE_BYTES} bytes are not held to the
 * ratio: small XML parts compress very well).
 *
 * <p>{@link #check} holds the archive to them twice: first on what its directory declares, then
 * while inflating, as a lying directory is what a bomb is made of. Only the XML parts a reader parses
 * are inflated ({@code .xml}, {@code .rels}); the others (images, {@code vbaProject.bin}) are never
 * opened. Inflating also checks every part's CRC, so a damaged archive is refused before its first
 * row, not half-way through a sheet. The defaults let through the largest sheet Excel makes
 * (1,048,576 rows of 30 columns is about 1.5 GB of XML) and compress ratios of real workbooks
 * (10-30).
 */
public record ZipLimits(int maxEntries, long maxTotalBytes, int maxRatio) {

  /** 10,000 entries, 4 GiB inflated, ratio 100:1. */
  public static final ZipLimits DEFAULT = new ZipLimits(10_000, 4L << 30, 100);

  static final long RATIO_GRACE_BYTES = 1 << 20;

  /** The limits, as they are quoted in a refusal. */
  String describe() {
    return String.format(Locale.ROOT, "limits: %,d entries, %s inflated, compression ratio %d:1",
        maxEntries, bytes(maxTotalBytes), maxRatio);
  }

  /**
   * Holds an open archive to these limits.
   *
   * @throws UnreadableWorkbookException ({@link Problem#ZIP_BOMB} or {@link Problem#CORRUPT})
   */
  void check(Path file, ZipFile zip) throws IOException {
    List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
    if (entries.size() > maxEntries) {
      throw bomb(file, "it has " + String.format(Locale.ROOT, "%,d", entries.size()) + " entries");
    }
    long declared = 0;
    for (ZipArchiveEntry entry : entries) {
      if (entry.getSize() > 0) {
        declared += entry.getSize();
        if (declared > maxTotalBytes) {
          throw bomb(file, "its entries declare more than " + bytes(maxTotalBytes) + " inflated");
        }
        if (entry.getSize() > RATIO_GRACE_BYTES && entry.getCompressedSize() > 0
            && entry.getSize() / entry.getCompressedSize() > maxRatio) {
          throw bomb(file, "entry '" + entry.getName() + "' declares " + bytes(entry.getSize())
              + " inflated from " + bytes(entry.getCompressedSize()) + " compressed");
        }
      }
    }
    long inflated = 0;
    byte[] buffer = new byte[1 << 16];
    for (ZipArchiveEntry entry : entries) {
      if (entry.isDirectory() || !isParsedPart(entry.getName())) {
        continue;
      }
      long compressed = Math.max(entry.getCompressedSize(), 1);
      long entryBytes = 0;
      CRC32 crc = new CRC32();
      try (InputStream in = zip.getInputStream(entry)) {
        if (in == null) {
          throw new IOException("entry '" + entry.getName() + "' uses a compression method no reader supports");
        }
        for (int n; (n = in.read(buffer)) > 0; ) {
          crc.update(buffer, 0, n);
          entryBytes += n;
          inflated += n;
          if (inflated > maxTotalBytes) {
            throw bomb(file, "it inflates past " + bytes(maxTotalBytes) + " (at entry '" + entry.getName() + "')");
          }
          if (entryBytes > RATIO_GRACE_BYTES && entryBytes / compressed > maxRatio) {
            throw bomb(file, "entry '" + entry.getName() + "' inflates more than " + maxRatio
                + " times its compressed size (" + bytes(compressed) + ")");
          }
        }
      } catch (UnreadableWorkbookException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw Workbooks.damaged(file, "entry '" + entry.getName() + "' cannot be inflated (" + e.getMessage() + ")", e);
      }
      if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
        throw Workbooks.damaged(file, "entry '" + entry.getName() + "' fails its CRC check", null);
      }
    }
  }

  /** The parts a reader parses; everything else in the archive is never inflated. */
  static boolean isParsedPart(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".xml") || lower.endsWith(".rels");
  }

  private UnreadableWorkbookException bomb(Path file, String what) {
    return new UnreadableWorkbookException(file, Problem.ZIP_BOMB,
        Workbooks.quoted(file) + " is refused as a zip bomb: " + what + " (" + describe()
            + "). No workbook needs that much; if this one is genuine, split it into smaller files.");
  }

  static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }
    if (n >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", n / (double) (1L << 10));
    }
    return n + " bytes";
  }
}
