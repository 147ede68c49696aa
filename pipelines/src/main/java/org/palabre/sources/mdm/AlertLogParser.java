package org.palabre.sources.mdm;

import org.palabre.text.Labels;
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
 * Parses the red/orange-line alert log CSV into {@link PartnerAlert} records.
 *
 * <p>Columns: {@code alert_id} (optional), {@code date_raised} / {@code date de signalement},
 * {@code date_closed} / {@code date de clôture} (blank: still open), {@code country} / {@code
 * pays}, {@code partner} / {@code partenaire}, {@code category} / {@code catégorie}, {@code level}
 * / {@code niveau} (optional: red/rouge/orange; when given it must agree with the category), {@code
 * member_section} (optional), {@code description} (ignored: free text that may name people).
 *
 * <p>A row is rejected when the category is not in {@code schemas/mappings/alert_categories.csv},
 * the level contradicts the category, the date raised is missing or not a date, or the alert was
 * closed before it was raised.
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

  private final CountryCodes countries;
  private final LabelMapping categories;
  private final LabelMapping sections;

  public AlertLogParser(CountryCodes countries, LabelMapping categories, LabelMapping sections) {
    this.countries = countries;
    this.categories = categories;
    this.sections = sections;
  }

  /** A parser with the mapping files of {@code schemas/mappings/} on the classpath. */
  public static AlertLogParser create() {
    return new AlertLogParser(
        CountryCodes.get(),
        LabelMapping.load("schemas/mappings/alert_categories.csv"),
        LabelMapping.load("schemas/mappings/mdm_sections.csv"));
  }

  /** Whether a text's header (first non-blank line) is this kind of file's. */
  public static boolean recognises(String text, char separator) {
    return recognises(CsvRows.headerKeys(text, separator));
  }

  static boolean recognises(java.util.Set<String> columnKeys) {
    return CsvRows.hasAll(columnKeys, List.of(RAISED, CATEGORY, PARTNER));
  }

  /** Parses a decoded alert log whose separator the framework detected. */
  public void parse(Reader csv, char separator, ParseSink<PartnerAlert> sink) {
    CsvRows.read(csv, separator, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  private PartnerAlert row(Row row) throws InvalidRow {
    String categoryRaw = PartnershipRegistryParser.required(row, CATEGORY);
    Map<String, String> category = categories.find(categoryRaw).orElseThrow(() -> new InvalidRow(
        row.name(CATEGORY) + " '" + categoryRaw + "' is not a red or orange line (schemas/mappings/alert_categories.csv)"));
    String level = category.get("level");
    String levelRaw = row.get(LEVEL);
    if (levelRaw != null) {
      String written = switch (Labels.normalise(levelRaw)) {
        case "red", "rouge", "ligne rouge", "red line" -> "red";
        case "orange", "ligne orange", "orange line" -> "orange";
        default -> throw new InvalidRow(row.name(LEVEL) + " '" + levelRaw + "' is not red or orange");
      };
      if (!written.equals(level)) {
        throw new InvalidRow(row.name(LEVEL) + " '" + levelRaw + "' contradicts category '" + categoryRaw
            + "', which is a " + level + " line");
      }
    }
    LocalDate raised = CsvRows.date(row, RAISED);
    if (raised == null) {
      throw new InvalidRow(row.name(RAISED) + " is missing");
    }
    LocalDate closed = CsvRows.date(row, CLOSED);
    if (closed != null && closed.isBefore(raised)) {
      throw new InvalidRow(row.name(CLOSED) + " " + closed + " is before " + row.name(RAISED) + " " + raised);
    }
    String country = PartnershipRegistryParser.required(row, COUNTRY);
    String partner = PartnershipRegistryParser.required(row, PARTNER);
    String sectionRaw = row.get(SECTION);
    String section = null;
    if (sectionRaw != null) {
      section = sections.code(sectionRaw).orElseThrow(() -> new InvalidRow(
          row.name(SECTION) + " '" + sectionRaw + "' is not a network member (schemas/mappings/mdm_sections.csv)"));
    }
    return new PartnerAlert(row.get(ID), categoryRaw, category.get("code"), level, raised, closed, country,
        countries.toIso2(country).orElse(null), partner, section, row.line);
  }
}
