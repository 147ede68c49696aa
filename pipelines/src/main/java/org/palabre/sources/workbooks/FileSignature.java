package org.palabre.sources.workbooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a delivered file is, told from its first bytes and never from its name: members rename
 * files, and an officer's "save as CSV" sometimes keeps the {@code .xlsx} name (and the other way
 * round). A reader dispatches on this before choosing how to read the file: {@link #ZIP} and
 * {@link #OLE2} go to {@link Workbooks#open}, {@link #TEXT} to the CSV reading.
 */
public enum FileSignature {
  /** A zip archive ({@code PK\3\4}, or {@code PK\5\6} when empty): an .xlsx or .xlsm, or another zip. */
  ZIP,
  /** An OLE2 compound file ({@code D0 CF 11 E0 A1 B1 1A E1}): an .xls, or an encrypted .xlsx. */
  OLE2,
  /** Text: a UTF-16 byte-order mark, or no NUL byte among the first bytes (CSV, JSON, XML, ...). */
  TEXT,
  /** Anything else (a PDF, an image, an Excel 2.x-4.x sheet, ...). */
  BINARY;

  /** How many first bytes are looked at. */
  static final int HEAD_BYTES = 8192;

  private static final byte[] OLE2_MAGIC = {
    (byte) 0xD0, (byte) 0xCF, (byte) 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, (byte) 0x1A, (byte) 0xE1
  };

  /** The signature of a file, from its first {@value #HEAD_BYTES} bytes. */
  public static FileSignature of(Path file) throws IOException {
    byte[] head = new byte[HEAD_BYTES];
    int length = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; length < head.length && (n = in.read(head, length, head.length - length)) > 0; ) {
        length += n;
      }
    }
    return of(head, length);
  }

  /** The signature of a file whose first {@code length} bytes are in {@code head}. */
  public static FileSignature of(byte[] head, int length) {
    if (length >= 4 && head[0] == 'P' && head[1] == 'K'
        && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
      return ZIP;
    }
    if (startsWith(head, length, OLE2_MAGIC)) {
      return OLE2;
    }
    if (length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
      return TEXT; // UTF-16, as Excel's "Unicode text" saves it
    }
    for (int i = 0; i < length; i++) {
      if (head[i] == 0) {
        return BINARY;
      }
    }
    return TEXT;
  }

  /** True for the containers a workbook comes in (zip or OLE2): {@link Workbooks#open} reads them. */
  public boolean isWorkbookContainer() {
    return this == ZIP || this == OLE2;
  }

  private static boolean startsWith(byte[] head, int length, byte[] magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
