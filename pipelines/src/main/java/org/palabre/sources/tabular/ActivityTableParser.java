package org.palabre.sources.tabular;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.ParseSink;
import org.palabre.model.Period;
import org.palabre.model.SourceFigure;
import org.palabre.privacy.PersonalColumns;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;
import org.palabre.text.Labels;
import org.palabre.text.Numbers;
import org.palabre.text.Periods;

/**
 * Reads one activity table (a Samusocial monthly report, a trainings list, any HXL-tagged table)
 * into {@link SourceFigure}s: one per figure cell, in the table's own words (the organisation,
 * places and period as written, the column's normalised header or its hashtag with all its
 * attributes) with the period parsed. What the figures mean (which common metric, member,
 * place, sex or age group) is the crosswalk's business, applied at build time. Every data row
 * is either loaded or rejected with the line, the column and the reason; a row is rejected only
 * when it cannot be read: a figure that is not a number, a period that is not one, no service
 * or month where the family needs them.
 *
 * <p>The header is found, not assumed ({@link TableGrammar}): an HXL hashtag row anywhere in the
 * first rows wins (the rows above it are free text); otherwise, where French headers are
 * allowed, the first row with two or more headers of the grammar. Rows above the header may carry
 * the report's service, country or month as label and value ({@code Dispositif : Samusocial
 * Sénégal}), which then hold for every row. A report laid out vertically (one label and one
 * figure per row, as some services send one file per service and month) is read too. A file
 * where none of this is found has every row rejected with a reason that says what was expected.
 */
public final class ActivityTableParser implements Serializable {

  private static final int HEADER_SEARCH_ROWS = 25;
  /** Longer than any name or figure: such a cell means a broken file (often a missing quote). */
  static final int MAX_CELL_CHARS = 10_000;

  /** What differs between the source families that deliver activity tables. */
  public record Settings(
      String sourceFamily,
      boolean frenchHeaders,
      boolean requireOrganisation,
      boolean requirePeriod,
      boolean decimalComma)
      implements Serializable {}

  private final Settings settings;
  private final TableGrammar grammar;
  // a file's rows repeat the same month: parsed once each
  private final Map<String, Object> periodsByLabel = new BoundedCache<>();

