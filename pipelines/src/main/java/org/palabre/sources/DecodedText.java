package org.palabre.sources;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import org.palabre.model.InputFile;
import org.palabre.text.CsvDialect;
import org.palabre.text.TextDecoding;

/**
 * A small text file read whole (registries, logs, reference tables): its text decoded ({@link
 * TextDecoding}: BOM, UTF-8 or Windows-1252) and the label of the encoding, for the load report.
 */
public record DecodedText(String text, String encoding) {

  public static DecodedText of(InputFile file) throws IOException {
    TextDecoding.IoSupplier bytes = () -> FileParser.open(file);
    TextDecoding.Detected detected = TextDecoding.detect(bytes);
    StringWriter all = new StringWriter();
    try (Reader reader = detected.open(bytes)) {
      reader.transferTo(all);
    }
    return new DecodedText(all.toString(), detected.label());
  }

  /** The separator of a CSV text, sniffed from its first 64 KB ({@link CsvDialect}). */
  public static char separator(String text) {
    return CsvDialect.sniffSeparator(text.substring(0, Math.min(text.length(), 1 << 16)));
  }
}
