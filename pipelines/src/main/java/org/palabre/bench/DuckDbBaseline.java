package org.palabre.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.palabre.text.TextDecoding;
import org.palabre.db.DuckDb;

/**
 * The benchmark's baseline: DuckDB's own CSV reader turning the same CSV deliveries into Parquet,
 * {@code COPY (select * from read_csv(file)) TO 'part.parquet'} per file, with DuckDB's dialect
 * and type detection and Windows-1252 files read as Latin-1. Run as a child process by
 * {@code palabre bench}, so its time and peak memory are measured like Palabre's.
 *
 * <p>Usage: {@code DuckDbBaseline INPUT_DIR OUT_DIR}; prints {@code files=N rows=N seconds=S}.
 */
public final class DuckDbBaseline {

  private DuckDbBaseline() {}

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    long started = System.nanoTime();
    List<Path> csv = csvFiles(input);
    long rows = 0;
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      int i = 0;
      for (Path file : csv) {
        String encoding = TextDecoding.detect(() -> Files.newInputStream(file)).label().equals("Windows-1252") ? "latin-1" : "utf-8";
        String target = out.resolve("part-" + i++ + ".parquet").toString();
        st.execute("copy (select * from read_csv(" + DuckDb.literal(file.toString()) + ", encoding = " + DuckDb.literal(encoding)
            + ")) to " + DuckDb.literal(target) + " (format parquet, compression snappy)");
        rows += st.getUpdateCount();
      }
    }
    System.out.printf("files=%d rows=%d seconds=%.3f%n", csv.size(), rows, (System.nanoTime() - started) / 1e9);
  }

  /** The CSV files of the CSV families (samusocial/, hxl/): the path both sides read. */
  static List<Path> csvFiles(Path input) throws java.io.IOException {
    try (Stream<Path> walk = Stream.concat(walk(input.resolve("samusocial")), walk(input.resolve("hxl")))) {
      return walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }

  private static Stream<Path> walk(Path dir) throws java.io.IOException {
    return Files.isDirectory(dir) ? Files.walk(dir).filter(Files::isRegularFile) : Stream.empty();
  }
}