  /** A label cache that forgets everything past a few thousand labels, so odd files cannot fill the heap. */
  private static final class BoundedCache<V> extends LinkedHashMap<String, V> {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
      return size() > 4096;
    }
  }

  public ActivityTableParser(Settings settings) {
    this.settings = settings;
    this.grammar = TableGrammar.shipped();
  }

  /** How the header was understood, and what that means for every row (worked out once per file). */
  private record Header(String tableKind, List<ColumnRole> roles, List<String> names, TableRow row,
      Map<String, Integer> firstColumnOf) {

    static Header of(String tableKind, List<ColumnRole> roles, List<String> names, TableRow row) {
      Map<String, Integer> first = new HashMap<>();
      for (int i = 0; i < roles.size(); i++) {
        if (roles.get(i).kind() == ColumnRole.Kind.DIMENSION) {
          first.putIfAbsent(roles.get(i).dimension(), i);
        }
      }
      return new Header(tableKind, List.copyOf(roles), names, row, Map.copyOf(first));
    }
  }

  /**
   * Reads the table.
   *
   * @param table the file's rows
   * @param raw writes a row back as the file had it, for the rejects
   * @param encoding how the file was decoded, for the load report
   * @param separator the file's separator (null for a workbook): its convention decides decimals when
   *     the file's figures do not ({@link Numbers#decimalComma(Iterable, boolean)})
   */
  public FileLoad parse(Table table, Function<List<String>, String> raw, Delivery delivery, String encoding,
      Character separator, ParseSink<SourceFigure> sink) throws IOException {
    return parse(table, raw, delivery, encoding, separator, sink, true);
  }

  /**
   * Reads one sheet of a workbook: as {@link #parse}, but a sheet where no header is found (a notes
   * sheet, a lists sheet) is not a table of the file: nothing of it is read, and null says so.
   */
  public FileLoad parseSheet(Table table, Function<List<String>, String> raw, Delivery delivery, String encoding,
      ParseSink<SourceFigure> sink) throws IOException {
    return parse(table, raw, delivery, encoding, null, sink, false);
  }

  private FileLoad parse(Table table, Function<List<String>, String> raw, Delivery delivery, String encoding,
      Character separator, ParseSink<SourceFigure> sink, boolean headerRequired) throws IOException {
    Counts counts = new Counts();
    boolean fallbackComma = separator != null && separator == ';' || (!table.typedCells() && settings.decimalComma());
    List<TableRow> head = new ArrayList<>();
    while (head.size() < HEADER_SEARCH_ROWS && table.hasNext()) {
      TableRow row = table.next();
      if (!isBlank(row.cells())) {
        head.add(row);
      }
    }
    counts.fallbackComma = fallbackComma;
    counts.typedCells = table.typedCells();
    counts.decimalComma = Numbers.decimalComma(head.stream().flatMap(r -> r.cells().stream()).toList(), fallbackComma);
    // a table with a personal column (a name, a date of birth, a phone: a list of people misfiled
    // here) keeps no row text in the rejects; its personal columns are never read
    boolean personal = head.stream().anyMatch(row -> !PersonalColumns.in(row.cells()).isEmpty());
    Function<List<String>, String> rowText = personal ? cells -> "" : raw;
    Header header = findHeader(head, counts);
    String separatorName = separator == null ? "" : org.palabre.text.CsvDialect.describe(separator);
    if (header == null && settings.frenchHeaders() && isVertical(head, counts)) {
      readVertical(head, table, rowText, delivery, sink, counts);
      return fileLoad(delivery, encoding, separatorName, counts);
    }
    if (header == null && settings.frenchHeaders()) {
      TableRow underPreamble = headerUnderPreamble(head, counts);
      if (underPreamble != null) {
        header = frenchHeader(underPreamble, counts);
      }
    }
    if (header == null && !headerRequired) {
      return null;
    }
    if (header != null) {
      header = withTextColumnsFound(header, head, counts);
    }
    Map<String, String> preamble = header == null ? Map.of() : preamble(head, header);
    Iterator<TableRow> data = dataRows(head, header, table);
    while (data.hasNext()) {
      TableRow row = data.next();
      if (isBlank(row.cells())) {
        continue;
      }
      if (header != null && isTotalRow(row.cells())) {
        // a template's own total (often a formula): the network sums the rows itself
        counts.totalRows++;
        continue;
      }
      counts.read++;
      // the raw text is only needed for a rejected row: built then, not for every row
      Supplier<String> rawText = () -> abbreviate(rowText.apply(row.cells()));
      if (header == null) {
        counts.rejected++;
        sink.reject(row.line(), noHeaderReason(), rawText.get());
        continue;
      }
      readRow(row, rawText, header, preamble, delivery, sink, counts);
    }
    return fileLoad(delivery, encoding, separatorName, counts);
  }

  /** The rows the caller could not read past: counted as one rejected row at {@code line}. */
  public static FileLoad withBrokenRemainder(FileLoad load, long line, String reason, ParseSink<SourceFigure> sink) {
    sink.reject(line, reason, "");
    return new FileLoad(load.runId(), load.deliverySha256(), load.sourceFamily(), load.sourceFile(), load.fileKind(),
        load.encoding(), load.separator(), load.rowsRead() + 1, load.rowsLoaded(), load.rowsRejected() + 1,
        load.cellsRejected(), load.observations(), load.warnings());
  }

  private FileLoad fileLoad(Delivery delivery, String encoding, String separator, Counts counts) {
    List<String> warnings = new ArrayList<>(counts.warnings);
    if (counts.read == 0) {
      warnings.add(counts.fileKind.contains("not recognised") ? "the file is empty: no rows" : "header only: no data rows");
    }
    if (counts.totalRows > 0) {
      warnings.add(counts.totalRows + " total rows not read (rows headed 'Total': the network sums the rows itself)");
    }
    if (counts.rowsWithoutFigures > 0) {
      warnings.add(counts.rowsWithoutFigures + " rows loaded without any figure (all measure cells blank)");
    }
    if (counts.read > 0 && counts.decimalComma != counts.fallbackComma) {
      warnings.add("figures read with a decimal " + (counts.decimalComma ? "comma" : "point") + ", as the file's own figures"
          + " write them");
    }
    return new FileLoad(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
        counts.fileKind, encoding, separator, counts.read, counts.loaded, counts.rejected, counts.cellsRejected, counts.figures,
        String.join("; ", warnings));
  }

  private Header findHeader(List<TableRow> head, Counts counts) {
    for (TableRow row : head) {
      List<String> cells = row.cells();
      if (TableGrammar.isHashtagRow(cells)) {
        List<String> malformed = new ArrayList<>();
        List<ColumnRole> roles = grammar.hashtagColumns(cells, malformed);
        if (!malformed.isEmpty()) {
          counts.warnings.add("cells of the hashtag row that are not HXL hashtags, their columns not read: "
              + String.join(", ", malformed));
        }
        String kind = settings.frenchHeaders() ? SourceFigure.ACTIVITY_REPORT : SourceFigure.ACTIVITY_TABLE;
        counts.fileKind = settings.sourceFamily() + " activity table, HXL hashtags";
        return Header.of(kind, roles, cells, row);
      }
    }
    if (settings.frenchHeaders()) {
      for (TableRow row : head) {
        List<String> cells = row.cells();
        if (grammar.knownHeaders(cells) >= 2) {
          return frenchHeader(row, counts);
        }
      }
    }
    counts.fileKind = settings.sourceFamily() + " table, header not recognised";
    return null;
  }

  private Header frenchHeader(TableRow row, Counts counts) {
    List<String> cells = row.cells();
    boolean training = cells.stream().anyMatch(grammar::marksTraining);
    counts.fileKind = settings.sourceFamily() + (training ? " trainings" : " activity report") + ", French headers";
    return Header.of(training ? SourceFigure.TRAINING_LIST : SourceFigure.ACTIVITY_REPORT, grammar.columns(cells), cells, row);
  }

  /**
   * A header of figures only ("Maraudes;Personnes rencontrées;dont femmes") under the report's
   * service or month written above it as a label and its value: the first row of two or more
   * words, no number, after such a preamble row, whose next row holds two numbers or more (a
   * vertical report's "Indicateur;Valeur" is followed by one label and one number).
   */
  private TableRow headerUnderPreamble(List<TableRow> head, Counts counts) {
    boolean preamble = false;
    for (int i = 0; i < head.size(); i++) {
      List<String> cells = head.get(i).cells();
      LabelValue lv = filledCells(cells) > 2 ? null : labelValue(cells);
      ColumnRole role = lv == null ? null : grammar.header(lv.label());
      if (role != null && role.kind() == ColumnRole.Kind.DIMENSION) {
        preamble = true;
        continue;
      }
      if (preamble && filledCells(cells) >= 2 && numbers(cells, counts.decimalComma) == 0 && i + 1 < head.size()
          && numbers(head.get(i + 1).cells(), counts.decimalComma) >= 2) {
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
  private Header withTextColumnsFound(Header header, List<TableRow> head, Counts counts) {
    List<ColumnRole> roles = new ArrayList<>(header.roles());
    int first = head.indexOf(header.row()) + 1;
    List<String> textColumns = new ArrayList<>();
    List<String> personalColumns = new ArrayList<>();
    Map<String, List<Integer>> columnsOfMeasure = new LinkedHashMap<>();
    for (int i = 0; i < roles.size(); i++) {
      ColumnRole role = roles.get(i);
      if (role.kind() != ColumnRole.Kind.TEXT && PersonalColumns.isPersonal(header.names().get(i))) {
        roles.set(i, ColumnRole.TEXT);
        personalColumns.add(column(i, header));
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
          Numbers.parse(cell, counts.decimalComma);
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
        textColumns.add(column(i, header));
      } else {
        columnsOfMeasure.computeIfAbsent(role.measure(), m -> new ArrayList<>()).add(i + 1);
      }
    }
    if (!textColumns.isEmpty()) {
      counts.warnings.add("columns holding text, not figures, not read: " + String.join(", ", textColumns));
    }
    if (!personalColumns.isEmpty()) {
      counts.warnings.add("personal columns, never read: " + String.join(", ", personalColumns));
    }
    columnsOfMeasure.forEach((measure, columns) -> {
      if (columns.size() > 1) {
        counts.warnings.add("columns " + columns + " carry the same measure " + measure + ": each is read, told apart by its column");
      }
    });
    return Header.of(header.tableKind(), roles, header.names(), header.row());
  }

  private Iterator<TableRow> dataRows(List<TableRow> head, Header header, Table rest) {
    int skip = header == null ? 0 : head.indexOf(header.row()) + 1;
    Iterator<TableRow> first = head.subList(Math.min(skip, head.size()), head.size()).iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || rest.hasNext();
      }

      @Override
      public TableRow next() {
        return first.hasNext() ? first.next() : rest.next();
      }
    };
  }

  /** A label and its value on one row: "Dispositif;Samusocial Sénégal" or "Dispositif : Samusocial Sénégal". */
  private record LabelValue(String label, String value, int valueColumn) {}

  private static LabelValue labelValue(List<String> cells) {
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
  private Map<String, String> preamble(List<TableRow> head, Header header) {
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
  private boolean isVertical(List<TableRow> head, Counts counts) {
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
      } else if (role == null && isNumberOrBlank(lv.value(), counts.decimalComma)) {
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

  /**
   * A vertical report: each row is a label and a value. Service, country and month rows set the
   * report's place and period; every other label row is a figure named by its label (or a
   * rejection). Rows whose label is text of the grammar ("Indicateur;Valeur") and rows with more
   * than a label and a value (a title) are not rows of the report.
   */
  private void readVertical(List<TableRow> head, Table rest, Function<List<String>, String> raw, Delivery delivery,
      ParseSink<SourceFigure> sink, Counts counts) {
    List<TableRow> all = new ArrayList<>(head);
    while (rest.hasNext()) {
      TableRow row = rest.next();
      if (!isBlank(row.cells())) {
        all.add(row);
      }
    }
    boolean training = false;
    for (TableRow row : all) {
      LabelValue lv = labelValue(row.cells());
      training |= lv != null && grammar.marksTraining(lv.label());
    }
    counts.fileKind = settings.sourceFamily() + (training ? " trainings" : " activity report") + ", vertical layout";
    String tableKind = training ? SourceFigure.TRAINING_LIST : SourceFigure.ACTIVITY_REPORT;
    Map<String, String> dims = new HashMap<>();
    List<TableRow> figureRows = new ArrayList<>();
    for (TableRow row : all) {
      LabelValue lv = labelValue(row.cells());
      if (lv == null || filledCells(row.cells()) > 2 || Labels.normalise(lv.label()).isEmpty()
          || PersonalColumns.isPersonal(lv.label())) {
        continue;
      }
      ColumnRole role = grammar.header(lv.label());
      if (role != null && role.kind() == ColumnRole.Kind.DIMENSION) {
        counts.read++;
        counts.loaded++;
        if (!lv.value().isEmpty()) {
          dims.putIfAbsent(role.dimension(), lv.value());
        }
      } else if (role == null || role.kind() == ColumnRole.Kind.FIGURE) {
        figureRows.add(row);
      }
    }
    for (TableRow row : figureRows) {
      counts.read++;
      // each figure row is read as a one-figure table row whose other columns are the report's dimensions
      LabelValue lv = labelValue(row.cells());
      List<String> cells = new ArrayList<>();
      List<ColumnRole> roles = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (var dim : dims.entrySet()) {
        cells.add(dim.getValue());
        roles.add(ColumnRole.dimension(dim.getKey()));
        names.add(dim.getKey());
      }
      cells.add(lv.value());
      roles.add(ColumnRole.figure(SourceFigure.COLUMN, Labels.normalise(lv.label())));
      names.add(lv.label());
      Header one = Header.of(tableKind, roles, names, row);
      readRow(new TableRow(row.sheet(), row.line(), cells), () -> raw.apply(row.cells()), one, Map.of(), delivery, sink, counts,
          lv.valueColumn());
    }
  }

  private void readRow(TableRow row, Supplier<String> raw, Header header, Map<String, String> preamble,
      Delivery delivery, ParseSink<SourceFigure> sink, Counts counts) {
    readRow(row, raw, header, preamble, delivery, sink, counts, -1);
  }

  /**
   * One data row. {@code figureColumn}, when not negative, is the file's column of the row's only
   * figure (a vertical report's value cell), which the row as re-laid-out does not keep.
   */
  private void readRow(TableRow row, Supplier<String> raw, Header header, Map<String, String> preamble,
      Delivery delivery, ParseSink<SourceFigure> sink, Counts counts, int figureColumn) {
    List<String> cells = row.cells();
    List<String> problems = new ArrayList<>(0);
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i) != null && cells.get(i).length() > MAX_CELL_CHARS) {
        problems.add(column(i, header) + ": a cell of " + cells.get(i).length() + " characters, longer than any name or"
            + " figure; check the file (a missing quote or separator?)");
      }
    }
    if (!problems.isEmpty()) {
      counts.rejected++;
      sink.reject(row.line(), String.join("; ", problems), raw.get());
      return;
    }
    Map<String, Integer> dimColumn = header.firstColumnOf();
    Map<String, String> dims = new HashMap<>();
    List<ColumnRole> roles = header.roles();
    double[] values = new double[roles.size()];
    boolean[] given = new boolean[roles.size()];
    int figures = 0;
    // figures that cannot be read: the cell is rejected, the row's other figures load
    List<int[]> badCells = new ArrayList<>(0);
    List<String> cellProblems = new ArrayList<>(0);
    for (int i = 0; i < roles.size(); i++) {
      ColumnRole role = roles.get(i);
      String cell = i < cells.size() ? cells.get(i) : "";
      switch (role.kind()) {
        case DIMENSION -> {
          if (cell != null && !cell.isBlank()) {
            dims.putIfAbsent(role.dimension(), cell.strip());
          }
        }
        case FIGURE -> {
          String problem = null;
          try {
            Double value = Numbers.parse(cell, counts.decimalComma);
            if (value != null && value < 0) {
              problem = column(i, header) + ": negative figure " + cell.strip() + " (counts cannot be below zero)";
            } else if (value != null) {
              values[i] = value;
              given[i] = true;
              figures++;
            }
          } catch (NumberFormatException e) {
            problem = column(i, header) + ": " + e.getMessage() + "; write a number or leave the cell blank";
          }
          if (problem != null) {
            badCells.add(new int[] {i});
            cellProblems.add(problem);
          }
        }
        case TEXT -> { }
      }
    }
    preamble.forEach(dims::putIfAbsent);
    if (dims.get("org") == null && settings.requireOrganisation()) {
      problems.add(dimColumn.containsKey("org")
          ? column(dimColumn.get("org"), header) + " is blank: say which service reports"
          : "no service column (expected 'Dispositif' or '#org')");
    }
    Period period = null;
    String periodLabel = dims.get("period");
    if (periodLabel != null) {
      Object parsed = periodsByLabel.computeIfAbsent(periodLabel, label -> {
        try {
          return Periods.parse(label);
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      });
      if (parsed instanceof Period p) {
        period = counts.typedCells ? monthOfTypedDate(p, header, dimColumn.get("period")) : p;
      } else {
        problems.add(where("period", dimColumn, header) + ": " + parsed);
      }
    } else if (settings.requirePeriod()) {
      problems.add(dimColumn.containsKey("period")
          ? column(dimColumn.get("period"), header) + " is blank: say which month the figures are for"
          : "no month column (expected 'Mois' or '#date')");
    }
    if (!problems.isEmpty() || (figures == 0 && !cellProblems.isEmpty())) {
      // nothing of the row can be counted: the row is rejected, with every problem it has
      problems.addAll(cellProblems);
      counts.rejected++;
      sink.reject(row.line(), String.join("; ", problems), raw.get());
      return;
    }
    counts.loaded++;
    for (int k = 0; k < badCells.size(); k++) {
      int i = badCells.get(k)[0];
      counts.cellsRejected++;
      sink.rejectCell(row.line(), figureColumn >= 0 ? figureColumn + 1 : i + 1, cellProblems.get(k), raw.get());
    }
    if (figures == 0) {
      counts.rowsWithoutFigures++;
      return;
    }
    for (int i = 0; i < roles.size(); i++) {
      if (given[i]) {
        counts.figures++;
        ColumnRole role = roles.get(i);
        String label = i < header.names().size() ? header.names().get(i).strip() : null;
        sink.accept(new SourceFigure(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
            row.sheet(), row.line(), figureColumn >= 0 ? figureColumn + 1 : i + 1, header.tableKind(),
            null, dims.get("org"), dims.get("country"), dims.get("adm1"), dims.get("adm2"), dims.get("sector"),
            periodLabel, period == null ? null : period.type(), period == null ? null : period.label(),
            period == null ? null : period.start(), period == null ? null : period.end(),
            role.measureScheme(), role.measure(), label, null, null, null, values[i], null));
      }
    }
  }

  private static final Set<String> MONTH_HEADERS = Set.of("mois", "month", "periode", "period", "mois de rapport");

  /**
   * A workbook's month typed as a date ({@code janvier 2024} shown, the 1st of January stored): in a
   * month column ("Mois", "Période") the first of a month is that month, as the CSV of the same
   * report writes it.
   */
  private static Period monthOfTypedDate(Period p, Header header, Integer column) {
    if (!p.type().equals("day") || p.start().getDayOfMonth() != 1 || column == null || column >= header.names().size()
        || !MONTH_HEADERS.contains(Labels.normalise(header.names().get(column)))) {
      return p;
    }
    return Period.month(java.time.YearMonth.from(p.start()));
  }

  /** The column a dimension came from, or the report's heading when it was written above the table. */
  private static String where(String dimension, Map<String, Integer> dimColumn, Header header) {
    Integer index = dimColumn.get(dimension);
    return index != null ? column(index, header) : "the " + dimension + " written above the table";
  }

  private static String column(int index, Header header) {
    String name = index < header.names().size() ? header.names().get(index).strip() : "";
    return "column " + (index + 1) + (name.isEmpty() ? "" : " (" + name + ")");
  }

  private String noHeaderReason() {
    return settings.frenchHeaders()
        ? "no header row recognised in the first " + HEADER_SEARCH_ROWS + " rows: expected an HXL hashtag row or French"
            + " headers such as 'Dispositif', 'Mois', 'Personnes rencontrées' (see schemas/readers/table_headers.csv)"
        : "no HXL hashtag row (e.g. '#org,#adm1,#reached+ind') in the first " + HEADER_SEARCH_ROWS + " rows";
  }

  /** Raw text kept for a rejected row, cut when huge so the rejects stay readable. */
  private static String abbreviate(String raw) {
    return raw.length() <= 2 * MAX_CELL_CHARS ? raw : raw.substring(0, MAX_CELL_CHARS) + "…(" + raw.length() + " characters in all)";
  }

  private static int filledCells(List<String> cells) {
    int filled = 0;
    for (String cell : cells) {
      if (cell != null && !cell.isBlank()) {
        filled++;
      }
    }
    return filled;
  }

  private static final Set<String> TOTAL_LABELS =
      Set.of("total", "totaux", "grand total", "sous total", "total general", "ensemble", "somme", "sum");

  /** A row whose first filled cell says it is a total ("Total", "TOTAL GÉNÉRAL"). */
  private static boolean isTotalRow(List<String> cells) {
    for (String cell : cells) {
      if (cell != null && !cell.isBlank()) {
        return TOTAL_LABELS.contains(Labels.normalise(cell));
      }
    }
    return false;
  }

  private static boolean isBlank(List<String> cells) {
    for (String cell : cells) {
      if (cell != null && !cell.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** Row accounting of one file. */
  private static final class Counts {
    long read;
    long loaded;
    long rejected;
    long cellsRejected;
    long figures;
    long rowsWithoutFigures;
    long totalRows;
    boolean decimalComma;
    boolean fallbackComma;
    boolean typedCells;
    String fileKind = "";
    final Set<String> warnings = new LinkedHashSet<>();
  }
}
