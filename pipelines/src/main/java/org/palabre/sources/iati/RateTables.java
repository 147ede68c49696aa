package org.palabre.sources.iati;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.palabre.money.ExchangeRates;

/**
 * Finds the exchange-rate tables of a delivery and merges them into one {@link ExchangeRates}.
 *
 * <p>A rate table is any CSV file under {@code <input>/reference/} (any depth, any name) whose
 * header, after comment lines, is {@code rate_date,currency,units_per_eur}: the header decides, not
 * the file name, so the network can call the file what it likes and other reference CSVs
 * (advocacy log, targets) are left alone. They are the IATI family's context files: a changed
 * table makes the IATI files be read again with the new rates.
 */
public final class RateTables {

  /** The folder of the input that holds reference data, rate tables among it. */
  public static final String FOLDER = "reference";

  private RateTables() {}

  /** The rate tables under {@code <input>/reference/}, sorted by path; empty when there are none. */
  public static List<Path> find(Path input) throws IOException {
    Path folder = input.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> tables = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") && !name.startsWith(".")) {
          try (InputStream in = Files.newInputStream(file)) {
            if (isRateTable(in)) {
              tables.add(file);
            }
          }
        }
      }
    }
    return tables;
  }

  /** Whether the text's header (its first line that is neither blank nor a comment) is a rate table's. */
  static boolean isRateTable(InputStream csv) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      line = line.replace("\uFEFF", "");
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      return headerCells(line).equals(ExchangeRates.HEADER);
    }
    return false;
  }

  private static List<String> headerCells(String line) {
    List<String> cells = new ArrayList<>();
    for (String cell : line.split(",", -1)) {
      cells.add(cell.strip().replace("\"", "").toLowerCase(Locale.ROOT));
    }
    return cells;
  }

  /** A named table's text, as read from the delivery. */
  public record Table(String name, String text) {}

  /**
   * Merges tables into one set of rates: their data lines under a single header. Two tables giving
   * a currency two different rates on the same day are refused, like a table that contradicts
   * itself ({@link ExchangeRates#load(java.io.Reader, String)} explains the errors). No table means
   * only EUR can be valued.
   */
  public static ExchangeRates merge(List<Table> tables) throws IOException {
    StringBuilder merged = new StringBuilder(String.join(",", ExchangeRates.HEADER)).append('\n');
    List<String> names = new ArrayList<>();
    for (Table table : tables) {
      names.add(table.name());
      boolean headerSkipped = false;
      BufferedReader lines = new BufferedReader(new StringReader(table.text().replace("\uFEFF", "")));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (!headerSkipped) {
          headerSkipped = true;
          continue;
        }
        merged.append(line).append('\n');
      }
    }
    return ExchangeRates.load(new StringReader(merged.toString()),
        names.isEmpty() ? "no rate table" : String.join(" + ", names));
  }
}
