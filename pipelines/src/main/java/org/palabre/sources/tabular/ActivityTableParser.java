package org.palabre.sources.tabular;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.palabre.codes.CountryCodes;
import org.palabre.codes.OrganisationDirectory;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.Observation;
import org.palabre.model.ParseSink;
import org.palabre.model.Period;
import org.palabre.text.CsvDialect;
import org.palabre.text.Numbers;
import org.palabre.text.Periods;

/**
 * Reads one activity table (a Samusocial monthly report, a trainings list, any HXL-tagged table)
 * into harmonised {@link Observation}s: one per figure, with its place, period, metric and
 * disaggregation. Every data row is either loaded (its figures emitted) or rejected with the line,
 * the column and the reason.
 *
 * <p>The header is found, not assumed: an HXL hashtag row anywhere in the first rows wins (the
 * rows above it are free text); otherwise, where French headers are allowed, the first row with
 * two or more known headers ({@link HeaderMapping}). Rows above the header may carry the report's
 * service, country or month as label and value ({@code Dispositif : Samusocial Sénégal}), which
 * then hold for every row. A report laid out vertically (one label and one figure per row, as
 * some services send one file per service and month) is read too. A file where none of this is
 * found has every row rejected with a reason that says what was expected.
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
  private final HeaderMapping french;
  private final HxlTags hxl;
  private final OrganisationDirectory organisations;
  // labels repeat on every row of a file (same service, country, month): resolved once each
  private final Map<String, OrganisationDirectory.Organisation> organisationsByLabel = new BoundedCache<>();
  private final Map<String, java.util.Optional<String>> countriesByLabel = new BoundedCache<>();
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
    this.french = settings.frenchHeaders() ? HeaderMapping.samusocial() : null;
    this.hxl = new HxlTags();
    this.organisations = new OrganisationDirectory();
  }

  /** A physical row and the line it starts on. */
  private record Row(long line, List<String> cells) {}

  /** How the header was understood, and what that means for every row (worked out once per file). */
  private record Header(String fileKind, List<ColumnRole> roles, List<String> names, RowPlan plan) {
    Header(String fileKind, List<ColumnRole> roles, List<String> names) {
      this(fileKind, roles, names, RowPlan.of(roles));
    }
  }

  /**
   * The header's columns by role: which dimension each dimension column gives (and the first
   * column of each, for messages), and the metrics whose total Palabre derives from women and men
   * when the total column is missing or blank. Rows are read against it, so a report of a million
   * rows does not rebuild these look-ups on every row.
   */
  private record RowPlan(Map<String, Integer> firstColumnOf, List<Derivable> derivable) {

    /** A metric with a women and a men column: its total, when not given, is their sum. */
    private record Derivable(String metric, int total, int women, int men, int[] columns) {}

    static RowPlan of(List<ColumnRole> roles) {
      Map<String, Integer> first = new HashMap<>();
      Map<String, List<Integer>> columnsOfMetric = new LinkedHashMap<>();
      for (int i = 0; i < roles.size(); i++) {
        ColumnRole role = roles.get(i);
        if (role.kind() == ColumnRole.Kind.DIMENSION) {
          first.putIfAbsent(role.dimension(), i);
        } else if (role.kind() == ColumnRole.Kind.MEASURE) {
          columnsOfMetric.computeIfAbsent(role.metric(), m -> new ArrayList<>()).add(i);
        }
      }
      List<Derivable> derivable = new ArrayList<>();
      columnsOfMetric.forEach((metric, columns) -> {
        int total = -1;
        int women = -1;
        int men = -1;
        for (int i : columns) {
          ColumnRole role = roles.get(i);
          if (role.ageGroup() == null && role.sex() == null) {
            total = i;
          } else if (role.ageGroup() == null && "female".equals(role.sex())) {
            women = i;
          } else if (role.ageGroup() == null && "male".equals(role.sex())) {
            men = i;
          }
        }
        if (women >= 0 && men >= 0) {
          derivable.add(new Derivable(metric, total, women, men, columns.stream().mapToInt(Integer::intValue).toArray()));
        }
      });
      return new RowPlan(Map.copyOf(first), List.copyOf(derivable));
    }
  }

  /**
   * Reads the table.
   *
   * @param text the file's decoded text
   * @param encoding how it was decoded, for the load report
   */
  public FileLoad parse(Reader text, Delivery delivery, String encoding, ParseSink<Observation> sink)
      throws IOException {
    BufferedReader reader = new BufferedReader(text, 1 << 16);
    reader.mark(1 << 16);
    char[] sample = new char[1 << 16];
    int sampled = Math.max(0, reader.read(sample));
    reader.reset();
    char separator = CsvDialect.sniffSeparator(new String(sample, 0, sampled));
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreEmptyLines(false)
            .setAllowMissingColumnNames(true).get();
    Counts counts = new Counts();
    CSVFormat rawFormat = CSVFormat.DEFAULT.builder().setDelimiter(separator).get();
    try (CSVParser parser = format.parse(reader)) {
      RowReader rows = new RowReader(parser);
      List<Row> head = new ArrayList<>();
      while (head.size() < HEADER_SEARCH_ROWS && rows.hasNext()) {
        Row row = rows.next();
        if (!isBlank(row.cells())) {
          head.add(row);
        }
      }
      Header header = findHeader(head, counts);
      if (header == null && french != null && isVertical(head)) {
        readVertical(head, rows, rawFormat, delivery, sink, counts);
        return fileLoad(delivery, encoding, separator, counts);
      }
      Map<String, String> preamble = header == null ? Map.of() : preamble(head, header);
      Iterator<Row> data = dataRows(head, header, rows);
      while (data.hasNext()) {
        Row row = data.next();
        if (isBlank(row.cells())) {
          continue;
        }
        counts.read++;
        // the raw text is only needed for a rejected row: built then, not for every row
        java.util.function.Supplier<String> raw = () -> rawFormat.format(row.cells().toArray());
        if (header == null) {
          counts.rejected++;
          sink.reject(row.line(), noHeaderReason(), abbreviate(raw.get()));
          continue;
        }
        readRow(row, raw, header, preamble, delivery, sink, counts);
      }
      if (rows.failure != null) {
        // what could be delimited was read; the broken remainder counts as one rejected row
        counts.read++;
        counts.rejected++;
        sink.reject(rows.lastEnd + 1,
            "the file cannot be read past line " + rows.lastEnd + ": " + rootMessage(rows.failure)
                + "; the rest of the file was not read (check for an unbalanced quote)", "");
      }
    }
    return fileLoad(delivery, encoding, separator, counts);
  }

  private FileLoad fileLoad(Delivery delivery, String encoding, char separator, Counts counts) {
    if (!counts.unknownOrganisations.isEmpty()) {
      counts.warnings.add("organisations not in schemas/mappings/organisations.csv: "
          + String.join(", ", counts.unknownOrganisations));
    }
    if (counts.read == 0) {
      counts.warnings.add(counts.fileKind.contains("not recognised") ? "the file is empty: no rows" : "header only: no data rows");
    }
    if (counts.rowsWithoutFigures > 0) {
      counts.warnings.add(counts.rowsWithoutFigures + " rows loaded without any figure (all measure cells blank)");
    }
    return new FileLoad(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
        counts.fileKind, encoding, CsvDialect.describe(separator), counts.read, counts.loaded, counts.rejected,
        counts.observations, String.join("; ", counts.warnings));
  }

  /**
   * The physical rows of the file with the line each starts on. A broken file (commons-csv
   * throws while looking ahead, e.g. on an unbalanced quote) ends the iteration and keeps the
   * failure, so the rows before it are still read.
   */
  private static final class RowReader implements Iterator<Row> {
    private final Iterator<CSVRecord> records;
    private final CSVParser parser;
    private long lastEnd;
    private RuntimeException failure;

    RowReader(CSVParser parser) {
      this.parser = parser;
      this.records = parser.iterator();
    }

    @Override
    public boolean hasNext() {
      if (failure != null) {
        return false;
      }
      try {
        return records.hasNext();
      } catch (UncheckedIOException | IllegalStateException e) {
        failure = e;
        return false;
      }
    }

    @Override
    public Row next() {
      CSVRecord record = records.next();
      long start = lastEnd + 1;
      lastEnd = Math.max(parser.getCurrentLineNumber(), start);
      return new Row(start, record.toList());
    }
  }

  private Header findHeader(List<Row> head, Counts counts) {
    for (int i = 0; i < head.size(); i++) {
      List<String> cells = head.get(i).cells();
      if (HxlTags.isHashtagRow(cells)) {
        List<ColumnRole> roles = dedupe(hxl.resolve(cells), cells, counts);
        boolean training = roles.stream().anyMatch(r -> "professionals_trained".equals(r.metric()));
        counts.fileKind = settings.sourceFamily() + (training ? " trainings" : " activity table") + ", HXL hashtags";
        return new Header(counts.fileKind, roles, cells);
      }
    }
    if (french != null) {
      for (int i = 0; i < head.size(); i++) {
        List<String> cells = head.get(i).cells();
        if (french.knownCount(cells) >= 2) {
          HeaderMapping.Resolution resolution = french.resolve(cells);
          if (!resolution.unknownHeaders().isEmpty()) {
            counts.warnings.add("columns not read: " + String.join(", ", resolution.unknownHeaders()));
          }
          counts.fileKind = settings.sourceFamily() + (resolution.kind().equals("training") ? " trainings" : " activity report")
              + ", French headers";
            return new Header(counts.fileKind, dedupe(resolution.roles(), cells, counts), cells);
        }
      }
    }
    counts.fileKind = settings.sourceFamily() + " table, header not recognised";
    return null;
  }

  /** Two columns for the same figure: the first is read, the second reported and ignored. */
  private static List<ColumnRole> dedupe(List<ColumnRole> roles, List<String> names, Counts counts) {
    List<ColumnRole> result = new ArrayList<>(roles);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < result.size(); i++) {
      ColumnRole role = result.get(i);
      if (role.kind() == ColumnRole.Kind.MEASURE && !seen.add(role.measureKey())) {
        counts.warnings.add("column " + (i + 1) + " (" + names.get(i).strip() + ") repeats another column's figure and was not read");
        result.set(i, ColumnRole.IGNORED);
      }
    }
    return result;
  }

  private Iterator<Row> dataRows(List<Row> head, Header header, RowReader rest) {
    int skip = header == null ? 0 : rowsBeforeData(head, header);
    List<Row> buffered = head.subList(Math.min(skip, head.size()), head.size());
    Iterator<Row> first = buffered.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || rest.hasNext();
      }

      @Override
      public Row next() {
        return first.hasNext() ? first.next() : rest.next();
      }
    };
  }

  private static int rowsBeforeData(List<Row> head, Header header) {
    for (int i = 0; i < head.size(); i++) {
      if (head.get(i).cells() == header.names()) {
        return i + 1;
      }
    }
    return 0;
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
  private Map<String, String> preamble(List<Row> head, Header header) {
    Map<String, String> dims = new HashMap<>();
    if (french == null) {
      return dims;
    }
    for (Row row : head) {
      if (row.cells() == header.names()) {
        break;
      }
      // a label and its value, not a row of labels (the free-text header above HXL hashtags)
      LabelValue lv = filledCells(row.cells()) > 2 ? null : labelValue(row.cells());
      ColumnRole role = lv == null ? null : french.roleOf(lv.label(), "report");
      if (role != null && role.kind() == ColumnRole.Kind.DIMENSION && !lv.value().isEmpty()) {
        dims.putIfAbsent(role.dimension(), lv.value());
      }
    }
    return dims;
  }

  /** Two or more rows of the first ones are a known figure's label followed by its value. */
  private boolean isVertical(List<Row> head) {
    int measures = 0;
    for (Row row : head) {
      LabelValue lv = labelValue(row.cells());
      if (lv != null) {
        ColumnRole role = french.roleOf(lv.label(), "report");
        ColumnRole training = french.roleOf(lv.label(), "training");
        if ((role != null && role.kind() == ColumnRole.Kind.MEASURE) || (training != null && training.kind() == ColumnRole.Kind.MEASURE)) {
          measures++;
        }
      }
    }
    return measures >= 2;
  }

  /**
   * A vertical report: each row is a label and a value. Service, country and month rows set the
   * report's place and period; each figure row becomes an observation (or a rejection). Rows whose
   * label is neither (a title, "Indicateur;Valeur") are not rows of the report.
   */
  private void readVertical(List<Row> head, RowReader rest, CSVFormat rawFormat, Delivery delivery, ParseSink<Observation> sink,
      Counts counts) {
    List<Row> all = new ArrayList<>(head);
    while (rest.hasNext()) {
      all.add(rest.next());
    }
    String kind = "report";
    for (Row row : all) {
      LabelValue lv = labelValue(row.cells());
      if (lv != null && french.marksKind(lv.label(), "training")) {
        kind = "training";
      }
    }
    counts.fileKind = settings.sourceFamily() + (kind.equals("training") ? " trainings" : " activity report") + ", vertical layout";
    Map<String, String> dims = new HashMap<>();
    List<Row> figureRows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ColumnRole> roles = new ArrayList<>();
    for (Row row : all) {
      LabelValue lv = labelValue(row.cells());
      ColumnRole role = lv == null ? null : french.roleOf(lv.label(), kind);
      if (role == null || role.kind() == ColumnRole.Kind.IGNORED) {
        continue;
      }
      if (role.kind() == ColumnRole.Kind.DIMENSION) {
        counts.read++;
        counts.loaded++;
        if (!lv.value().isEmpty()) {
          dims.putIfAbsent(role.dimension(), lv.value());
        }
      } else {
        figureRows.add(row);
        names.add(lv.label());
        roles.add(role);
      }
    }
    for (int i = 0; i < figureRows.size(); i++) {
      Row row = figureRows.get(i);
      counts.read++;
      // each figure row read as a one-figure table row whose other columns are the report's dimensions
      List<String> cells = new ArrayList<>();
      List<ColumnRole> rowRoles = new ArrayList<>();
      List<String> rowNames = new ArrayList<>();
      for (var dim : dims.entrySet()) {
        cells.add(dim.getValue());
        rowRoles.add(ColumnRole.dimension(dim.getKey()));
        rowNames.add(dim.getKey());
      }
      LabelValue lv = labelValue(row.cells());
      cells.add(lv.value());
      rowRoles.add(roles.get(i));
      rowNames.add(names.get(i));
      Header one = new Header(counts.fileKind, rowRoles, rowNames);
      readRow(new Row(row.line(), cells), () -> rawFormat.format(row.cells().toArray()), one, Map.of(), delivery, sink, counts);
    }
  }

  private void readRow(Row row, java.util.function.Supplier<String> raw, Header header, Map<String, String> preamble,
      Delivery delivery, ParseSink<Observation> sink, Counts counts) {
    List<String> cells = row.cells();
    List<String> problems = new ArrayList<>(0);
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).length() > MAX_CELL_CHARS) {
        problems.add(column(i, header) + ": a cell of " + cells.get(i).length() + " characters, longer than any name or"
            + " figure; check the file (a missing quote or separator?)");
      }
    }
    if (!problems.isEmpty()) {
      counts.rejected++;
      sink.reject(row.line(), String.join("; ", problems), abbreviate(raw.get()));
      return;
    }
    Map<String, Integer> dimColumn = header.plan().firstColumnOf();
    Map<String, String> dims = new HashMap<>();
    List<ColumnRole> roles = header.roles();
    // the figures of the row by column (the header has one column per figure, see dedupe)
    double[] values = new double[roles.size()];
    boolean[] given = new boolean[roles.size()];
    int figures = 0;
    for (int i = 0; i < roles.size(); i++) {
      ColumnRole role = roles.get(i);
      String cell = i < cells.size() ? cells.get(i) : "";
      switch (role.kind()) {
        case DIMENSION -> {
          if (cell != null && !cell.isBlank()) {
            dims.putIfAbsent(role.dimension(), cell.strip());
          }
        }
        case MEASURE -> {
          try {
            Double value = Numbers.parse(cell, settings.decimalComma());
            if (value != null && value < 0) {
              problems.add(column(i, header) + ": negative figure " + cell.strip() + " (counts cannot be below zero)");
            } else if (value != null) {
              values[i] = value;
              given[i] = true;
              figures++;
            }
          } catch (NumberFormatException e) {
            problems.add(column(i, header) + ": " + e.getMessage() + "; write a number or leave the cell blank");
          }
        }
        case IGNORED -> { }
      }
    }
    preamble.forEach(dims::putIfAbsent);
    OrganisationDirectory.Organisation org = null;
    String orgLabel = dims.get("org");
    if (orgLabel != null) {
      org = organisationsByLabel.computeIfAbsent(orgLabel, organisations::resolve);
      if (!org.known()) {
        counts.unknownOrganisations.add(orgLabel);
      }
    } else if (settings.requireOrganisation()) {
      problems.add(dimColumn.containsKey("org")
          ? column(dimColumn.get("org"), header) + " is blank: say which service reports"
          : "no service column (expected 'Dispositif' or '#org')");
    }
    String country = org == null ? null : org.countryIso2();
    String countryLabel = dims.get("country");
    if (countryLabel != null) {
      var iso = countriesByLabel.computeIfAbsent(countryLabel, label -> CountryCodes.get().toIso2(label));
      if (iso.isPresent()) {
        country = iso.get();
      } else {
        problems.add(where("country", dimColumn, header) + ": unknown country '" + countryLabel
            + "'; use an ISO 3166 code or add the spelling to schemas/codes/country_aliases.csv");
      }
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
        period = p;
      } else {
        problems.add(where("period", dimColumn, header) + ": " + parsed);
      }
    } else if (settings.requirePeriod()) {
      problems.add(dimColumn.containsKey("period")
          ? column(dimColumn.get("period"), header) + " is blank: say which month the figures are for"
          : "no month column (expected 'Mois' or '#date')");
    }
    if (!problems.isEmpty()) {
      counts.rejected++;
      sink.reject(row.line(), String.join("; ", problems), raw.get());
      return;
    }
    counts.loaded++;
    if (figures == 0) {
      counts.rowsWithoutFigures++;
      return;
    }
    for (int i = 0; i < roles.size(); i++) {
      if (given[i]) {
        emit(roles.get(i), values[i], false, row, delivery, org, country, dims, period, sink, counts);
      }
    }
    // a source that gives women and men but no total: the total is their sum, marked derived
    for (RowPlan.Derivable d : derivedInRowOrder(header.plan().derivable(), given)) {
      if ((d.total() < 0 || !given[d.total()]) && given[d.women()] && given[d.men()]) {
        emit(ColumnRole.measure(d.metric(), null, null), values[d.women()] + values[d.men()], true, row, delivery, org, country,
            dims, period, sink, counts);
      }
    }
  }

  /** The derivable metrics in the order their first figure appears on the row (the order they are emitted in). */
  private static List<RowPlan.Derivable> derivedInRowOrder(List<RowPlan.Derivable> derivable, boolean[] given) {
    if (derivable.size() < 2) {
      return derivable;
    }
    List<RowPlan.Derivable> ordered = new ArrayList<>(derivable);
    ordered.sort(java.util.Comparator.comparingInt(d -> {
      for (int column : d.columns()) {
        if (given[column]) {
          return column;
        }
      }
      return Integer.MAX_VALUE;
    }));
    return ordered;
  }

  private void emit(ColumnRole role, double value, boolean derived, Row row, Delivery delivery,
      OrganisationDirectory.Organisation org, String country, Map<String, String> dims, Period period,
      ParseSink<Observation> sink, Counts counts) {
    counts.observations++;
    sink.accept(new Observation(delivery.runId(), delivery.sha256(), delivery.sourceFamily(), delivery.sourceFile(),
        row.line(), org == null ? null : org.memberCode(), org == null ? null : org.orgUnit(), country,
        dims.get("adm1"), dims.get("adm2"), dims.get("sector"),
        period == null ? null : period.type(), period == null ? null : period.label(),
        period == null ? null : period.start(), period == null ? null : period.end(),
        role.metric(), role.sex(), role.ageGroup(), value, derived));
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
            + " headers such as 'Dispositif', 'Mois', 'Personnes rencontrées' (see schemas/mappings/samusocial_columns.csv)"
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

  private static boolean isBlank(List<String> cells) {
    for (String cell : cells) {
      if (cell != null && !cell.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Row accounting of one file. */
  private static final class Counts {
    long read;
    long loaded;
    long rejected;
    long observations;
    long rowsWithoutFigures;
    String fileKind = "";
    final List<String> warnings = new ArrayList<>();
    final Set<String> unknownOrganisations = new LinkedHashSet<>();
  }
}
