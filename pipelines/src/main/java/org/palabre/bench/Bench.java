package org.palabre.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.palabre.db.DuckDb;
import org.palabre.generate.SyntheticDeliveries;
import org.palabre.ingest.IngestJob;
import org.palabre.lake.Lake;

/**
 * {@code palabre bench}: Palabre against its two baselines on the same generated data, in one run:
 * DuckDB's own CSV-to-Parquet for the ingest, a hand-written query of the same sums for the build
 * ({@code bench/indicator_sums.sql}); then re-runs with nothing new, one new file, one corrected file
 * and one mapping line changed, and one {@code target NAME: FIGURE met|NOT met} line per target.
 * Every step runs in a child JVM with a bounded heap, under {@code /usr/bin/time -v} when the
 * machine has it (peak resident memory), and is timed from outside (wall clock, JVM start
 * included, the same for every step).
 *
 * @param palabreMain the class whose {@code main} runs {@code palabre ingest}, {@code build} and {@code run} in a child JVM
 * @param work the scratch folder, emptied first
 * @param heap {@code -Xmx} of each step's JVM
 * @param duckdbMemory DuckDB's memory limit in each step, as {@code PALABRE_DUCKDB_MEMORY_LIMIT} sets it
 * @param keep whether the generated data stays in {@code work} afterwards
 */
public record Bench(String palabreMain, long rows, Path work, String heap, String duckdbMemory, long seed, boolean keep) {

  /** One measured step, and the rows it went through (0 when a throughput means nothing, e.g. a re-run). */
  record Step(String name, double seconds, long peakRssKb, long rows) {}

