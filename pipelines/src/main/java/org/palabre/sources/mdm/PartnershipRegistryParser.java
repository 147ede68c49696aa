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
 * Parses the MdM partnership registry CSV into {@link Partnership} records.
 *
 * <p>Columns (English or French headers; case, accents and spacing do not matter): {@code partner}
 * / {@code partenaire}, {@code country} / {@code pays}, {@code member_section} / {@code section},
 * {@code partnership_type} / {@code type de partenariat}, {@code agreement} / {@code accord},
 * {@code start_date} / {@code date de début}, {@code end_date} / {@code date de fin}. Other
 * columns (notes, contacts) are ignored. Sections, types, agreements and countries are kept as
 * written, with the headers of their columns: the build maps them ({@code schemas/mappings/}) and
 * holds the rows whose section, type or agreement no mapping line knows.
 *
 * <p>A row is rejected when the partner, country, section or type is missing, a date is not a
 * date, or the end is before the start.
 */
public final class PartnershipRegistryParser {

  static final List<String> PARTNER = List.of("partner", "partenaire", "partner_name", "nom_du_partenaire", "organisation", "organization");
  static final List<String> COUNTRY = List.of("country", "pays");
  static final List<String> SECTION = List.of("member_section", "section", "membre", "member", "section_mdm", "mdm_section");
  static final List<String> TYPE = List.of("partnership_type", "type", "type_de_partenariat", "typologie", "type_partenariat");
  static final List<String> AGREEMENT = List.of("agreement", "accord", "written_agreement", "accord_ecrit", "formalisation", "convention");
  static final List<String> START = List.of("start_date", "start", "date_de_debut", "date_debut", "debut");
  static final List<String> END = List.of("end_date", "end", "date_de_fin", "date_fin", "fin");

  private static final Map<String, List<String>> REQUIRED = new LinkedHashMap<>();

  static {
    REQUIRED.put("partner", PARTNER);
    REQUIRED.put("country", COUNTRY);
    REQUIRED.put("member_section", SECTION);
    REQUIRED.put("partnership_type", TYPE);
    REQUIRED.put("agreement", AGREEMENT);
  }

  private final LocalDate runDate;

  private PartnershipRegistryParser(LocalDate runDate) {
    this.runDate = runDate;
  }

  /** A parser for a run today. */
  public static PartnershipRegistryParser create() {
    return create(org.palabre.text.Periods.runDate(null));
  }

  /** A parser for the run of {@code runDate}: a start date after it is rejected (an end date is a forecast). */
  public static PartnershipRegistryParser create(LocalDate runDate) {
    return new PartnershipRegistryParser(runDate);
  }

  /** Whether a text's header (first non-blank line) is this kind of file's. */
  public static boolean recognises(String text, char separator) {
    return recognises(CsvRows.headerKeys(text, separator));
  }

  /** Whether a header's column keys ({@code partenaire}, {@code date_de_debut}) are this kind of file's. */
  public static boolean recognises(java.util.Set<String> columnKeys) {
    return CsvRows.hasAll(columnKeys, List.of(PARTNER, TYPE, AGREEMENT));
  }

  /** Parses a decoded registry file whose separator the framework detected. */
  public void parse(Reader csv, char separator, ParseSink<Partnership> sink) {
    CsvRows.read(csv, separator, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  /**
   * Parses one table of a delivered file (a CSV file or a workbook sheet) from its header row on.
   *
   * @param separator the one rejected rows are written back with
   * @param headerLine the line of the header row ({@link #recognises(java.util.Set)} found it)
   */
  public void parse(Table table, char separator, long headerLine, ParseSink<Partnership> sink) {
    CsvRows.read(table, separator, headerLine, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  private Partnership row(Row row) throws InvalidRow {
    String partner = required(row, PARTNER);
    String country = required(row, COUNTRY);
    String sectionRaw = required(row, SECTION);
    String typeRaw = required(row, TYPE);
    LocalDate start = CsvRows.date(row, START);
    CsvRows.notAfterRunDate(row, START, start, runDate);
    LocalDate end = CsvRows.date(row, END);
    if (start != null && end != null && end.isBefore(start)) {
      throw new InvalidRow(row.name(END) + " " + end + " is before " + row.name(START) + " " + start);
    }
    return new Partnership(partner, country, sectionRaw, typeRaw, row.get(AGREEMENT), start, end,
        new Partnership.Columns(row.name(SECTION), row.name(TYPE), row.name(AGREEMENT)), row.line);
  }

  static String required(Row row, List<String> aliases) throws InvalidRow {
    String v = row.get(aliases);
    if (v == null) {
      throw new InvalidRow(row.name(aliases) + " is missing");
    }
    return v;
  }
}
