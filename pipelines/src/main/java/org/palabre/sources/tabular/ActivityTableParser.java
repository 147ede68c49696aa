package org.palabre.sources.tabular;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
      implements Serializable {

    /**
     * A family of French monthly reports (Samusocial's): French headers allowed beside HXL hashtags,
     * a service and a month required on every row, a decimal comma where the file does not say.
     */
    public static Settings frenchReports(String sourceFamily) {
      return new Settings(sourceFamily, true, true, true, true);
    }

    /** A family of HXL-tagged tables: a hashtag row required, no column required, a decimal point where the file does not say. */
    public static Settings hxlTables(String sourceFamily) {
      return new Settings(sourceFamily, false, false, false, false);
    }
  }

  private final Settings settings;
  private final TableGrammar grammar;
  private final HeaderSearch headers;
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
    this.headers = new HeaderSearch(settings, grammar);
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
    TableTally tally = new TableTally();
    boolean fallbackComma = separator != null && separator == ';' || (!table.typedCells() && settings.decimalComma());
    List<TableRow> head = new ArrayList<>();
    while (head.size() < HEADER_SEARCH_ROWS && table.hasNext()) {
      TableRow row = table.next();
      if (!isBlank(row.cells())) {
        head.add(row);
      }
    }
    tally.fallbackComma = fallbackComma;
    tally.typedCells = table.typedCells();
    tally.runDate = Periods.runDate(delivery.runId());
    tally.decimalComma = Numbers.decimalComma(head.stream().flatMap(r -> r.cells().stream()).toList(), fallbackComma);
    // a table with a personal column (a name, a date of birth, a phone: a list of people misfiled
    // here) keeps no row text in the rejects; its personal columns are never read
    boolean personal = head.stream().anyMatch(row -> !PersonalColumns.in(row.cells()).isEmpty());
    Function<List<String>, String> rowText = personal ? cells -> "" : raw;
    TableHeader header = headers.findHeader(head, tally);
    String separatorName = separator == null ? "" : org.palabre.text.CsvDialect.describe(separator);
    if (header == null && settings.frenchHeaders() && headers.isVertical(head, tally)) {
      readVertical(head, table, rowText, delivery, sink, tally);
      return fileLoad(delivery, encoding, separatorName, tally);
    }
    if (header == null && settings.frenchHeaders()) {
      TableRow underPreamble = headers.headerUnderPreamble(head, tally);
      if (underPreamble != null) {
        header = headers.frenchHeader(underPreamble, tally);
      }
    }
    if (header == null && !headerRequired) {
      return null;
    }
    if (header != null) {
      header = headers.withTextColumnsFound(header, head, tally);
    }
    Map<String, String> preamble = header == null ? Map.of() : headers.preamble(head, header);
    Iterator<TableRow> data = dataRows(head, header, table);
    while (data.hasNext()) {
      TableRow row = data.next();
      if (isBlank(row.cells())) {
        continue;
      }
      if (header != null && isTotalRow(row.cells())) {
        // a template's own total (often a formula): the network sums the rows itself
        tally.totalRows++;
        continue;
      }
      tally.read++;
      // the raw text is only needed for a rejected row: built then, not for every row
      Supplier<String> rawText = () -> abbreviate(rowText.apply(row.cells()));
      if (header == null) {
        tally.rejected++;
        sink.reject(row.line(), noHeaderReason(), rawText.get());
        continue;
      }
      readRow(row, rawText, header, preamble, delivery, sink, tally);
    }
    return fileLoad(delivery, encoding, separatorName, tally);
  }

  /** The rows the caller could not read past: counted as one rejected row at {@code line}. */
  public static FileLoad withBrokenRemainder(FileLoad load, long line, String reason, ParseSink<SourceFigure> sink) {
    sink.reject(line, reason, "");
    return new FileLoad(load.runId(), load.deliverySha256(), load.sourceFamily(), load.sourceFile(), load.fileKind(),
        load.encoding(), load.separator(), load.rowsRead() + 1, load.rowsLoaded(), load.rowsRejected() + 1,
        load.cellsRejected(), load.observations(), load.warnings());
  }

  private FileLoad fileLoad(Delivery delivery, String encoding, String separator, TableTally tally) {
    List<String> warnings = new ArrayList<>(tally.warnings);
    if (tally.read == 0) {
      warnings.add(tally.fileKind.contains("not recognised") ? "the file is empty: no rows" : "header only: no data rows");
    }
    if (tally.totalRows > 0) {
      warnings.add(tally.totalRows + " total rows not read (rows headed 'Total': the network sums the rows itself)");
    }
    if (tally.rowsWithoutFigures > 0) {
      warnings.add(tally.rowsWithoutFigures + " rows loaded without any figure (all measure cells blank)");
    }
    if (tally.read > 0 && tally.decimalComma != tally.fallbackComma) {
      warnings.add("figures read with a decimal " + (tally.decimalComma ? "comma" : "point") + ", as the file's own figures"
          + " write them");
    }
    return new FileLoad(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
        tally.fileKind, encoding, separator, tally.read, tally.loaded, tally.rejected, tally.cellsRejected, tally.figures,
        String.join("; ", warnings));
  }

  private Iterator<TableRow> dataRows(List<TableRow> head, TableHeader header, Table rest) {
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

  /**
   * A vertical report: each row is a label and a value. Service, country and month rows set the
   * report's place and period; every other label row is a figure named by its label (or a
   * rejection). Rows whose label is text of the grammar ("Indicateur;Valeur") and rows with more
   * than a label and a value (a title) are not rows of the report.
   */
  private void readVertical(List<TableRow> head, Table rest, Function<List<String>, String> raw, Delivery delivery,
      ParseSink<SourceFigure> sink, TableTally tally) {
    List<TableRow> all = new ArrayList<>(head);
    while (rest.hasNext()) {
      TableRow row = rest.next();
      if (!isBlank(row.cells())) {
        all.add(row);
      }
    }
    boolean training = false;
    for (TableRow row : all) {
      HeaderSearch.LabelValue lv = HeaderSearch.labelValue(row.cells());
      training |= lv != null && grammar.marksTraining(lv.label());
    }
    tally.fileKind = settings.sourceFamily() + (training ? " trainings" : " activity report") + ", vertical layout";
    String tableKind = training ? SourceFigure.TRAINING_LIST : SourceFigure.ACTIVITY_REPORT;
    Map<String, String> dims = new HashMap<>();
    List<TableRow> figureRows = new ArrayList<>();
    for (TableRow row : all) {
      HeaderSearch.LabelValue lv = HeaderSearch.labelValue(row.cells());
      if (lv == null || HeaderSearch.filledCells(row.cells()) > 2 || Labels.normalise(lv.label()).isEmpty()
          || PersonalColumns.isPersonal(lv.label())) {
        continue;
      }
      ColumnRole role = grammar.header(lv.label());
      if (role != null && role.kind() == ColumnRole.Kind.DIMENSION) {
        tally.read++;
        tally.loaded++;
        if (!lv.value().isEmpty()) {
          dims.putIfAbsent(role.dimension(), lv.value());
        }
      } else if (role == null || role.kind() == ColumnRole.Kind.FIGURE) {
        figureRows.add(row);
      }
    }
    for (TableRow row : figureRows) {
      tally.read++;
      // each figure row is read as a one-figure table row whose other columns are the report's dimensions
      HeaderSearch.LabelValue lv = HeaderSearch.labelValue(row.cells());
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
      TableHeader one = TableHeader.of(tableKind, roles, names, row);
      readRow(new TableRow(row.sheet(), row.line(), cells), () -> raw.apply(row.cells()), one, Map.of(), delivery, sink, tally,
          lv.valueColumn());
    }
  }

  private void readRow(TableRow row, Supplier<String> raw, TableHeader header, Map<String, String> preamble,
      Delivery delivery, ParseSink<SourceFigure> sink, TableTally tally) {
    readRow(row, raw, header, preamble, delivery, sink, tally, -1);
  }

  /**
   * One data row. {@code figureColumn}, when not negative, is the file's column of the row's only
   * figure (a vertical report's value cell), which the row as re-laid-out does not keep.
   */
  private void readRow(TableRow row, Supplier<String> raw, TableHeader header, Map<String, String> preamble,
      Delivery delivery, ParseSink<SourceFigure> sink, TableTally tally, int figureColumn) {
    List<String> cells = row.cells();
    List<String> problems = new ArrayList<>(0);
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i) != null && cells.get(i).length() > MAX_CELL_CHARS) {
        problems.add(TableHeader.column(i, header) + ": a cell of " + cells.get(i).length() + " characters, longer than any name or"
            + " figure; check the file (a missing quote or separator?)");
      }
    }
    if (!problems.isEmpty()) {
      tally.rejected++;
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
            Double value = Numbers.parse(cell, tally.decimalComma);
            if (value != null && value < 0) {
              problem = TableHeader.column(i, header) + ": negative figure " + cell.strip() + " (counts cannot be below zero)";
            } else if (value != null) {
              values[i] = value;
              given[i] = true;
              figures++;
            }
          } catch (NumberFormatException e) {
            problem = TableHeader.column(i, header) + ": " + e.getMessage() + "; write a number or leave the cell blank";
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
          ? TableHeader.column(dimColumn.get("org"), header) + " is blank: say which service reports"
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
        period = tally.typedCells ? monthOfTypedDate(p, header, dimColumn.get("period")) : p;
        String future = Periods.afterRunDate("period", period, tally.runDate);
        if (future != null) {
          problems.add(where("period", dimColumn, header) + ": " + future);
        }
      } else {
        problems.add(where("period", dimColumn, header) + ": " + parsed);
      }
    } else if (settings.requirePeriod()) {
      problems.add(dimColumn.containsKey("period")
          ? TableHeader.column(dimColumn.get("period"), header) + " is blank: say which month the figures are for"
          : "no month column (expected 'Mois' or '#date')");
    }
    if (!problems.isEmpty() || (figures == 0 && !cellProblems.isEmpty())) {
      // nothing of the row can be counted: the row is rejected, with every problem it has
      problems.addAll(cellProblems);
      tally.rejected++;
      sink.reject(row.line(), String.join("; ", problems), raw.get());
      return;
    }
    tally.loaded++;
    for (int k = 0; k < badCells.size(); k++) {
      int i = badCells.get(k)[0];
      tally.cellsRejected++;
      sink.rejectCell(row.line(), figureColumn >= 0 ? figureColumn + 1 : i + 1, cellProblems.get(k), raw.get());
    }
    if (figures == 0) {
      tally.rowsWithoutFigures++;
      return;
    }
    for (int i = 0; i < roles.size(); i++) {
      if (given[i]) {
        tally.figures++;
        ColumnRole role = roles.get(i);
        String label = i < header.names().size() ? header.names().get(i).strip() : null;
        sink.accept(new SourceFigure(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
            row.sheet(), row.line(), figureColumn >= 0 ? figureColumn + 1 : i + 1, header.tableKind(),
            null, dims.get("org"), dims.get("country"), dims.get("adm1"), dims.get("adm2"), dims.get("sector"),
            periodLabel, period == null ? null : period.type(), period == null ? null : period.label(),
            period == null ? null : period.start(), period == null ? null : period.end(),
            role.measureScheme(), role.measure(), label, null, null, null, values[i], null, null));
      }
    }
  }

  private static final Set<String> MONTH_HEADERS = Set.of("mois", "month", "periode", "period", "mois de rapport");

  /**
   * A workbook's month typed as a date ({@code janvier 2024} shown, the 1st of January stored): in a
   * month column ("Mois", "Période") the first of a month is that month, as the CSV of the same
   * report writes it.
   */
  private static Period monthOfTypedDate(Period p, TableHeader header, Integer column) {
    if (!p.type().equals("day") || p.start().getDayOfMonth() != 1 || column == null || column >= header.names().size()
        || !MONTH_HEADERS.contains(Labels.normalise(header.names().get(column)))) {
      return p;
    }
    return Period.month(java.time.YearMonth.from(p.start()));
  }

  /** The column a dimension came from, or the report's heading when it was written above the table. */
  private static String where(String dimension, Map<String, Integer> dimColumn, TableHeader header) {
    Integer index = dimColumn.get(dimension);
    return index != null ? TableHeader.column(index, header) : "the " + dimension + " written above the table";
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
}
