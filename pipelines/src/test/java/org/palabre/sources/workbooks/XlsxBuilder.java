package org.palabre.sources.workbooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a workbook's parts by hand, for what writing libraries do not do or do not let a test
 * choose: formulas with their cached values (fastexcel's writer saves none), inline strings, rich
 * text runs, the 1904 date system, hidden sheets, rows stored out of the writer's habits, extra
 * entries (a macro project). The parts are the minimal SpreadsheetML that Excel and LibreOffice
 * open: content types, workbook, its relationships, styles, shared strings, one part per sheet.
 */
public final class XlsxBuilder {

  /** One sheet's cells, kept in row and column order whatever order they are given in. */
  public final class SheetBuilder {
    private final String name;
    private final String state;
    private final TreeMap<Long, TreeMap<Integer, String>> rows = new TreeMap<>();
    private final List<String> merges = new ArrayList<>();
    private final List<String> columnWidths = new ArrayList<>();

    private SheetBuilder(String name, String state) {
      this.name = name;
      this.state = state;
    }

    /** A text cell, through the shared strings table (as Excel writes text). */
    public SheetBuilder text(String ref, String value) {
      return cell(ref, "t=\"s\"", "<v>" + sharedString(value) + "</v>");
    }

    /** A text cell written inline ({@code t="inlineStr"}), as some exporters do. */
    public SheetBuilder inlineText(String ref, String value) {
      return cell(ref, "t=\"inlineStr\"", "<is><t xml:space=\"preserve\">" + escape(value) + "</t></is>");
    }

    /** A number cell, its value written as given ("1204", "12.5", "0.30000000000000004"). */
    public SheetBuilder number(String ref, String value) {
      return cell(ref, "", "<v>" + value + "</v>");
    }

    public SheetBuilder number(String ref, String value, int style) {
      return cell(ref, "s=\"" + style + "\"", "<v>" + value + "</v>");
    }

    /** A date as the serial number Excel stores, with a date style. */
    public SheetBuilder date(String ref, LocalDate date, int style) {
      return number(ref, Long.toString(serial(date)), style);
    }

    public SheetBuilder dateTime(String ref, LocalDateTime moment, int style) {
      double serial = serial(moment.toLocalDate()) + moment.toLocalTime().toSecondOfDay() / 86_400.0;
      return number(ref, Double.toString(serial), style);
    }

    public SheetBuilder bool(String ref, boolean value) {
      return cell(ref, "t=\"b\"", "<v>" + (value ? 1 : 0) + "</v>");
    }

    public SheetBuilder error(String ref, String code) {
      return cell(ref, "t=\"e\"", "<v>" + escape(code) + "</v>");
    }

    /**
     * A formula with its cached value: {@code type} is the cached value's type as SpreadsheetML
     * names it ("n", "str", "b", "e"); a null {@code cached} saves no value at all.
     */
    public SheetBuilder formula(String ref, String formula, String type, String cached, int style) {
      String value = cached == null ? "" : "<v>" + escape(cached) + "</v>";
      String attributes = ("n".equals(type) ? "" : "t=\"" + type + "\"") + (style > 0 ? " s=\"" + style + "\"" : "");
      return cell(ref, attributes.trim(), "<f>" + escape(formula) + "</f>" + value);
    }

    /** A cell given as its whole {@code <c>} element. */
    public SheetBuilder raw(String ref, String cellXml) {
      int[] at = address(ref);
      rows.computeIfAbsent((long) at[0], r -> new TreeMap<>()).put(at[1], cellXml);
      return this;
    }

    public SheetBuilder merge(String range) {
      merges.add(range);
      return this;
    }

    public SheetBuilder columnWidth(int firstColumn, int lastColumn, double width) {
      columnWidths.add("<col min=\"" + firstColumn + "\" max=\"" + lastColumn + "\" width=\"" + width
          + "\" customWidth=\"1\"/>");
      return this;
    }

    private SheetBuilder cell(String ref, String attributes, String content) {
      String open = "<c r=\"" + ref + "\"" + (attributes.isEmpty() ? "" : " " + attributes) + ">";
      return raw(ref, open + content + "</c>");
    }

    private String xml() {
      StringBuilder xml = new StringBuilder(XML_DECLARATION)
          .append("<worksheet xmlns=\"").append(MAIN_NS).append("\" xmlns:r=\"").append(REL_NS).append("\">");
      if (!columnWidths.isEmpty()) {
        xml.append("<cols>").append(String.join("", columnWidths)).append("</cols>");
      }
      xml.append("<sheetData>");
      rows.forEach((row, cells) -> {
        xml.append("<row r=\"").append(row).append("\">");
        cells.values().forEach(xml::append);
        xml.append("</row>");
      });
      xml.append("</sheetData>");
      if (!merges.isEmpty()) {
        xml.append("<mergeCells count=\"").append(merges.size()).append("\">");
        merges.forEach(m -> xml.append("<mergeCell ref=\"").append(m).append("\"/>"));
        xml.append("</mergeCells>");
      }
      return xml.append("</worksheet>").toString();
    }
  }

  public static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
  private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);

  private final List<SheetBuilder> sheets = new ArrayList<>();
  private final List<String> numberFormats = new ArrayList<>(); // one per style after the default
  private final Map<String, Integer> sharedStrings = new LinkedHashMap<>();
  private final List<String> sharedStringXml = new ArrayList<>();
  private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
  private boolean date1904;
  private boolean macroEnabled;

  public SheetBuilder sheet(String name) {
    return sheet(name, null);
  }

  /** A sheet with a visibility state: null (visible), "hidden" or "veryHidden". */
  public SheetBuilder sheet(String name, String state) {
    SheetBuilder sheet = new SheetBuilder(name, state);
    sheets.add(sheet);
    return sheet;
  }

  /** A cell style with a number format (a built-in id as "14", or a format code); its index for {@code s}. */
  public int style(String numberFormat) {
    numberFormats.add(numberFormat);
    return numberFormats.size();
  }

  public XlsxBuilder date1904() {
    date1904 = true;
    return this;
  }

  /** A shared string given as its whole {@code <si>} content (rich text runs, phonetic runs); its index. */
  public int sharedStringXml(String siContent) {
    sharedStringXml.add(siContent);
    return sharedStringXml.size() - 1;
  }

  /** An .xlsm: the macro-enabled content type and a macro project entry with these bytes. */
  public XlsxBuilder macros(byte[] vbaProject) {
    macroEnabled = true;
    extraEntries.put("xl/vbaProject.bin", vbaProject);
    return this;
  }

  public XlsxBuilder entry(String name, byte[] content) {
    extraEntries.put(name, content);
    return this;
  }

  long serial(LocalDate date) {
    return ChronoUnit.DAYS.between(date1904 ? EPOCH_1904 : EPOCH_1900, date);
  }

  private int sharedString(String value) {
    return sharedStrings.computeIfAbsent(value, v -> {
      sharedStringXml.add("<t xml:space=\"preserve\">" + escape(v) + "</t>");
      return sharedStringXml.size() - 1;
    });
  }

  /** The parts, by entry name, in the order they are zipped. */
  Map<String, byte[]> parts() {
    Map<String, String> parts = new LinkedHashMap<>();
    String mainType = macroEnabled
        ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    StringBuilder types = new StringBuilder(XML_DECLARATION)
        .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        .append(macroEnabled ? "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>" : "")
        .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"").append(mainType).append("\"/>")
        .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
        .append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
    for (int i = 1; i <= sheets.size(); i++) {
      types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
          .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
    }
    parts.put("[Content_Types].xml", types.append("</Types>").toString());
    parts.put("_rels/.rels", XML_DECLARATION
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>");
    StringBuilder workbook = new StringBuilder(XML_DECLARATION)
        .append("<workbook xmlns=\"").append(MAIN_NS).append("\" xmlns:r=\"").append(REL_NS).append("\">")
        .append(date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>")
        .append("<sheets>");
    StringBuilder rels = new StringBuilder(XML_DECLARATION)
        .append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (int i = 1; i <= sheets.size(); i++) {
      SheetBuilder sheet = sheets.get(i - 1);
      workbook.append("<sheet name=\"").append(escape(sheet.name)).append("\" sheetId=\"").append(i).append("\"")
          .append(sheet.state == null ? "" : " state=\"" + sheet.state + "\"")
          .append(" r:id=\"rId").append(i).append("\"/>");
      rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL_NS)
          .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
    }
    int n = sheets.size();
    rels.append("<Relationship Id=\"rId").append(n + 1).append("\" Type=\"").append(REL_NS)
        .append("/styles\" Target=\"styles.xml\"/>")
        .append("<Relationship Id=\"rId").append(n + 2).append("\" Type=\"").append(REL_NS)
        .append("/sharedStrings\" Target=\"sharedStrings.xml\"/>");
    if (macroEnabled) {
      rels.append("<Relationship Id=\"rId").append(n + 3)
          .append("\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>");
    }
    parts.put("xl/workbook.xml", workbook.append("</sheets></workbook>").toString());
    parts.put("xl/_rels/workbook.xml.rels", rels.append("</Relationships>").toString());
    parts.put("xl/styles.xml", styles());
    StringBuilder sst = new StringBuilder(XML_DECLARATION).append("<sst xmlns=\"").append(MAIN_NS)
        .append("\" count=\"").append(sharedStringXml.size()).append("\" uniqueCount=\"")
        .append(sharedStringXml.size()).append("\">");
    sharedStringXml.forEach(si -> sst.append("<si>").append(si).append("</si>"));
    parts.put("xl/sharedStrings.xml", sst.append("</sst>").toString());
    for (int i = 1; i <= sheets.size(); i++) {
      parts.put("xl/worksheets/sheet" + i + ".xml", sheets.get(i - 1).xml());
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    parts.forEach((name, xml) -> bytes.put(name, xml.getBytes(StandardCharsets.UTF_8)));
    bytes.putAll(extraEntries);
    return bytes;
  }

  private String styles() {
    StringBuilder formats = new StringBuilder();
    StringBuilder xfs = new StringBuilder("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>");
    int custom = 0;
    for (String format : numberFormats) {
      int id;
      if (format.matches("\\d+")) {
        id = Integer.parseInt(format);
      } else {
        id = 164 + custom++;
        formats.append("<numFmt numFmtId=\"").append(id).append("\" formatCode=\"").append(escape(format)).append("\"/>");
      }
      xfs.append("<xf numFmtId=\"").append(id)
          .append("\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
    }
    return XML_DECLARATION + "<styleSheet xmlns=\"" + MAIN_NS + "\">"
        + (custom == 0 ? "" : "<numFmts count=\"" + custom + "\">" + formats + "</numFmts>")
        + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"" + (numberFormats.size() + 1) + "\">" + xfs + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>";
  }

  /** The zipped workbook; entries dated 2024-01-01 so the same parts give the same entries. */
  public byte[] bytes() throws IOException {
    return zip(parts());
  }

  public Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTimeLocal(LocalDateTime.of(2024, 1, 1, 0, 0));
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** "B12" as {row 12, column index 1}. */
  static int[] address(String ref) {
    int i = 0;
    int column = 0;
    while (Character.isLetter(ref.charAt(i))) {
      column = column * 26 + (ref.charAt(i++) - 'A' + 1);
    }
    return new int[] {Integer.parseInt(ref.substring(i)), column - 1};
  }
}
