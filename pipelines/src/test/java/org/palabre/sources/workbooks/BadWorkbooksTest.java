package org.palabre.sources.workbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.sources.tables.Table;
import org.palabre.sources.workbooks.UnreadableWorkbookException.Problem;

/**
 * Workbooks that cannot be read are refused whole, before their first row, with the kind of
 * problem and a message naming the file; a sheet damaged further on is refused naming the sheet and
 * the last good row. Hostile files are built entry by entry.
 */
class BadWorkbooksTest {

  @TempDir Path dir;

  @Test
  void anEncryptedWorkbookIsRefusedAsPasswordProtected() throws IOException {
    // what Excel saves when a workbook gets a password: an OLE2 container of these two streams
    Path file = ole2(dir.resolve("rapport_protege.xlsx"), Map.of(
        "EncryptionInfo", new byte[] {4, 0, 4, 0, 0x40, 0, 0, 0},
        "EncryptedPackage", new byte[4096]));
    UnreadableWorkbookException refusal = refused(file, Problem.ENCRYPTED);
    assertTrue(refusal.getMessage().contains("is password-protected (encrypted)"), refusal.getMessage());
  }

  @Test
  void aPasswordProtectedXlsIsRefusedAsPasswordProtected() throws IOException {
    Path file = dir.resolve("ancien_protege.xls");
    try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      wb.createSheet("Rapport").createRow(0).createCell(0).setCellValue(1204);
      Biff8EncryptionKey.setCurrentUserPassword("secret");
      wb.write(out);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
    refused(file, Problem.ENCRYPTED);
  }

  @Test
  void aTruncatedWorkbookIsRefusedAsDamagedBeforeItsFirstRow() throws IOException {
    byte[] whole = report().bytes();
    Path file = Files.write(dir.resolve("coupe.xlsx"), Arrays.copyOf(whole, whole.length / 2));
    UnreadableWorkbookException refusal = refused(file, Problem.CORRUPT);
    assertTrue(refusal.getMessage().contains("it is not a complete zip archive"), refusal.getMessage());
  }

  @Test
  void aWorkbookWithDamagedSheetBytesIsRefusedBeforeItsFirstRow() throws IOException {
    byte[] zip = corruptEntryData(report().bytes(), "xl/worksheets/sheet1.xml");
    UnreadableWorkbookException refusal = refused(Files.write(dir.resolve("abime.xlsx"), zip), Problem.CORRUPT);
    assertTrue(refusal.getMessage().contains("entry 'xl/worksheets/sheet1.xml'"), refusal.getMessage());
  }

