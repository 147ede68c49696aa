package org.palabre.reports;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.palabre.db.DuckDb;
import org.palabre.ingest.IngestJob;
import org.palabre.model.LoadReportRow;
import org.palabre.warehouse.PublishedReports;
import org.palabre.warehouse.WarehouseBuild;

/** What {@code run}, {@code ingest} and {@code build} print for the data engineer: the load report, the build, the codes not mapped yet, the quarantine, the headline indicators. */
public final class RunReport {

  private RunReport() {}

  /** Above this many files the report prints a line per family and only the files that need a look. */
  public static final int FILES_LISTED = 60;

  /** The numbers of a note (counts, lines), masked when notes are grouped by what they say. */
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  public static void printLoadReport(PrintStream out, IngestJob.Result result) {
    printLoadReport(out, result.runId(), result.report(), result.ignored());
  }

  /**
   * The load report of a run: after a build, {@code marts.load_report}'s rows of the run (rows held
   * at build time counted as rejected, figures mapped and not mapped yet); after an ingest alone,
   * the readers' accounting.
   */
  public static void printLoadReport(PrintStream out, String runId, List<LoadReportRow> report, List<String> ignoredFiles) {
    out.println();
    out.println("Load report (run " + runId + ")");
    long read = report.stream().mapToLong(LoadReportRow::rowsRead).sum();
    long loaded = report.stream().mapToLong(LoadReportRow::rowsLoaded).sum();
    long rejected = report.stream().mapToLong(LoadReportRow::rowsRejected).sum();
    List<String[]> rows = new ArrayList<>();
    if (report.size() <= FILES_LISTED) {
      for (LoadReportRow r : report) {
        rows.add(new String[] {r.sourceFamily(), r.sourceFile(), Long.toString(r.rowsRead()), Long.toString(r.rowsLoaded()),
            Long.toString(r.rowsRejected()), r.status()});
      }
      rows.add(new String[] {"total", report.size() + " files", Long.toString(read), Long.toString(loaded), Long.toString(rejected), ""});
      ResultFormat.printTable(out, List.of("family", "file", "read", "loaded", "rejected", "status"), rows);
    } else {
      // a line per family, then the files with the most rejected rows: the whole report is in the lake
      Map<String, List<LoadReportRow>> byFamily = new TreeMap<>();
      report.forEach(r -> byFamily.computeIfAbsent(r.sourceFamily(), f -> new ArrayList<>()).add(r));
      byFamily.forEach((family, files) -> rows.add(new String[] {family, Integer.toString(files.size()),
          Long.toString(files.stream().mapToLong(LoadReportRow::rowsRead).sum()),
          Long.toString(files.stream().mapToLong(LoadReportRow::rowsLoaded).sum()),
          Long.toString(files.stream().mapToLong(LoadReportRow::rowsRejected).sum()), statusCounts(files)}));
      rows.add(new String[] {"total", Integer.toString(report.size()), Long.toString(read), Long.toString(loaded), Long.toString(rejected), ""});
      ResultFormat.printTable(out, List.of("family", "files", "read", "loaded", "rejected", "status"), rows);
      List<LoadReportRow> worst = report.stream().filter(r -> r.rowsRejected() > 0)
          .sorted(Comparator.comparingLong(LoadReportRow::rowsRejected).reversed().thenComparing(LoadReportRow::sourceFile))
          .limit(10).toList();
      if (!worst.isEmpty()) {
        out.println("  files with the most rejected rows:");
        worst.forEach(r -> out.printf("    %s: %,d of %,d rows rejected%n", r.sourceFile(), r.rowsRejected(), r.rowsRead()));
      }
      out.println("  every file: ./palabre query \"select * from marts.load_report where run_id = '" + runId + "'\"");
    }
    printNotes(out, runId, report);
    long cells = report.stream().mapToLong(LoadReportRow::cellsRejected).sum();
    if (cells > 0) {
      out.printf("  %,d cells rejected in rows that loaded (the rows' other figures count; each cell is in marts.rejected_rows"
          + " with its column)%n", cells);
    }
    long unmapped = report.stream().mapToLong(LoadReportRow::figuresUnmapped).sum();
    if (unmapped > 0) {
      out.printf("  %,d figures not mapped yet to a common metric (in the lake, in no indicator): see below%n", unmapped);
    }
    printIgnored(out, ignoredFiles);
    if (rejected > 0 || cells > 0) {
      out.println("  rejected rows, with file, line and reason: ./palabre query \"select * from marts.rejected_rows\"");
    }
    out.println();
  }

  /**
   * The files' notes. The same note on many files (a mapping gap in every monthly report) is printed
   * once. Past {@link #FILES_LISTED} files, so are notes that differ only in their numbers (figures
   * given again in every report, each with its own count and lines): one line, with the first
   * file's note as the example, and the query that lists each file's own.
   */
  private static void printNotes(PrintStream out, String runId, List<LoadReportRow> report) {
    boolean condensed = report.size() > FILES_LISTED;
    Map<String, List<LoadReportRow>> byNote = new LinkedHashMap<>();
    for (LoadReportRow r : report) {
      if (r.warnings() != null && !r.warnings().isBlank()) {
        byNote.computeIfAbsent(condensed ? NUMBER.matcher(r.warnings()).replaceAll("#") : r.warnings(), w -> new ArrayList<>()).add(r);
      }
    }
    boolean differing = false;
    for (List<LoadReportRow> files : byNote.values()) {
      LoadReportRow first = files.get(0);
      boolean same = files.stream().allMatch(f -> f.warnings().equals(first.warnings()));
      differing |= !same;
      out.println("  note " + (files.size() == 1 ? first.sourceFile()
          : files.size() + " files (" + first.sourceFile() + ", ...)" + (same ? "" : ", each with its own figures; in the first")) + ": "
          + first.warnings());
    }
    if (differing) {
      out.println("  each file's notes: ./palabre query \"select source_file, warnings from marts.load_report where run_id = '" + runId
          + "' and warnings is not null\"");
    }
  }

