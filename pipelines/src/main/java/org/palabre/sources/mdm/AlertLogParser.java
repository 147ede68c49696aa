package org.palabre.sources.mdm;

import java.io.Reader;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.model.ParseSink;
import org.palabre.sources.tables.Table;
import org.palabre.sources.mdm.CsvRows.InvalidRow;
import org.palabre.sources.mdm.CsvRows.Row;

/**
 * Parses the red/orange-line alert log CSV into {@link PartnerAlert} records.
 *
 * <p>Columns: {@code alert_id} (optional), {@code date_raised} / {@code date de signalement},
 * {@code date_closed} / {@code date de clôture} (blank: still open), {@code country} / {@code
 * pays}, {@code partner} / {@code partenaire}, {@code category} / {@code catégorie}, {@code level}
 * / {@code niveau} (optional: red/rouge/orange), {@code member_section} (optional), {@code
 * description} (ignored: free text that may name people). Category, level, section and country are
 * kept as written, with the headers of their columns: the build maps them ({@code
 * schemas/mappings/alert_categories.csv}, {@code alert_levels.csv}, {@code mdm_sections.csv}) and
 * holds the alerts whose category is no red or orange line, whose level is neither or contradicts
 * the category, or whose section is unknown.
 *
 * <p>A row is rejected when the date raised is missing or not a date, the date closed is not a
 * date or before the date raised, or the category, country or partner is missing.
 */
public final class AlertLogParser {

  static final List<String> ID = List.of("alert_id", "id", "reference", "ref", "numero", "id_alerte");
  static final List<String> RAISED = List.of("date_raised", "raised", "date_signalement", "date_de_signalement", "date_alerte", "date", "date_ouverture");
  static final List<String> CLOSED = List.of("date_closed", "closed", "date_cloture", "date_de_cloture", "date_fermeture", "date_de_fermeture");
  static final List<String> COUNTRY = List.of("country", "pays");
  static final List<String> PARTNER = List.of("partner", "partenaire", "organisation");
  static final List<String> CATEGORY = List.of("category", "categorie", "ligne", "line", "motif", "type");
  static final List<String> LEVEL = List.of("level", "niveau", "couleur", "colour", "color");
  static final List<String> SECTION = List.of("member_section", "section", "membre", "member");

  private static final Map<String, List<String>> REQUIRED = new LinkedHashMap<>();

  static {
    REQUIRED.put("date_raised", RAISED);
    REQUIRED.put("country", COUNTRY);
    REQUIRED.put("partner", PARTNER);
    REQUIRED.put("category", CATEGORY);
  }

  private final LocalDate runDate;

  private AlertLogParser(LocalDate runDate) {
    this.runDate = runDate;
  }

  /** A parser for a run today. */
  public static AlertLogParser create() {
    return create(org.palabre.text.Periods.runDate(null));
  }

  /** A parser for the run of {@code runDate}: an alert raised or closed after it is rejected. */
  public static AlertLogParser create(LocalDate runDate) {
    return new AlertLogParser(runDate);
  }

  /** Whether a text's header (first non-blank line) is this kind of file's. */
  public static boolean recognises(String text, char separator) {
    return recognises(CsvRows.headerKeys(text, separator));
  }

  /** Whether a header's column keys ({@code partenaire}, {@code date_de_debut}) are this kind of file's. */
  public static boolean recognises(java.util.Set<String> columnKeys) {
    return CsvRows.hasAll(columnKeys, List.of(RAISED, CATEGORY, PARTNER));
  }

  /** Parses a decoded alert log whose separator the framework detected. */
  public void parse(Reader csv, char separator, ParseSink<PartnerAlert> sink) {
    CsvRows.read(csv, separator, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  /**
   * Parses one table of a delivered file (a CSV file or a workbook sheet) from its header row on.
   *
   * @param separator the one rejected rows are written back with
   * @param headerLine the line of the header row ({@link #recognises(java.util.Set)} found it)
   */
  public void parse(Table table, char separator, long headerLine, ParseSink<PartnerAlert> sink) {
    CsvRows.read(table, separator, headerLine, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  private PartnerAlert row(Row row) throws InvalidRow {
    String categoryRaw = PartnershipRegistryParser.required(row, CATEGORY);
    LocalDate raised = CsvRows.date(row, RAISED);
    if (raised == null) {
      throw new InvalidRow(row.name(RAISED) + " is missing");
    }
    CsvRows.notAfterRunDate(row, RAISED, raised, runDate);
    LocalDate closed = CsvRows.date(row, CLOSED);
    CsvRows.notAfterRunDate(row, CLOSED, closed, runDate);
    if (closed != null && closed.isBefore(raised)) {
      throw new InvalidRow(row.name(CLOSED) + " " + closed + " is before " + row.name(RAISED) + " " + raised);
    }
    String country = PartnershipRegistryParser.required(row, COUNTRY);
    String partner = PartnershipRegistryParser.required(row, PARTNER);
    return new PartnerAlert(row.get(ID), categoryRaw, row.get(LEVEL), raised, closed, country, partner, row.get(SECTION),
        new PartnerAlert.Columns(row.name(CATEGORY), column(row, LEVEL), column(row, SECTION)), row.line);
  }

  /** The header of an optional column as written, null when the file has none. */
  private static String column(Row row, List<String> aliases) {
    return row.header.has(aliases) ? row.name(aliases) : null;
  }
}
