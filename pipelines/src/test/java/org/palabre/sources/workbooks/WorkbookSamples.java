package org.palabre.sources.workbooks;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The workbook versions of two CSV samples of {@code data-samples/}, made from those CSV files so
 * that they mirror them figure for figure, laid out as members' workbooks are:
 *
 * <ul>
 *   <li>{@value #SAMUSOCIAL}: the Samusocial Burkina Faso monthly reports 2022-2023 as a report
 *       template: a notes sheet first, then the report with a two-row title block (merged), a row
 *       of merged group headings above the CSV's header, months as real dates shown "mmmm yyyy",
 *       figures as numbers shown with thousands separators ("1 012" in the CSV is the number 1012),
 *       blank figures as empty cells, a total row computed by SUM formulas (with their cached
 *       values, as Excel saves them), and a hidden sheet of drop-down lists. The CSV's two bad
 *       months ("2023-13", blank) stay as they are: a text cell and an empty cell.
 *   <li>{@value #KOBO}: the KoboToolbox partner-survey export as Kobo writes it to .xlsx: one sheet
 *       named after the form, header on row 1, whole numbers as numbers, {@code today} as a date and
 *       {@code _submission_time} as a date-time, every other answer ({@code start}/{@code end} with
 *       their time zone, "n/a", "3,5") as text.
 * </ul>
 *
 * <p>Made again, by hand, when a mirrored CSV changes (from the worktree root):
 * {@code mvn -q test -Dtest=WorkbookSamplesTest -Dworkbooks.regenerate=true}. Without that flag
 * {@code WorkbookSamplesTest} fails while the committed workbooks differ from what this makes.
 */
final class WorkbookSamples {

  static final String SAMUSOCIAL = "data-samples/samusocial/burkina-faso/SSBF_rapports_mensuels_2022-2023.xlsx";
  static final String KOBO = "data-samples/partnerships/partner_survey_kobo_export.xlsx";
  static final String SAMUSOCIAL_CSV = "pipelines/src/test/resources/workbooks/SSBF_rapports_mensuels_2022-2023.csv";
  static final String KOBO_CSV = "pipelines/src/test/resources/workbooks/partner_survey_kobo_export.csv";
  /** The row of the Kobo workbook's header (a title block and merged group headings above it). */
  static final int KOBO_HEADER_ROW = 4;

  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
  private static final Pattern WHOLE = Pattern.compile("-?\\d+");
  private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}( \\d{3})+");

  private WorkbookSamples() {}

  static Path repository() {
    return Path.of(System.getProperty("palabre.repoRoot", ".")).toAbsolutePath().normalize();
  }

  static Path folder() {
    return repository().resolve("pipelines/src/test/resources/workbooks");
  }

  static List<List<String>> csv(String relativePath) throws IOException {
    String text = Files.readString(repository().resolve(relativePath), StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> rows = new ArrayList<>();
    try (Reader in = new java.io.StringReader(text)) {
      for (CSVRecord record : CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(in)) {
        rows.add(record.toList());
      }
    }
    return rows;
  }

  static XlsxBuilder samusocial() throws IOException {
    List<List<String>> csv = csv(SAMUSOCIAL_CSV);
    XlsxBuilder xlsx = new XlsxBuilder();
    int month = xlsx.style("mmmm yyyy");
    int figure = xlsx.style("#,##0");
    xlsx.sheet("Notes")
        .text("A1", "Notes pour la saisie du rapport mensuel")
        .text("A3", "Une ligne par mois. Saisir le premier jour du mois : il s'affiche « janvier 2022 ».")
        .text("A4", "Laisser vide un chiffre inconnu (ne pas saisir 0).")
        .text("A5", "La ligne Total est calculée : ne pas la modifier.")
        .text("A6", "Envoyer le classeur chaque mois à la coordination du réseau.")
        .columnWidth(1, 1, 90);
    XlsxBuilder.SheetBuilder report = xlsx.sheet("Rapports 2022-2023")
        .text("A1", "Rapport d'activité mensuel – Samusocial Burkina Faso (Ouagadougou)").merge("A1:K1")
        .text("A2", "Période : janvier 2022 – décembre 2023").merge("A2:K2")
        .text("A4", "Identification").merge("A4:C4")
        .text("D4", "Activité de rue").merge("D4:G4")
        .text("H4", "Soins").merge("H4:I4")
        .text("J4", "Hébergement et orientation").merge("J4:K4")
        .columnWidth(1, 2, 24).columnWidth(3, 3, 16).columnWidth(4, 11, 14);
    List<String> header = csv.get(0);
    for (int c = 0; c < header.size(); c++) {
      report.text(CellText.columnName(c) + 5, header.get(c));
    }
    int firstData = 6;
    int lastData = firstData + csv.size() - 2;
    long[] totals = new long[header.size()];
    for (int r = 1; r < csv.size(); r++) {
      List<String> row = csv.get(r);
      int sheetRow = firstData + r - 1;
      for (int c = 0; c < row.size(); c++) {
        String value = row.get(c).trim();
        String ref = CellText.columnName(c) + sheetRow;
        Matcher m = MONTH.matcher(value);
        if (value.isEmpty()) {
          continue;
        } else if (c == 2 && m.matches()) {
          report.date(ref, LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1), month);
        } else if (WHOLE.matcher(value).matches() || THOUSANDS.matcher(value).matches()) {
          String digits = value.replace(" ", "");
          report.number(ref, digits, figure);
          totals[c] += Long.parseLong(digits);
        } else {
          report.text(ref, value);
        }
      }
    }
    int totalRow = lastData + 2;
    report.text("A" + totalRow, "Total");
    for (int c = 3; c < header.size(); c++) {
      String column = CellText.columnName(c);
      report.formula(column + totalRow, "SUM(" + column + firstData + ":" + column + lastData + ")", "n",
          Long.toString(totals[c]), figure);
    }
    xlsx.sheet("Listes", "hidden").text("A1", "Burkina Faso").text("A2", "Sénégal").text("A3", "Congo");
    return xlsx;
  }

  static XlsxBuilder kobo() throws IOException {
    List<List<String>> csv = csv(KOBO_CSV);
    XlsxBuilder xlsx = new XlsxBuilder();
    int date = xlsx.style("yyyy-mm-dd");
    int dateTime = xlsx.style("yyyy-mm-dd hh:mm:ss");
    List<String> header = csv.get(0);
    String last = CellText.columnName(header.size() - 1);
    xlsx.sheet("Lisez-moi")
        .text("A1", "Enquête de perception des partenaires MdM (KoboToolbox)")
        .text("A3", "Export du serveur ee.kobotoolbox.org, valeurs et en-têtes XML, groupes dans les en-têtes.")
        .text("A4", "Une ligne par soumission ; ne pas modifier les colonnes commençant par « _ ».")
        .columnWidth(1, 1, 90);
    XlsxBuilder.SheetBuilder sheet = xlsx.sheet("Enquête partenaires MdM")
        .text("A1", "Enquête partenaires MdM – export KoboToolbox").merge("A1:" + last + "1")
        .text("A2", "Exporté par la coordination du réseau");
    // merged group headings over the columns of each group, as an officer lays out the export
    int first = 0;
    for (int c = 1; c <= header.size(); c++) {
      if (c == header.size() || !group(header.get(c)).equals(group(header.get(first)))) {
        sheet.text(CellText.columnName(first) + 3, group(header.get(first)));
        if (c - 1 > first) {
          sheet.merge(CellText.columnName(first) + 3 + ":" + CellText.columnName(c - 1) + 3);
        }
        first = c;
      }
    }
    for (int r = 0; r < csv.size(); r++) {
      List<String> row = csv.get(r);
      int sheetRow = KOBO_HEADER_ROW + r;
      for (int c = 0; c < row.size(); c++) {
        String value = row.get(c);
        String ref = CellText.columnName(c) + sheetRow;
        String column = header.get(c);
        if (value.isEmpty()) {
          continue;
        } else if (r > 0 && column.equals("_index") && value.equals(Integer.toString(r))) {
          sheet.formula(ref, "ROW()-" + KOBO_HEADER_ROW, "n", value, 0);
        } else if (r > 0 && column.equals("today") && value.matches("\\d{4}-\\d\\d-\\d\\d")) {
          sheet.date(ref, LocalDate.parse(value), date);
        } else if (r > 0 && column.equals("_submission_time") && value.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d")) {
          sheet.dateTime(ref, LocalDateTime.parse(value), dateTime);
        } else if (r > 0 && WHOLE.matcher(value).matches()) {
          sheet.number(ref, new BigDecimal(value).toPlainString());
        } else {
          sheet.text(ref, value);
        }
      }
    }
    return xlsx;
  }

  /** The heading a Kobo column is grouped under: its group path, or what its kind of column is. */
  private static String group(String column) {
    int slash = column.indexOf('/');
    if (slash > 0) {
      return column.substring(0, slash);
    }
    return column.startsWith("_") ? "Soumission" : "Formulaire";
  }

  /** Writes both samples into {@code data-samples/}, where they replace the CSV files they are made from. */
  static void writeAll() throws IOException {
    samusocial().write(repository().resolve(SAMUSOCIAL));
    kobo().write(repository().resolve(KOBO));
  }
}