  /** The files of the input that were not read, each with why. */
  public static void printIgnored(PrintStream out, List<String> ignoredFiles) {
    for (String ignored : ignoredFiles) {
      out.println("  ignored " + ignored);
    }
  }

  /** "320 loaded, 5 unchanged": how many files of a family had each kind of status. */
  private static String statusCounts(List<LoadReportRow> files) {
    Map<String, Long> counts = new TreeMap<>();
    for (LoadReportRow r : files) {
      String status = r.status() == null ? "" : r.status();
      String kind = status.startsWith("loaded, replaces") ? "replaced an earlier version"
          : status.startsWith("same content") ? "duplicates of another file"
          : status.split("[ ,:(]", 2)[0];
      counts.merge(kind, 1L, Long::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((status, n) -> parts.add(n + " " + status));
    return String.join(", ", parts);
  }

  public static void printBuild(PrintStream out, WarehouseBuild.Result result) {
    out.printf("Warehouse published: %s (%d models, %d data tests passed, %.1f s)%n%n", result.warehouse(), result.models(),
        result.tests(), result.seconds());
  }

  public static void printQuery(PrintStream out, Path warehouse, String title, String sql) throws Exception {
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      out.println(title);
      ResultFormat.table.print(rs, out);
      out.println();
    }
  }

  public static void printHeadlines(PrintStream out, Path warehouse) throws Exception {
    printQuery(out, warehouse, "Headline indicators (network totals, last three years with figures)",
        "select * from marts.headline_indicators");
    out.println("Explore: ./palabre query \"select * from marts.indicator_values limit 20\"");
  }

  /** The codes not mapped yet that hold the most figures, with the line to add to map them. */
  public static void printUnmapped(PrintStream out, Path warehouse) throws Exception {
    List<PublishedReports.UnmappedCode> codes = PublishedReports.largestUnmapped(warehouse, 10);
    if (codes.isEmpty()) {
      return;
    }
    out.println("Codes not mapped yet (the ten holding most figures; all: ./palabre query \"select * from marts.unmapped_figures\")");
    List<String[]> rows = new ArrayList<>();
    for (PublishedReports.UnmappedCode c : codes) {
      rows.add(new String[] {c.sourceFamily(), c.member() == null ? "" : c.member(), c.codeKind(),
          c.sourceCode() + (c.sourceLabel() == null || c.sourceLabel().equals(c.sourceCode()) ? "" : " (" + c.sourceLabel() + ")"),
          Long.toString(c.figures()), c.mappingFile() + ": " + c.suggestedLine()});
    }
    ResultFormat.printTable(out, List.of("family", "member", "kind", "code", "figures", "line to add (fill in the <...>)"), rows);
    out.println("  add the line, then ./palabre build (or run): the figures are mapped without reading any file again");
    out.println();
  }

  /** The figures marts.outliers flags (warnings: they count), by method, the latest of them, and where to look. */
  public static void printOutliers(PrintStream out, Path warehouse) throws Exception {
    PublishedReports.OutlierSummary outliers = PublishedReports.outliers(warehouse, 5);
    if (outliers.figures() == 0) {
      return;
    }
    out.printf("Outliers: %,d figures far from their series' usual values (warnings: they still count; check them with the"
        + " member)%n", outliers.figures());
    outliers.counts().stream().filter(c -> c.method() != null)
        .forEach(c -> out.printf("  %s: %,d figures in %,d files%n", c.method(), c.figures(), c.files()));
    for (PublishedReports.Outlier o : outliers.latest()) {
      out.printf(Locale.ROOT, "  %s:%d  %s %s%s %s: %s (usual %s to %s, %s)%n", o.sourceFile(), o.sourceLine(), o.reportingUnit(),
          o.metricCode(), o.breakdown() == null ? "" : " " + o.breakdown(), o.period(), number(o.value()), number(o.expectedLow()),
          number(o.expectedHigh()), o.method() + (o.score() == null || o.method().equals("min_max") ? "" : " " + number(o.score())));
    }
    out.println("  every one, with its series and range: ./palabre query \"select * from marts.outliers\"");
    out.println();
  }

  private static String number(Double v) {
    if (v == null) {
      return "-";
    }
    return Math.rint(v) == v && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) (double) v)
        : String.format(Locale.ROOT, "%,.1f", v);
  }

  /** The source rows the build held in quarantine, by source test; the number of rows held. */
  public static long printQuarantine(PrintStream out, Path warehouse) throws Exception {
    List<String[]> byTest = PublishedReports.quarantineByTest(warehouse);
    long held = byTest.stream().mapToLong(r -> Long.parseLong(r[1])).sum();
    if (held > 0) {
      out.printf("Quarantine: %,d source rows held at build time (out of every indicator, counted as rejected; the rest is"
          + " published)%n", held);
      byTest.forEach(r -> out.printf("  %s: %s rows in %s files%n", r[0], r[1], r[2]));
      out.println("  which rows and why: ./palabre query \"select * from marts.quarantine\"");
      out.println();
    }
    return held;
  }
}
