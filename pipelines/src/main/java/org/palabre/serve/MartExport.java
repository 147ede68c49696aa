package org.palabre.serve;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.palabre.codes.SchemaFiles;

/**
 * Writes a mart of the warehouse to CSV (UTF-8 with a BOM, so that Excel reads the accents) or to
 * Excel (.xlsx, streamed), with column headers in English, French or both, from
 * {@code schemas/marts/column_labels.csv}, and code values labelled in the same language
 * ({@code schemas/marts/code_labels.csv}, {@code codes/sexes.csv}, {@code codes/age_groups.csv}:
 * {@code year} reads "année" in French). A French CSV is the one French Excel opens in columns:
 * {@code ;} between fields and a decimal comma. The file is written beside its place and renamed
 * into it, so a failed export leaves no half file.
 */
public final class MartExport {

  public enum Format {
    csv, xlsx;

    /** The format a file name's extension says, or null. */
    public static Format ofFile(Path file) {
      String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      return name.endsWith(".csv") ? csv : name.endsWith(".xlsx") ? xlsx : null;
    }
  }

  /** Header language: en, fr, both ("Period / Période") or the column names themselves. */
  public enum Headers { en, fr, both, codes }

  /** Excel's limit of rows per sheet, header included. */
  static final int XLSX_MAX_ROWS = 1_048_576;

  private MartExport() {}

