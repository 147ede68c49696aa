package org.palabre.sources.mdm;

import org.palabre.codes.CountryCodes;
import java.io.Reader;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.model.ParseSink;
import org.palabre.sources.mdm.CsvRows.InvalidRow;
import org.palabre.sources.mdm.CsvRows.Row;

/**
 * Parses the MdM partnership registry CSV into {@link Partnership} records.
 *
 * <p>Columns (English or French headers; case, accents and spacing do not matter): {@code partner}
 * / {@code partenaire}, {@code country} / {@code pays}, {@code member_section} / {@code section},
 * {@code partnership_type} / {@code type de partenariat}, {@code agreement} / {@code accord},
 * {@code start_date} / {@code date de début}, {@code end_date} / {@code date de fin}. Other
 * columns (notes, contacts) are ignored. Types, sections, agreements and countries are harmonised
 * through {@code schemas/mappings/}.
 *
 * <p>A row is rejected when the partner, country, section or type is missing, the section or type
 * is not in its mapping, the agreement is neither written nor tacit, a date is not a date, or the
 * end is before the start.
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

  private final CountryCodes countries;
  private final LabelMapping sections;
  private final LabelMapping types;
  private final LabelMapping agreements;

  public PartnershipRegistryParser(CountryCodes countries, LabelMapping sections, LabelMapping types,
      LabelMapping agreements) {
    this.countries = countries;
    this.sections = sections;
    this.types = types;
    this.agreements = agreements;
  }

  /** A parser with the mapping files of {@code schemas/mappings/} on the classpath. */
  public static PartnershipRegistryParser create() {
    return new PartnershipRegistryParser(
        CountryCodes.get(),
        LabelMapping.load("schemas/mappings/mdm_sections.csv"),
        LabelMapping.load("schemas/mappings/partnership_types.csv"),
        LabelMapping.load("schemas/mappings/agreement_types.csv"));
  }

  /** Whether a text's header (first non-blank line) is this kind of file's. */
  public static boolean recognises(String text, char separator) {
    return recognises(CsvRows.headerKeys(text, separator));
  }

  static boolean recognises(java.util.Set<String> columnKeys) {
    return CsvRows.hasAll(columnKeys, List.of(PARTNER, TYPE, AGREEMENT));
  }

  /** Parses a decoded registry file whose separator the framework detected. */
  public void parse(Reader csv, char separator, ParseSink<Partnership> sink) {
    CsvRows.read(csv, separator, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  private Partnership row(Row row) throws InvalidRow {
    String partner = required(row, PARTNER);
    String country = required(row, COUNTRY);
    String sectionRaw = required(row, SECTION);
    String section = sections.code(sectionRaw).orElseThrow(() -> new InvalidRow(
        row.name(SECTION) + " '" + sectionRaw + "' is not a network member (schemas/mappings/mdm_sections.csv)"));
    String typeRaw = required(row, TYPE);
    String type = types.code(typeRaw).orElseThrow(() -> new InvalidRow(
        row.name(TYPE) + " '" + typeRaw + "' is not in the partnership typology (schemas/mappings/partnership_types.csv)"));
    String agreementRaw = row.get(AGREEMENT);
    String agreement = agreementRaw == null ? "unknown" : agreements.code(agreementRaw).orElseThrow(() -> new InvalidRow(
        row.name(AGREEMENT) + " '" + agreementRaw + "' is neither written nor tacit (schemas/mappings/agreement_types.csv)"));
    LocalDate start = CsvRows.date(row, START);
    LocalDate end = CsvRows.date(row, END);
    if (start != null && end != null && end.isBefore(start)) {
      throw new InvalidRow(row.name(END) + " " + end + " is before " + row.name(START) + " " + start);
    }
    return new Partnership(partner, country, countries.toIso2(country).orElse(null), section, typeRaw, type, agreement,
        start, end, row.line);
  }

  static String required(Row row, List<String> aliases) throws InvalidRow {
    String v = row.get(aliases);
    if (v == null) {
      throw new InvalidRow(row.name(aliases) + " is missing");
    }
    return v;
  }
}