  @Test
  void aSheetWhoseXmlBreaksHalfWayIsRefusedNamingTheSheetAndTheLastGoodRow() throws IOException {
    XlsxBuilder xlsx = report();
    xlsx.entry("xl/worksheets/sheet1.xml", ("<?xml version=\"1.0\"?><worksheet xmlns=\"" + XlsxBuilder.MAIN_NS
        + "\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></row>"
        + "</sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
    Path file = xlsx.write(dir.resolve("mal_forme.xlsx"));
    try (Workbook workbook = Workbooks.open(file)) {
      Table sheet = workbook.tables().get(0);
      assertEquals(List.of("1"), sheet.next().cells());
      UnreadableWorkbookException refusal = assertThrows(UnreadableWorkbookException.class, sheet::hasNext);
      assertEquals(Problem.CORRUPT, refusal.problem());
      assertEquals("Rapport", refusal.sheet());
      assertTrue(refusal.getMessage().startsWith("'" + file + "', sheet 'Rapport': the sheet is damaged after row 1"),
          refusal.getMessage());
    }
  }

  @Test
  void aZipBombIsRefusedWithTheLimitsNamed() throws IOException {
    UnreadableWorkbookException refusal =
        refused(Files.write(dir.resolve("bombe.xlsx"), bomb().bytes()), Problem.ZIP_BOMB);
    assertTrue(refusal.getMessage().contains("entry 'xl/worksheets/sheet1.xml' declares 8.0 MiB inflated from"),
        refusal.getMessage());
    assertTrue(refusal.getMessage().contains("limits: 10,000 entries, 4.0 GiB inflated, compression ratio 100:1"),
        refusal.getMessage());
  }

  @Test
  void aZipBombThatLiesAboutItsSizeIsCaughtWhileInflating() throws IOException {
    byte[] lying = declareSize(bomb().bytes(), "xl/worksheets/sheet1.xml", 1000);
    UnreadableWorkbookException refusal =
        refused(Files.write(dir.resolve("bombe_menteuse.xlsx"), lying), Problem.ZIP_BOMB);
    assertTrue(refusal.getMessage().contains("entry 'xl/worksheets/sheet1.xml' inflates more than 100 times"),
        refusal.getMessage());
  }

  @Test
  void tooManyEntriesOrTooManyBytesAreRefusedByTheirOwnLimit() throws IOException {
    XlsxBuilder many = report();
    for (int i = 0; i < 60; i++) {
      many.entry("xl/media/image" + i + ".png", new byte[] {1});
    }
    Path file = many.write(dir.resolve("entrees.xlsx"));
    UnreadableWorkbookException refusal = assertThrows(UnreadableWorkbookException.class,
        () -> Workbooks.open(file, new ZipLimits(50, 1 << 30, 100)));
    assertTrue(refusal.getMessage().contains("it has 67 entries (limits: 50 entries"), refusal.getMessage());

    UnreadableWorkbookException tooBig = assertThrows(UnreadableWorkbookException.class,
        () -> Workbooks.open(file, new ZipLimits(10_000, 1000, 100)));
    assertEquals(Problem.ZIP_BOMB, tooBig.problem());
    assertTrue(tooBig.getMessage().contains("more than 1000 bytes inflated"), tooBig.getMessage());
  }

  @Test
  void anXlsmIsReadForItsValuesAndItsMacroProjectIsNeverOpened() throws IOException {
    // the macro project's bytes are damaged: inflating them would fail, so reading proves they are never touched
    XlsxBuilder xlsm = report().macros(new byte[20_000]);
    byte[] zip = corruptEntryData(xlsm.bytes(), "xl/vbaProject.bin");
    try (Workbook workbook = Workbooks.open(Files.write(dir.resolve("rapport.xlsm"), zip))) {
      assertEquals("xlsm", workbook.format());
      assertEquals(Map.of("Rapport", List.of(List.of("Mois", "Personnes rencontrées"), List.of("2024-01-01", "1204"))),
          SheetRows.cellsBySheet(workbook));
      assertEquals(List.of("the workbook has macros (xl/vbaProject.bin): they were neither run nor read; the cells'"
          + " saved values were read"), workbook.notes());
    }
  }

  @Test
  void aCsvNamedXlsxIsToldApartByItsBytesAndTheReverseToo() throws IOException {
    Path csv = Files.writeString(dir.resolve("rapport.xlsx"), "mois;personnes\n2024-01;1 204\n");
    assertEquals(FileSignature.TEXT, FileSignature.of(csv));
    UnreadableWorkbookException refusal = refused(csv, Problem.TEXT_FILE);
    assertTrue(refusal.getMessage().contains("is a text file (a CSV or similar)"), refusal.getMessage());
    Path utf16 = Files.write(dir.resolve("unicode.xlsx"), "\uFEFFmois\t2024".getBytes(StandardCharsets.UTF_16LE));
    assertEquals(FileSignature.TEXT, FileSignature.of(utf16));

    Path xlsxNamedCsv = report().write(dir.resolve("rapport.csv"));
    assertEquals(FileSignature.ZIP, FileSignature.of(xlsxNamedCsv));
    assertTrue(FileSignature.of(xlsxNamedCsv).isWorkbookContainer());
    assertEquals(List.of("Mois", "Personnes rencontrées"), SheetRows.cellsBySheet(xlsxNamedCsv).get("Rapport").get(0));
  }

  @Test
  void otherZipsAndOfficeFilesAreNamedForWhatTheyAre() throws IOException {
    Path docx = Files.write(dir.resolve("rapport.xlsx"), XlsxBuilder.zip(entries(
        "[Content_Types].xml", "<Types/>", "word/document.xml", "<document/>")));
    assertTrue(refused(docx, Problem.NOT_A_WORKBOOK).getMessage().contains("is a Word document"));
    Path ods = Files.write(dir.resolve("rapport_ods.xlsx"), XlsxBuilder.zip(entries(
        "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<office/>")));
    assertTrue(refused(ods, Problem.NOT_A_WORKBOOK).getMessage().contains("is an OpenDocument file (.ods"));
    Path word97 = ole2(dir.resolve("note.xls"), Map.of("WordDocument", new byte[600]));
    assertTrue(refused(word97, Problem.NOT_A_WORKBOOK).getMessage().contains("but not an Excel workbook"));
    Path excel95 = ole2(dir.resolve("vieux.xls"), Map.of("Book", new byte[600]));
    assertTrue(refused(excel95, Problem.UNSUPPORTED_VERSION).getMessage().contains("Excel 5.0/95"));
    Path empty = Files.write(dir.resolve("vide.xlsx"), new byte[0]);
    assertTrue(refused(empty, Problem.CORRUPT).getMessage().contains("the file is empty"));
    Path binary = Files.write(dir.resolve("scan.xlsx"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    assertEquals(FileSignature.BINARY, FileSignature.of(binary));
    refused(binary, Problem.NOT_A_WORKBOOK);
  }

  private static UnreadableWorkbookException refused(Path file, Problem problem) {
    UnreadableWorkbookException refusal = assertThrows(UnreadableWorkbookException.class, () -> Workbooks.open(file));
    assertEquals(problem, refusal.problem(), refusal.getMessage());
    assertEquals(file, refusal.file());
    assertTrue(refusal.getMessage().startsWith("'" + file + "'"), refusal.getMessage());
    return refusal;
  }

  private static XlsxBuilder report() {
    XlsxBuilder xlsx = new XlsxBuilder();
    int month = xlsx.style("mmmm yyyy");
    xlsx.sheet("Rapport").text("A1", "Mois").text("B1", "Personnes rencontrées")
        .date("A2", java.time.LocalDate.of(2024, 1, 1), month).number("B2", "1204");
    return xlsx;
  }

  /** A sheet part of 8 MiB, nearly all blanks: it deflates about a thousand times. */
  private static XlsxBuilder bomb() {
    XlsxBuilder xlsx = report();
    byte[] padding = new byte[8 << 20];
    Arrays.fill(padding, (byte) ' ');
    String head = "<?xml version=\"1.0\"?><worksheet xmlns=\"" + XlsxBuilder.MAIN_NS + "\"><sheetData>";
    String tail = "</sheetData></worksheet>";
    ByteArrayOutputStream sheet = new ByteArrayOutputStream();
    sheet.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    sheet.writeBytes(padding);
    sheet.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return xlsx.entry("xl/worksheets/sheet1.xml", sheet.toByteArray());
  }

  private static Map<String, byte[]> entries(String... nameThenText) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < nameThenText.length; i += 2) {
      entries.put(nameThenText[i], nameThenText[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return entries;
  }

  private static Path ole2(Path file, Map<String, byte[]> streams) throws IOException {
    try (POIFSFileSystem container = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
      for (Map.Entry<String, byte[]> stream : streams.entrySet()) {
        container.createDocument(new ByteArrayInputStream(stream.getValue()), stream.getKey());
      }
      container.writeFilesystem(out);
    }
    return file;
  }

  /** The zip with the middle of one entry's compressed bytes overwritten. */
  private static byte[] corruptEntryData(byte[] zip, String name) {
    byte[] damaged = zip.clone();
    int header = localHeader(damaged, name);
    int compressedSize = centralHeaderField(damaged, name, 20);
    int data = header + 30 + u16(damaged, header + 26) + u16(damaged, header + 28);
    for (int i = data + compressedSize / 3; i < data + 2 * compressedSize / 3; i++) {
      damaged[i] = (byte) 0xFF;
    }
    return damaged;
  }

  /** The zip with one entry's uncompressed size in the central directory replaced by {@code size}. */
  private static byte[] declareSize(byte[] zip, String name, int size) {
    byte[] lying = zip.clone();
    int central = centralHeader(lying, name);
    for (int i = 0; i < 4; i++) {
      lying[central + 24 + i] = (byte) (size >>> (8 * i));
    }
    return lying;
  }

  private static int localHeader(byte[] zip, String name) {
    return find(zip, new byte[] {'P', 'K', 3, 4}, 30, 26, name);
  }

  private static int centralHeader(byte[] zip, String name) {
    return find(zip, new byte[] {'P', 'K', 1, 2}, 46, 28, name);
  }

  private static int centralHeaderField(byte[] zip, String name, int offset) {
    int central = centralHeader(zip, name);
    return u16(zip, central + offset) | u16(zip, central + offset + 2) << 16;
  }

  private static int find(byte[] zip, byte[] signature, int nameOffset, int nameLengthOffset, String name) {
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + nameOffset < zip.length; i++) {
      if (zip[i] == signature[0] && zip[i + 1] == signature[1] && zip[i + 2] == signature[2]
          && zip[i + 3] == signature[3] && u16(zip, i + nameLengthOffset) == wanted.length
          && Arrays.equals(zip, i + nameOffset, i + nameOffset + wanted.length, wanted, 0, wanted.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no entry " + name);
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }
}
