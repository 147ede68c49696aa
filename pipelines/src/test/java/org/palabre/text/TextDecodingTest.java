package org.palabre.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecodingTest {

  private static final String TEXT = "Dispositif;Personnes rencontrées;Nuitées d'hébergement\nSamusocial Sénégal;12;3\n";

  private static String decode(byte[] bytes, String expectedLabel) throws Exception {
    TextDecoding.IoSupplier source = () -> new ByteArrayInputStream(bytes);
    TextDecoding.Detected detected = TextDecoding.detect(source);
    assertEquals(expectedLabel, detected.label());
    try (Reader reader = detected.open(source)) {
      StringBuilder out = new StringBuilder();
      char[] buffer = new char[64];
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        out.append(buffer, 0, n);
      }
      return out.toString();
    }
  }

  @Test
  void utf8WithoutBom() throws Exception {
    assertEquals(TEXT, decode(TEXT.getBytes(StandardCharsets.UTF_8), "UTF-8"));
  }

  @Test
  void utf8WithBomHasTheBomRemoved() throws Exception {
    byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    assertEquals(TEXT, decode(bytes, "UTF-8 with BOM"));
  }

  @Test
  void windows1252IsDetectedFromItsBytesNotItsName() throws Exception {
    String text = TEXT + "Pointe-Noire – rapport;€;œuvre\n";
    assertEquals(text, decode(text.getBytes(TextDecoding.WINDOWS_1252), "Windows-1252"));
  }

  @Test
  void utf16WithBom() throws Exception {
    byte[] body = TEXT.getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    assertEquals(TEXT, decode(bytes, "UTF-16LE with BOM"));
  }

  @Test
  void aLateInvalidByteMakesTheWholeFileWindows1252() throws Exception {
    // a large UTF-8-looking prefix, then one Latin byte far past any sample window
    String prefix = "a;b\n".repeat(100_000);
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 1];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xE9; // é in Windows-1252
    assertEquals(prefix + "é", decode(bytes, "Windows-1252"));
  }
}
