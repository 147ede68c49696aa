package org.palabre.sources.tabular;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.model.SourceFigure;
import org.palabre.privacy.PersonalColumns;
import org.palabre.sources.tables.TableRow;
import org.palabre.text.Numbers;

/**
 * How {@link ActivityTableParser} finds a table's header in its first rows: an HXL hashtag row,
 * else (where the family allows them) French headers of the grammar, or a header of figures
 * under the report's service or month written above it; the columns that hold text, not figures;
 * the report's service, country or month written above the header; a report laid out
 * vertically. What it finds is noted in the table's {@link TableTally}.
 */
final class HeaderSearch implements Serializable {

  private final ActivityTableParser.Settings settings;
  private final TableGrammar grammar;

  HeaderSearch(ActivityTableParser.Settings settings, TableGrammar grammar) {
    this.settings = settings;
    this.grammar = grammar;
  }

  TableHeader findHeader(List<TableRow> head, TableTally tally) {
    for (TableRow row : head) {
      List<String> cells = row.cells();
      if (TableGrammar.isHashtagRow(cells)) {
        List<String> malformed = new ArrayList<>();
        List<ColumnRole> roles = grammar.hashtagColumns(cells, malformed);
        if (!malformed.isEmpty()) {
          tally.warnings.add("cells of the hashtag row that are not HXL hashtags, their columns not read: "
              + String.join(", ", malformed));
        }
        String kind = settings.frenchHeaders() ? SourceFigure.ACTIVITY_REPORT : SourceFigure.ACTIVITY_TABLE;
        tally.fileKind = settings.sourceFamily() + " activity table, HXL hashtags";
        return TableHeader.of(kind, roles, cells, row);
      }
    }
    if (settings.frenchHeaders()) {
      for (TableRow row : head) {
        List<String> cells = row.cells();
        if (grammar.knownHeaders(cells) >= 2) {
          return frenchHeader(row, tally);
        }
      }
    }
    tally.fileKind = settings.sourceFamily() + " table, header not recognised";
    return null;
  }

  TableHeader frenchHeader(TableRow row, TableTally tally) {
    List<String> cells = row.cells();
    boolean training = cells.stream().anyMatch(grammar::marksTraining);
    tally.fileKind = settings.sourceFamily() + (training ? " trainings" : " activity report") + ", French headers";
    return TableHeader.of(training ? SourceFigure.TRAINING_LIST : SourceFigure.ACTIVITY_REPORT, grammar.columns(cells), cells, row);
  }

  /**
   * A header of figures only ("Maraudes;Personnes rencontrées;dont femmes") under the report's
   * service or month written above it as a label and its value: the first row of two or more
   * words, no number, after such a preamble row, whose next row holds two numbers or more (a
   * vertical report's "Indicateur;Valeur" is followed by one label and one number).
   */
  TableRow headerUnderPreamble(List<TableRow> head, TableTally tally) {
    boolean preamble = false;
    for (int i = 0; i < head.size(); i++) {
      List<String> cells = head.get(i).cells();
      LabelValue lv = filledCells(cells) > 2 ? null : labelValue(cells);
      ColumnRole role = lv == null ? null : grammar.header(lv.label());
      if (role != null && role.kind() == ColumnRole.Kind.DIMENSION) {
        preamble = true;
        continue;
      }
      if (preamble && filledCells(cells) >= 2 && numbers(cells, tally.decimalComma) == 0 && i + 1 < head.size()
          && numbers(head.get(i + 1).cells(), tally.decimalComma) >= 2) {
        return head.get(i);
      }
    }
    return null;
  }

  private static int numbers(List<String> cells, boolean decimalComma) {
    int numbers = 0;
    for (String cell : cells) {
      if (!Numbers.isMissing(cell)) {
        try {
          Numbers.parse(cell, decimalComma);
          numbers++;
        } catch (NumberFormatException e) {
          // a word
        }
      }
    }
    return numbers;
  }

