package org.palabre.sources.workbooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;
import org.palabre.sources.workbooks.UnreadableWorkbookException.Problem;

/**
 * Opens an .xlsx or .xlsm (a zip of XML parts): tells a workbook from other zips, holds the
 * archive to the {@link ZipLimits} (which also proves it complete and undamaged), then hands it to
 * fastexcel-reader, which streams each sheet. A macro project ({@code xl/vbaProject.bin}) is never
 * inflated nor run: an .xlsm is read for its cells' saved values, as an .xlsx.
 */
final class XlsxPackage {

  private static final ReadingOptions WITH_NUMBER_FORMATS = new ReadingOptions(true, false);
  private static final XMLInputFactory XML = safeXmlInput();

  private XlsxPackage() {}

  static Workbook open(Path file, ZipLimits limits) throws IOException {
    boolean macros;
    boolean date1904;
    try (ZipFile zip = openZip(file)) {
      Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        names.add(entry.getName());
      }
      refuseOtherZips(file, names);
      limits.check(file, zip);
      macros = names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin"));
      date1904 = usesDate1904(file, zip);
    }
    ReadableWorkbook workbook;
    try {
      workbook = new ReadableWorkbook(file.toFile(), WITH_NUMBER_FORMATS);
    } catch (IOException | RuntimeException e) {
      throw Workbooks.damaged(file, "its workbook parts cannot be read (" + e.getMessage() + ")", e);
    }
    List<SheetTable> tables = new ArrayList<>();
    List<IgnoredSheet> ignored = new ArrayList<>();
    CellText.WorkbookNumbers numbers = new CellText.WorkbookNumbers(date1904);
    for (Sheet sheet : (Iterable<Sheet>) workbook.getSheets()::iterator) {
      switch (sheet.getVisibility()) {
        case VISIBLE:
          tables.add(new XlsxSheetTable(file, sheet, numbers));
          break;
        case HIDDEN:
          ignored.add(new IgnoredSheet(sheet.getName(), Workbooks.HIDDEN));
          break;
        default:
          ignored.add(new IgnoredSheet(sheet.getName(), Workbooks.VERY_HIDDEN));
      }
    }
    List<String> notes = macros
        ? List.of("the workbook has macros (xl/vbaProject.bin): they were neither run nor read; the cells'"
            + " saved values were read")
        : List.of();
    return new Workbook(file, macros ? "xlsm" : "xlsx", tables, ignored, notes, workbook);
  }

  /**
   * Whether the workbook counts dates from 1904 (Excel for Mac before 2011): {@code <workbookPr
   * date1904="1"/>}. Read here because fastexcel-reader 0.19.0 takes only "true" for true, and Excel
   * writes "1".
   */
  private static boolean usesDate1904(Path file, ZipFile zip) throws IOException {
    String part = "xl/workbook.xml";
    ZipArchiveEntry rels = zip.getEntry("_rels/.rels");
    if (rels != null) {
      String target = attributeOf(file, zip, rels, "Relationship", "Target",
          r -> String.valueOf(r.getAttributeValue(null, "Type")).endsWith("/officeDocument"));
      if (target != null) {
        part = target.startsWith("/") ? target.substring(1) : target;
      }
    }
    ZipArchiveEntry workbook = zip.getEntry(part);
    String date1904 = workbook == null ? null : attributeOf(file, zip, workbook, "workbookPr", "date1904", r -> true);
    return "1".equals(date1904) || "true".equalsIgnoreCase(date1904);
  }

  /** An attribute of the first element of that name in a part that {@code accept}s it; null when none. */
  private static String attributeOf(Path file, ZipFile zip, ZipArchiveEntry entry, String element,
      String attribute, Predicate<XMLStreamReader> accept) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      XMLStreamReader xml = XML.createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && element.equals(xml.getLocalName()) && accept.test(xml)) {
          return xml.getAttributeValue(null, attribute);
        }
      }
      return null;
    } catch (XMLStreamException | RuntimeException e) {
      throw Workbooks.damaged(file, "its part '" + entry.getName() + "' is not well-formed XML (" + e.getMessage() + ")", e);
    }
  }

  private static ZipFile openZip(Path file) throws IOException {
    try {
      return ZipFile.builder().setPath(file).get();
    } catch (IOException e) {
      throw Workbooks.damaged(file, "it is not a complete zip archive (" + e.getMessage()
          + "): the file was probably cut short while being copied or sent", e);
    }
  }

  private static XMLInputFactory safeXmlInput() {
    XMLInputFactory factory = new com.fasterxml.aalto.stax.InputFactoryImpl();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    return factory;
  }

  /** A zip that is no Excel workbook is named for what it is, with what to do. */
  private static void refuseOtherZips(Path file, Set<String> names) {
    if (names.contains("xl/workbook.bin")) {
      throw new UnreadableWorkbookException(file, Problem.UNSUPPORTED_VERSION, Workbooks.quoted(file)
          + " is an Excel binary workbook (.xlsb), which is not read: save it as .xlsx (Excel workbook)");
    }
    String what = null;
    if (names.contains("mimetype") && names.contains("content.xml")) {
      what = "an OpenDocument file (.ods, LibreOffice's own format), not an Excel workbook: save it as .xlsx";
    } else if (names.contains("word/document.xml")) {
      what = "a Word document, not an Excel workbook: send the workbook itself, saved as .xlsx";
    } else if (names.contains("ppt/presentation.xml")) {
      what = "a PowerPoint presentation, not an Excel workbook: send the workbook itself, saved as .xlsx";
    } else if (!names.contains("[Content_Types].xml")
        || names.stream().noneMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("xl/"))) {
      what = "a zip archive but not an Excel workbook (it has no xl/ workbook parts): send the .xlsx itself";
    }
    if (what != null) {
      throw new UnreadableWorkbookException(file, Problem.NOT_A_WORKBOOK, Workbooks.quoted(file) + " is " + what);
    }
  }
}
