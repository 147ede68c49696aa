package org.palabre.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Prints query results as an aligned table, CSV or JSON (an array of objects): {@code query}'s formats, and the tables of every report. */
public enum ResultFormat {
  table, csv, json;

  private static final int MAX_TABLE_WIDTH = 120;

  public void print(ResultSet rs, PrintStream out) throws SQLException, IOException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String> names = new ArrayList<>();
    for (int c = 1; c <= n; c++) {
      names.add(meta.getColumnLabel(c));
    }
    switch (this) {
      case csv -> {
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(names.toArray(String[]::new)).get());
        while (rs.next()) {
          for (int c = 1; c <= n; c++) {
            printer.print(rs.getString(c));
          }
          printer.println();
        }
        printer.flush();
      }
      case json -> {
        JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out);
        json.useDefaultPrettyPrinter();
        json.writeStartArray();
        while (rs.next()) {
          json.writeStartObject();
          for (int c = 1; c <= n; c++) {
            Object value = rs.getObject(c);
            json.writeFieldName(names.get(c - 1));
            if (value == null) {
              json.writeNull();
            } else if (value instanceof Number num) {
              json.writeNumber(num.toString());
            } else if (value instanceof Boolean b) {
              json.writeBoolean(b);
            } else {
              json.writeString(rs.getString(c));
            }
          }
          json.writeEndObject();
        }
        json.writeEndArray();
        json.flush();
        out.println();
      }
      case table -> {
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
          String[] row = new String[n];
          for (int c = 1; c <= n; c++) {
            String v = rs.getString(c);
            row[c - 1] = v == null ? "" : v.length() > MAX_TABLE_WIDTH ? v.substring(0, MAX_TABLE_WIDTH - 1) + "…" : v;
          }
          rows.add(row);
        }
        printTable(out, names, rows);
        out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
      }
    }
  }

  public static void printTable(PrintStream out, List<String> header, List<String[]> rows) {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < width.length; c++) {
      line.append(c == 0 ? "" : "  ").append(pad(header.get(c), width[c]));
    }
    out.println(line.toString().stripTrailing());
    line.setLength(0);
    for (int c = 0; c < width.length; c++) {
      line.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
    }
    out.println(line);
    for (String[] row : rows) {
      line.setLength(0);
      for (int c = 0; c < width.length; c++) {
        line.append(c == 0 ? "" : "  ").append(pad(row[c], width[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