  /**
   * Generates the deliveries, runs every step and prints the table.
   *
   * @return 0 (a step that fails throws, naming its log)
   */
  public int run(PrintStream out) throws Exception {
    Lake.deleteTree(work);
    Path data = work.resolve("input");
    Path lake = work.resolve("lake");
    Path warehouse = work.resolve("warehouse.duckdb");
    Files.createDirectories(work);
    String loadBefore = loadAverage();
    out.printf("Generating %,d rows under %s ...%n", rows, data);
    SyntheticDeliveries.Summary summary = new SyntheticDeliveries(rows, seed).writeTo(data);
    long csvBytes = 0;
    for (Path csv : summary.csvFiles()) {
      csvBytes += Files.size(csv);
    }
    out.printf("  %d files, %.1f MB (CSV: %d files, %.1f MB), %,d report rows, %,d other rows%n", summary.files(),
        summary.bytes() / 1e6, summary.csvFiles().size(), csvBytes / 1e6, summary.reportRows(), summary.otherRows());

    long inputRows = summary.reportRows() + summary.otherRows();
    List<Step> steps = new ArrayList<>();
    Step baselineStep = step("DuckDB read_csv -> Parquet (baseline)", work.resolve("duckdb.log"),
        List.of(DuckDbBaseline.class.getName(), data.toString(), work.resolve("duckdb-parquet").toString()), 0);
    // the rows DuckDB's own reader counted in the CSV files
    Matcher baselineRows = Pattern.compile("rows=(\\d+)").matcher(Files.readString(work.resolve("duckdb.log"), StandardCharsets.UTF_8));
    steps.add(new Step(baselineStep.name(), baselineStep.seconds(), baselineStep.peakRssKb(),
        baselineRows.find() ? Long.parseLong(baselineRows.group(1)) : 0));
    Step ingest = step("Palabre ingest (direct runner)", work.resolve("ingest.log"),
        List.of(palabreMain, "ingest", "--input", data.toString(), "--lake", lake.toString()), inputRows);
    steps.add(ingest);
    Step build = step("Warehouse build", work.resolve("build.log"),
        List.of(palabreMain, "build", "--lake", lake.toString(), "--warehouse", warehouse.toString()), inputRows);
    steps.add(build);
    Step handSql = step("Hand-written SQL of the sums (baseline)", work.resolve("hand-sql.log"),
        List.of(HandSqlBaseline.class.getName(), lake.toString(), work.resolve("hand-sql.parquet").toString()), 0);
    steps.add(handSql);
    List<String> run = List.of(palabreMain, "run", "--input", data.toString(), "--lake", lake.toString(), "--warehouse",
        warehouse.toString());
    Step nothingNew = step("Re-run, nothing new (run)", work.resolve("rerun.log"), run, 0);
    steps.add(nothingNew);
    long extraRows = Math.max(1, rows / 1000);
    SyntheticDeliveries.writeOneReport(data.resolve("samusocial").resolve("bench-new").resolve("extra_rapport.csv"),
        YearMonth.of(2025, 1), extraRows, seed + 1);
    Step oneNew = step("Re-run, one new file (run)", work.resolve("rerun-one.log"), run, 0);
    steps.add(oneNew);
    long correctedRows = SyntheticDeliveries.correctOneReport(data.resolve("samusocial"), seed + 2);
    steps.add(step("Re-run, one corrected file (run)", work.resolve("rerun-corrected.log"), run, 0));
    Path changedSchemas = work.resolve("schemas-changed");
    String mappingLine = BenchMappingChange.writeTo(changedSchemas);
    List<String> runChanged = new ArrayList<>(run);
    runChanged.addAll(List.of("--schemas", changedSchemas.toString()));
    Path mappingLog = work.resolve("rerun-mapping.log");
    Step mapping = step("Re-run, one mapping line changed (run)", mappingLog, runChanged, 0);
    steps.add(mapping);
    boolean mappingRanBeam = !Files.readString(mappingLog, StandardCharsets.UTF_8).contains(IngestJob.NOTHING_TO_INGEST);
    String loadAfter = loadAverage();

    double baseline = steps.get(0).seconds();
    double firstRun = ingest.seconds() + build.seconds();
    out.println();
    out.printf("Palabre bench: %,d rows (%.1f MB of CSV), %d cores, heap %s and DuckDB memory %s per step; load average %s before,"
        + " %s after%n", rows, csvBytes / 1e6, Runtime.getRuntime().availableProcessors(), heap, duckdbMemory, loadBefore, loadAfter);
    out.printf("%-40s %10s %12s %12s %14s%n", "step", "seconds", "rows/s", "x baseline", "peak RSS (MB)");
    for (Step s : steps) {
      out.printf("%-40s %10.1f %12s %12.2f %14s%n", s.name(), s.seconds(),
          s.rows() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", s.rows() / s.seconds()), s.seconds() / baseline,
          s.peakRssKb() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", s.peakRssKb() / 1024.0));
    }
    out.printf("First run (ingest + build): %.1f s. Re-runs, as a share of it: nothing new %.1f%%; one new file (%,d rows) %.1f%%;"
        + " one corrected file (%,d rows) %.1f%%; mapping line changed (%s) %.1f%%%s%n", firstRun, 100 * nothingNew.seconds() / firstRun,
        extraRows, 100 * oneNew.seconds() / firstRun, correctedRows, 100 * steps.get(6).seconds() / firstRun, mappingLine,
        100 * mapping.seconds() / firstRun, mappingRanBeam ? ", files were read again" : ", no file read");
    out.println("Wall-clock seconds of each step's JVM, start-up included ("
        + (CLASS_ARCHIVE.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="))
            ? "each maps the launcher's class archive, as commands the launcher runs do" : "no class archive: not started by the launcher")
        + "); logs in " + work);
    for (BenchTargets.Target target : BenchTargets.of(ingest.seconds(), baseline, build.seconds(), handSql.seconds(), firstRun,
        oneNew.seconds(), mapping.seconds(), mappingRanBeam, nothingNew.seconds())) {
      out.println(target.line());
    }
    if (!keep) {
      Lake.deleteTree(data);
      Lake.deleteTree(work.resolve("duckdb-parquet"));
    }
    return 0;
  }

  private Step step(String name, Path log, List<String> mainAndArgs, long rows) throws IOException, InterruptedException {
    System.out.printf("%s ...%n", name);
    List<String> command = new ArrayList<>();
    boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
    if (timed) {
      command.addAll(List.of("/usr/bin/time", "-v"));
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx" + heap, "-Xss4m", "-cp", System.getProperty("java.class.path")));
    command.addAll(CLASS_ARCHIVE);
    command.addAll(mainAndArgs);
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put(DuckDb.MEMORY_LIMIT_VARIABLE, duckdbMemory);
    Process process = builder.start();
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    String text = Files.readString(log, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IllegalStateException(name + " failed (exit " + exit + "); see " + log);
    }
    long rss = -1;
    Matcher m = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(text);
    if (m.find()) {
      rss = Long.parseLong(m.group(1));
    }
    System.out.printf("  %.1f s%n", seconds);
    return new Step(name, seconds, rss, rows);
  }

  /** {@link #classArchive} of this JVM's own options. */
  private static final List<String> CLASS_ARCHIVE = classArchive(ManagementFactory.getRuntimeMXBean().getInputArguments());

  /**
   * The class-data-sharing options this JVM was started with (the launcher's {@code
   * target/palabre-<java>.jsa}): every step starts as a command the launcher runs would, baselines included.
   */
  static List<String> classArchive(List<String> jvmArguments) {
    return jvmArguments.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-Xlog:cds")).toList();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
