package org.palabre.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.palabre.generate.SyntheticDeliveries;
import org.palabre.lake.Lake;
import org.palabre.db.DuckDb;

/**
 * {@code palabre bench}: Palabre against DuckDB's own CSV-to-Parquet on the same generated data, in
 * one run. Every step runs in a child JVM with a bounded heap, under {@code /usr/bin/time -v} when
 * the machine has it (peak resident memory), and is timed from outside (wall clock, JVM start
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
    steps.add(step("Palabre ingest (direct runner)", work.resolve("ingest.log"),
        List.of(palabreMain, "ingest", "--input", data.toString(), "--lake", lake.toString()), inputRows));
    steps.add(step("Warehouse build", work.resolve("build.log"),
        List.of(palabreMain, "build", "--lake", lake.toString(), "--warehouse", warehouse.toString()), inputRows));
    List<String> run = List.of(palabreMain, "run", "--input", data.toString(), "--lake", lake.toString(), "--warehouse",
        warehouse.toString());
    steps.add(step("Re-run, nothing new (run)", work.resolve("rerun.log"), run, 0));
    Path extra = data.resolve("samusocial").resolve("bench-new").resolve("extra_rapport.csv");
    long extraRows = Math.max(1, rows / 1000);
    SyntheticDeliveries.writeOneReport(extra, YearMonth.of(2025, 1), extraRows, seed + 1);
    steps.add(step("Re-run, one new file (run)", work.resolve("rerun-one.log"), run, 0));
    String loadAfter = loadAverage();

    double baseline = steps.get(0).seconds();
    double firstRun = steps.get(1).seconds() + steps.get(2).seconds();
    out.println();
    out.printf("Palabre bench: %,d rows (%.1f MB of CSV), %d cores, heap %s and DuckDB memory %s per step; load average %s before,"
        + " %s after%n", rows, csvBytes / 1e6, Runtime.getRuntime().availableProcessors(), heap, duckdbMemory, loadBefore, loadAfter);
    out.printf("%-40s %10s %12s %12s %14s%n", "step", "seconds", "rows/s", "x baseline", "peak RSS (MB)");
    for (Step s : steps) {
      out.printf("%-40s %10.1f %12s %12.2f %14s%n", s.name(), s.seconds(),
          s.rows() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", s.rows() / s.seconds()), s.seconds() / baseline,
          s.peakRssKb() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", s.peakRssKb() / 1024.0));
    }
    double ingestRatio = steps.get(1).seconds() / baseline;
    double nothingNew = 100 * steps.get(3).seconds() / firstRun;
    out.printf("First run (ingest + build): %.1f s; re-run with nothing new: %.1f%% of it; with one new file (%,d rows): %.1f%%%n",
        firstRun, nothingNew, extraRows, 100 * steps.get(4).seconds() / firstRun);
    out.printf("Targets (issue 9, at 10M rows): ingest within 3x the baseline: %.2fx %s; nothing new under 3%% of the first run:"
        + " %.1f%% %s%n", ingestRatio, ingestRatio <= 3 ? "met" : "NOT met", nothingNew, nothingNew < 3 ? "met" : "NOT met");
    out.println("Wall-clock seconds of each step's JVM, start-up included; logs in " + work);
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

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