  /** The marts of the warehouse. */
  public static TreeSet<String> marts(Connection db) throws SQLException {
    TreeSet<String> marts = new TreeSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select table_name from information_schema.tables where table_schema = 'marts'")) {
      while (rs.next()) {
        marts.add(rs.getString(1));
      }
    }
    return marts;
  }

  /** Column name -> {label_en, label_fr}. */
  public static Map<String, String[]> labels() {
    Map<String, String[]> labels = new java.util.HashMap<>();
    for (Map<String, String> row : SchemaFiles.readCsv("marts/column_labels.csv")) {
      labels.put(row.get("column"), new String[] {row.get("label_en"), row.get("label_fr")});
    }
    return labels;
  }

  /** Column -> code -> {label_en, label_fr}. */
  static Map<String, Map<String, String[]>> codeLabels() {
    Map<String, Map<String, String[]>> labels = new java.util.HashMap<>();
    for (Map<String, String> row : SchemaFiles.readCsv("marts/code_labels.csv")) {
      labels.computeIfAbsent(row.get("column"), c -> new java.util.HashMap<>()).put(row.get("code"), new String[] {row.get("label_en"), row.get("label_fr")});
    }
    for (Map<String, String> row : SchemaFiles.readCsv("codes/sexes.csv")) {
      labels.computeIfAbsent("sex", c -> new java.util.HashMap<>()).put(row.get("sex"), new String[] {row.get("label_en"), row.get("label_fr")});
    }
    for (Map<String, String> row : SchemaFiles.readCsv("codes/age_groups.csv")) {
      labels.computeIfAbsent("age_group", c -> new java.util.HashMap<>()).put(row.get("age_group"), new String[] {row.get("label_en"), row.get("label_fr")});
    }
    return labels;
  }

  /** A code value in the language of the headers; the code itself for codes, or when it has no label. */
  static String codeLabel(String value, Map<String, String[]> labels, Headers headers) {
    String[] l = value == null || labels == null ? null : labels.get(value);
    if (l == null || headers == Headers.codes) {
      return value;
    }
    return switch (headers) {
      case en -> l[0];
      case fr -> l[1];
      case both -> l[0].equals(l[1]) ? l[0] : l[0] + " / " + l[1];
      case codes -> value;
    };
  }

  static String header(String column, Headers headers, Map<String, String[]> labels) {
    String[] l = labels.get(column);
    if (l == null || headers == Headers.codes) {
      return column;
    }
    return switch (headers) {
      case en -> l[0];
      case fr -> l[1];
      case both -> l[0].equals(l[1]) ? l[0] : l[0] + " / " + l[1];
      case codes -> column;
    };
  }

  /**
   * Writes a mart of the warehouse, or, for a member, of that member's audience file (its own
   * rows, the totals its audience may see, no network-only mart); returns the number of data rows.
   */
  public static long write(Path warehouse, String member, String mart, Format format, Headers headers, Path out)
      throws SQLException, IOException {
    Path file = warehouse;
    if (member != null) {
      AudienceWarehouses.publish(warehouse, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      file = AudienceWarehouses.file(warehouse, member);
      if (member.equals(AudienceWarehouses.NETWORK) || !Files.exists(file)) {
        throw new IllegalArgumentException("no member '" + member + "': one of schemas/codes/members.csv (without --member, the export is the network's)");
      }
    }
    try (Connection db = org.palabre.db.DuckDb.open(file, true)) {
      if (member != null && !marts(db).contains(mart)) {
        try (Connection all = org.palabre.db.DuckDb.open(warehouse, true)) {
          if (marts(all).contains(mart)) {
            throw new IllegalArgumentException("marts." + mart + " is the network's only: a member's export has " + marts(db));
          }
        }
      }
      return write(db, mart, format, headers, out);
    }
  }

  /** Writes the mart; returns the number of data rows. */
  public static long write(Connection db, String mart, Format format, Headers headers, Path out) throws SQLException, IOException {
    if (!marts(db).contains(mart)) {
      throw new IllegalArgumentException("no mart '" + mart + "': one of " + marts(db));
    }
    if (format == null) {
      throw new IllegalArgumentException(out.getFileName() + " ends neither in .csv nor in .xlsx: name it so, or say --format csv|xlsx");
    }
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + out.getFileName() + "-", ".part");
    try (PreparedStatement st = db.prepareStatement("select * from marts.\"" + mart + "\"");
        ResultSet rs = st.executeQuery()) {
      Map<String, String[]> labels = labels();
      Map<String, Map<String, String[]>> codes = codeLabels();
      ResultSetMetaData meta = rs.getMetaData();
      List<String> header = new ArrayList<>();
      List<Map<String, String[]>> columnCodes = new ArrayList<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        header.add(header(meta.getColumnLabel(c), headers, labels));
        columnCodes.add(codes.get(meta.getColumnLabel(c)));
      }
      long rows = format == Format.csv ? writeCsv(rs, header, columnCodes, headers, tmp) : writeXlsx(rs, mart, header, columnCodes, headers, tmp);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return rows;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static long writeCsv(ResultSet rs, List<String> header, List<Map<String, String[]>> codes, Headers headers, Path file)
      throws SQLException, IOException {
    long rows = 0;
    int n = header.size();
    boolean french = headers == Headers.fr;
    int[] types = new int[n];
    for (int c = 0; c < n; c++) {
      types[c] = rs.getMetaData().getColumnType(c + 1);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write('\uFEFF');
      CSVFormat dialect = (french ? CSVFormat.DEFAULT.builder().setDelimiter(';') : CSVFormat.DEFAULT.builder())
          .setHeader(header.toArray(String[]::new)).get();
      CSVPrinter csv = new CSVPrinter(w, dialect);
      while (rs.next()) {
        for (int c = 1; c <= n; c++) {
          String text = codeLabel(rs.getString(c), codes.get(c - 1), headers);
          if (french && text != null && isDecimal(types[c - 1])) {
            text = text.replace('.', ',');
          }
          csv.print(text);
        }
        csv.println();
        rows++;
      }
      csv.flush();
    }
    return rows;
  }

  private static boolean isDecimal(int type) {
    return type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL || type == Types.DECIMAL || type == Types.NUMERIC;
  }

  private static long writeXlsx(ResultSet rs, String mart, List<String> header, List<Map<String, String[]>> codes, Headers headers, Path file)
      throws SQLException, IOException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = header.size();
    int[] types = new int[n];
    for (int c = 0; c < n; c++) {
      types[c] = meta.getColumnType(c + 1);
    }
    long rows = 0;
    try (OutputStream os = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(os, "Palabre", "1.0");
      Worksheet ws = wb.newWorksheet(mart.length() > 31 ? mart.substring(0, 31) : mart);
      for (int c = 0; c < n; c++) {
        ws.value(0, c, header.get(c));
        ws.style(0, c).bold().set();
        ws.width(c, Math.min(60, Math.max(10, header.get(c).length() + 2)));
      }
      ws.freezePane(0, 1);
      int r = 0;
      while (rs.next()) {
        if (++r >= XLSX_MAX_ROWS) {
          throw new IllegalArgumentException("marts." + mart + " has more rows than an Excel sheet holds (" + (XLSX_MAX_ROWS - 1)
              + "): export it as csv");
        }
        for (int c = 0; c < n; c++) {
          Object v = rs.getObject(c + 1);
          if (v == null) {
            continue;
          }
          switch (types[c]) {
            case Types.DATE -> {
              ws.value(r, c, ((Date) rs.getDate(c + 1)).toLocalDate());
              ws.style(r, c).format("yyyy-mm-dd").set();
            }
            case Types.TIMESTAMP -> {
              ws.value(r, c, ((Timestamp) rs.getTimestamp(c + 1)).toLocalDateTime());
              ws.style(r, c).format("yyyy-mm-dd hh:mm:ss").set();
            }
            default -> {
              if (v instanceof Number num) {
                ws.value(r, c, num);
              } else if (v instanceof Boolean b) {
                ws.value(r, c, b);
              } else {
                ws.value(r, c, codeLabel(rs.getString(c + 1), codes.get(c), headers));
              }
            }
          }
        }
        rows++;
        if (r % 10_000 == 0) {
          ws.flush();
        }
      }
      wb.finish();
    }
    return rows;
  }
}
