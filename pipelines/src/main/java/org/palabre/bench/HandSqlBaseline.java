package org.palabre.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.palabre.lake.Lake;
import org.palabre.db.DuckDb;

/**
 * The build's baseline in the benchmark: {@code bench/indicator_sums.sql}, one query written by hand
 * that computes the sums of the catalogue's {@code metric_sum} indicators straight from the lake's
 * published figures (crosswalk of the measure, the delivery that counts by a window, the periods,
 * then grouping sets by period x place x disaggregation), the bulk of what the warehouse build
 * computes over the figures. Run as a child process by {@code palabre bench} so its time and peak
 * memory are measured like the build's.
 *
 * <p>The runner gives the query what the build gives its models: {@code figures}, a view of the
 * published deliveries' figure parts, and the crosswalk and catalogue CSVs of {@code schemas/} as
 * tables ({@code samusocial_columns}, {@code hxl_tags}, {@code dhis2_data_elements},
 * {@code organisations}, {@code indicator_catalogue}); the result is written to Parquet, so every
 * row is computed.
 *
 * <p>Usage: {@code HandSqlBaseline LAKE_DIR OUT.parquet}; prints {@code rows=N seconds=S}.
 */
public final class HandSqlBaseline {

  /** The query, on the classpath (pipelines/src/main/resources/bench/). */
  public static final String QUERY = "/bench/indicator_sums.sql";

  /** The schemas/ CSVs the query reads, by the table name it reads them under. */
  static final Map<String, String> TABLES = Map.of(
      "samusocial_columns", "/schemas/mappings/samusocial_columns.csv",
      "hxl_tags", "/schemas/mappings/hxl_tags.csv",
      "dhis2_data_elements", "/schemas/mappings/dhis2_data_elements.csv",
      "organisations", "/schemas/mappings/organisations.csv",
      "indicator_catalogue", "/schemas/indicators/indicator_catalogue.csv");

  private HandSqlBaseline() {}

  public static void main(String[] args) throws Exception {
    Path lakeRoot = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long started = System.nanoTime();
    long rows = run(lakeRoot, out);
    System.out.printf("rows=%d seconds=%.3f%n", rows, (System.nanoTime() - started) / 1e9);
  }

  /** Runs the query over the lake and writes its result to {@code out}; returns the rows written. */
  static long run(Path lakeRoot, Path out) throws Exception {
    Lake lake = new Lake(lakeRoot);
    List<Path> parts = lake.files("figures", lake.deliveries());
    Path scratch = Files.createTempDirectory("palabre-hand-sql-");
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement()) {
      // as a data engineer would run it: spill to disk past the memory limit, no row order to keep
      st.execute("set temp_directory = " + DuckDb.literal(scratch.resolve("spill").toString()));
      st.execute("set preserve_insertion_order = false");
      st.execute("create view figures as select * from read_parquet(" + DuckDb.pathList(parts) + ", union_by_name = true)");
      for (Map.Entry<String, String> table : TABLES.entrySet()) {
        Path csv = scratch.resolve(table.getKey() + ".csv");
        Files.writeString(csv, withoutComments(resource(table.getValue())), StandardCharsets.UTF_8);
        st.execute("create table " + table.getKey() + " as select * from read_csv(" + DuckDb.literal(csv.toString())
            + ", header = true, all_varchar = true)");
      }
      st.execute("copy (" + resource(QUERY) + ") to " + DuckDb.literal(out.toString()) + " (format parquet)");
      try (ResultSet rs = st.executeQuery("select count(*) from read_parquet(" + DuckDb.literal(out.toString()) + ")")) {
        rs.next();
        return rs.getLong(1);
      }
    } finally {
      Lake.deleteTree(scratch);
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = HandSqlBaseline.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing " + name + " on the classpath: rebuild with ./palabre or mvn package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll(";\\s*$", "");
    }
  }

  private static String withoutComments(String csv) {
    return csv.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
  }
}
