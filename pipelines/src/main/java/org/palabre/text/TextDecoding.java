package org.palabre.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds how a member's text file is encoded from its bytes, never from its name: a byte-order
 * mark wins; otherwise a file whose every byte sequence is valid UTF-8 is UTF-8; anything else is
 * read as Windows-1252 (what Excel on a French Windows writes, and a superset of Latin-1 for
 * printable characters).
 *
 * <p>Use {@link #detect(IoSupplier)} once per file, then {@link Detected#open(IoSupplier)} to get
 * a reader positioned after the BOM.
 */
public final class TextDecoding {

  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** Opens the file's bytes from the start; called once to detect and once to read. */
  @FunctionalInterface
  public interface IoSupplier {
    InputStream open() throws IOException;
  }

  /** The outcome of detection: the charset, how many BOM bytes to skip, and a label for reports. */
  public record Detected(Charset charset, int bomLength, String label) {

    /** A reader over the file's text, after the byte-order mark. */
    public Reader open(IoSupplier source) throws IOException {
      InputStream in = new BufferedInputStream(source.open(), 1 << 16);
      long skipped = in.skip(bomLength);
      if (skipped != bomLength) {
        throw new IOException("could not skip the byte-order mark");
      }
      return new InputStreamReader(in, charset);
    }
  }

  private TextDecoding() {}

  public static Detected detect(IoSupplier source) throws IOException {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = source.open()) {
      n = in.readNBytes(head, 0, 4);
    }
    if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      return new Detected(StandardCharsets.UTF_8, 3, "UTF-8 with BOM");
    }
    if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      return new Detected(StandardCharsets.UTF_16LE, 2, "UTF-16LE with BOM");
    }
    if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      return new Detected(StandardCharsets.UTF_16BE, 2, "UTF-16BE with BOM");
    }
    Detected utf16 = utf16WithoutBom(source);
    if (utf16 != null) {
      return utf16;
    }
    return isValidUtf8(source)
        ? new Detected(StandardCharsets.UTF_8, 0, "UTF-8")
        : new Detected(WINDOWS_1252, 0, "Windows-1252");
  }

  /**
   * Text saved as UTF-16 without a BOM (some export tools do this) has a zero byte beside almost
   * every ASCII character: zeros at odd offsets mean little-endian, at even offsets big-endian.
   */
  private static Detected utf16WithoutBom(IoSupplier source) throws IOException {
    byte[] head;
    try (InputStream in = source.open()) {
      head = in.readNBytes(4096);
    }
    if (head.length < 8) {
      return null;
    }
    int evenZeros = 0;
    int oddZeros = 0;
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        if (i % 2 == 0) {
          evenZeros++;
        } else {
          oddZeros++;
        }
      }
    }
    int pairs = head.length / 2;
    if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) {
      return new Detected(StandardCharsets.UTF_16LE, 0, "UTF-16LE without BOM");
    }
    if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) {
      return new Detected(StandardCharsets.UTF_16BE, 0, "UTF-16BE without BOM");
    }
    return null;
  }

  /** Streams the whole file through a strict UTF-8 decoder; memory stays bounded. */
  static boolean isValidUtf8(IoSupplier source) throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    char[] buffer = new char[1 << 16];
    try (Reader reader = new InputStreamReader(new BufferedInputStream(source.open(), 1 << 16), decoder)) {
      while (reader.read(buffer) >= 0) {
        // decode only to validate
      }
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