  /**
   * The header with the figure columns that hold text turned into text columns: a column not
   * named by the grammar whose first data cells give two or more words and no number (a
   * "Remarques" column a member added) is not a column of figures, and is listed in the load
   * report as not read. Two columns with the same measure are both read, told apart by their
   * column, and listed too.
   */
  TableHeader withTextColumnsFound(TableHeader header, List<TableRow> head, TableTally tally) {
    List<ColumnRole> roles = new ArrayList<>(header.roles());
    int first = head.indexOf(header.row()) + 1;
    List<String> textColumns = new ArrayList<>();
    List<String> personalColumns = new ArrayList<>();
    Map<String, List<Integer>> columnsOfMeasure = new LinkedHashMap<>();
    for (int i = 0; i < roles.size(); i++) {
      ColumnRole role = roles.get(i);
      if (PersonalColumns.isPersonal(header.names().get(i))) {
        // never read, whatever the grammar says of it (a #contact+name is text too): said as personal
        roles.set(i, ColumnRole.TEXT);
        personalColumns.add(TableHeader.column(i, header));
        continue;
      }
      if (role.kind() != ColumnRole.Kind.FIGURE) {
        continue;
      }
      int words = 0;
      int numbers = 0;
      for (TableRow row : head.subList(first, head.size())) {
        String cell = i < row.cells().size() ? row.cells().get(i) : "";
        if (Numbers.isMissing(cell)) {
          continue;
        }
        try {
          Numbers.parse(cell, tally.decimalComma);
          numbers++;
        } catch (NumberFormatException e) {
          words++;
        }
      }
      // an HXL hashtag says what a column is: one word and no number make an unknown tag's column text;
      // a header of words needs two (a single "beaucoup" in a one-row report is a bad figure)
      int wordsForText = SourceFigure.HXL.equals(role.measureScheme()) ? 1 : 2;
      if (words >= wordsForText && numbers == 0 && !role.declared()) {
        roles.set(i, ColumnRole.TEXT);
        textColumns.add(TableHeader.column(i, header));
      } else {
        columnsOfMeasure.computeIfAbsent(role.measure(), m -> new ArrayList<>()).add(i + 1);
      }
    }
    if (!textColumns.isEmpty()) {
      tally.warnings.add("columns holding text, not figures, not read: " + String.join(", ", textColumns));
    }
    if (!personalColumns.isEmpty()) {
      tally.warnings.add("personal columns, never read: " + String.join(", ", personalColumns));
    }
    columnsOfMeasure.forEach((measure, columns) -> {
      if (columns.size() > 1) {
        tally.warnings.add("columns " + columns + " carry the same measure " + measure + ": each is read, told apart by its column");
      }
    });
    return TableHeader.of(header.tableKind(), roles, header.names(), header.row());
  }

  /** A label and its value on one row: "Dispositif;Samusocial Sénégal" or "Dispositif : Samusocial Sénégal". */
  record LabelValue(String label, String value, int valueColumn) {}

  static LabelValue labelValue(List<String> cells) {
    List<Integer> filled = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i) != null && !cells.get(i).isBlank()) {
        filled.add(i);
      }
    }
    if (filled.isEmpty()) {
      return null;
    }
    String first = cells.get(filled.get(0)).strip();
    if (filled.size() == 1) {
      int colon = first.indexOf(':');
      return colon > 0 ? new LabelValue(first.substring(0, colon), first.substring(colon + 1).strip(), filled.get(0)) : null;
    }
    return new LabelValue(first.endsWith(":") ? first.substring(0, first.length() - 1) : first, cells.get(filled.get(1)).strip(),
        filled.get(1));
  }

  /** Service, country or month written above the header row, as label and value. */
  Map<String, String> preamble(List<TableRow> head, TableHeader header) {
    Map<String, String> dims = new HashMap<>();
    if (!settings.frenchHeaders()) {
      return dims;
    }
    for (TableRow row : head) {
      if (row == header.row()) {
        break;
      }
      // a label and its value, not a row of labels (the free-text header above HXL hashtags)
      LabelValue lv = filledCells(row.cells()) > 2 ? null : labelValue(row.cells());
      ColumnRole role = lv == null ? null : grammar.header(lv.label());
      if (role != null && role.kind() == ColumnRole.Kind.DIMENSION && !lv.value().isEmpty()) {
        dims.putIfAbsent(role.dimension(), lv.value());
      }
    }
    return dims;
  }

  /**
   * A vertical report: the first rows give the report's service, country or month as a label and
   * its value, and other rows a label and a number (or a blank): two of either and one of the other.
   */
  boolean isVertical(List<TableRow> head, TableTally tally) {
    int dimensions = 0;
    int figures = 0;
    for (TableRow row : head) {
      LabelValue lv = labelValue(row.cells());
      if (lv == null || filledCells(row.cells()) > 2) {
        continue;
      }
      ColumnRole role = grammar.header(lv.label());
      if (role != null && role.kind() == ColumnRole.Kind.DIMENSION) {
        dimensions++;
      } else if (role == null && isNumberOrBlank(lv.value(), tally.decimalComma)) {
        figures++;
      }
    }
    return (dimensions >= 2 && figures >= 1) || (dimensions >= 1 && figures >= 2);
  }

  private static boolean isNumberOrBlank(String cell, boolean decimalComma) {
    try {
      Numbers.parse(cell, decimalComma);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static int filledCells(List<String> cells) {
    int filled = 0;
    for (String cell : cells) {
      if (cell != null && !cell.isBlank()) {
        filled++;
      }
    }
    return filled;
  }
}
