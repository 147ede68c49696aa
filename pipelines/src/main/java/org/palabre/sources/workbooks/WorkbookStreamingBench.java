package org.palabre.sources.workbooks;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.dhatim.fastexcel.Worksheet;
import org.palabre.sources.tables.Table;
import org.palabre.sources.tables.TableRow;

/**
 * The workbook streaming benchmark (measured, never asserted in a test): writes one sheet of
 * {@code rows} survey-like rows (a distinct uuid per row, as Kobo exports have, a date, a
 * date-time, a service name, eight whole numbers), then opens it with {@link Workbooks#open} and
 * streams every row, timing the open (zip limits and CRCs checked) and the read apart, and the heap's
 * peak while reading (garbage included: run it with a small {@code -Xmx} to show the read fits in
 * it; 1M rows stream in a 128 MB heap). For {@code palabre bench} to call; on its own:
 *
 * <pre>java -Xmx256m -cp 'target/palabre.jar:target/lib/*' org.palabre.sources.workbooks.WorkbookStreamingBench DIR [ROWS]</pre>
 */
public final class WorkbookStreamingBench {

  /** What one run measured. */
  public record Figures(long rows, long fileBytes, double writeSeconds, double openSeconds, double readSeconds,
      double readCpuSeconds, long peakHeapBytes, long maxHeapBytes) {

    public double rowsPerSecond() {
      return rows / readSeconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "workbook of %,d rows (%s): written in %.1f s; opened (zip limits, CRCs) in %.2f s; streamed in %.1f s"
              + " (%.1f s of CPU), %,.0f rows/s; peak heap while reading %s of %s max",
          rows, ZipLimits.bytes(fileBytes), writeSeconds, openSeconds, readSeconds, readCpuSeconds, rowsPerSecond(),
          ZipLimits.bytes(peakHeapBytes), ZipLimits.bytes(maxHeapBytes));
    }
  }

  private WorkbookStreamingBench() {}

  /**
   * Writes a workbook of {@code rows} rows into {@code dir} (kept: a re-run reads it again without
   * writing it, and reports a write time of 0), reads it, and measures.
   */
  public static Figures run(Path dir, int rows) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("workbook_" + rows + "_rows.xlsx");
    long started = System.nanoTime();
    if (!Files.exists(file)) {
      Path partial = dir.resolve(file.getFileName() + ".partial");
      write(partial, rows);
      Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    double writeSeconds = (System.nanoTime() - started) / 1e9;

    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStarted = threads.getCurrentThreadCpuTime();
    started = System.nanoTime();
    long read = 0;
    double openSeconds;
    try (Workbook workbook = Workbooks.open(file)) {
      openSeconds = (System.nanoTime() - started) / 1e9;
      for (Table table : workbook.tables()) {
        while (table.hasNext()) {
          TableRow row = table.next();
          if (!row.cells().isEmpty()) {
            read++;
          }
        }
      }
    }
    double readSeconds = (System.nanoTime() - started) / 1e9 - openSeconds;
    double readCpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    if (read != rows + 1) {
      throw new IllegalStateException("read " + read + " rows, wrote " + (rows + 1));
    }
    return new Figures(rows, Files.size(file), writeSeconds, openSeconds, readSeconds, readCpuSeconds, peak,
        Runtime.getRuntime().maxMemory());
  }

  static void write(Path file, int rows) throws IOException {
    String[] services = {"Samusocial Burkina Faso", "Samusocial Sénégal", "Samusocial Pointe-Noire", "Amel Association"};
    try (OutputStream out = Files.newOutputStream(file)) {
      org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "Palabre", "1.0");
      Worksheet sheet = workbook.newWorksheet("Submissions");
      String[] header = {"_uuid", "today", "_submission_time", "service", "maraudes", "personnes", "femmes",
        "mineurs", "consultations", "entretiens", "nuitees", "orientations"};
      for (int c = 0; c < header.length; c++) {
        sheet.value(0, c, header[c]);
      }
      LocalDate day = LocalDate.of(2022, 1, 1);
      java.util.Random random = new java.util.Random(18);
      for (int r = 1; r <= rows; r++) {
        sheet.value(r, 0, new UUID(random.nextLong(), random.nextLong()).toString());
        sheet.value(r, 1, day.plusDays(r % 730));
        sheet.style(r, 1).format("yyyy-mm-dd").set();
        sheet.value(r, 2, day.plusDays(r % 730).atTime(8, 30).plusSeconds(r % 3600));
        sheet.style(r, 2).format("yyyy-mm-dd hh:mm:ss").set();
        sheet.value(r, 3, services[r % services.length]);
        for (int c = 4; c < header.length; c++) {
          sheet.value(r, c, random.nextInt(1500));
        }
        if (r % 10_000 == 0) {
          sheet.flush();
        }
      }
      workbook.finish();
    }
  }

  /**
   * Writes a monthly-report workbook of {@code rows} rows as a template makes it (a notes sheet
   * first, a merged title above the header, months typed as dates shown "mmmm yyyy", figures as
   * numbers; one row per service and month, 300 months a service), for a whole ingest to read:
   * {@code palabre ingest --input DIR} measures the job's time and, under {@code /usr/bin/time -v},
   * its peak memory.
   */
  public static Path writeMonthlyReport(Path input, int rows) throws IOException {
    Path file = input.resolve("samusocial/rapports_" + rows + "_lignes.xlsx");
    Files.createDirectories(file.getParent());
    java.util.Random random = new java.util.Random(7);
    try (OutputStream out = Files.newOutputStream(file)) {
      org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "Palabre bench", "1.0");
      Worksheet notes = workbook.newWorksheet("Notes");
      notes.value(0, 0, "Rapport mensuel : une ligne par dispositif et par mois");
      notes.finish();
      Worksheet sheet = workbook.newWorksheet("Rapports");
      sheet.value(0, 0, "Samusocial - rapports mensuels");
      sheet.range(0, 0, 0, 6).merge();
      String[] header = {"Dispositif", "Pays", "Mois", "Maraudes", "Personnes rencontrées", "dont femmes", "Consultations médicales"};
      for (int c = 0; c < header.length; c++) {
        sheet.value(2, c, header[c]);
      }
      for (int i = 0; i < rows; i++) {
        int row = i + 3;
        int people = 100 + random.nextInt(400);
        sheet.value(row, 0, "Service " + (i / 300));
        sheet.value(row, 1, "Burkina Faso");
        sheet.value(row, 2, LocalDate.of(2000 + (i % 300) / 12, 1 + i % 12, 1));
        sheet.style(row, 2).format("mmmm yyyy").set();
        sheet.value(row, 3, 5 + random.nextInt(20));
        sheet.value(row, 4, people);
        sheet.value(row, 5, people / 3);
        sheet.value(row, 6, random.nextInt(200));
        if (i % 50_000 == 0) {
          sheet.flush();
        }
      }
      workbook.finish();
    }
    return file;
  }

  /** {@code DIR [ROWS]} streams a survey sheet; {@code DIR ROWS report} writes a monthly report under DIR for an ingest. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/workbook-bench");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    if (args.length > 2 && args[2].equals("report")) {
      System.out.println("written " + writeMonthlyReport(dir, rows) + "; now: /usr/bin/time -v ./palabre ingest --input " + dir
          + " --lake " + dir.resolveSibling(dir.getFileName() + "-lake"));
      return;
    }
    System.out.println(run(dir, rows));
  }
}
