package org.palabre.warehouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.palabre.codes.ClasspathFolders;
import org.palabre.db.DuckDb;
import org.palabre.lake.Lake;
import org.palabre.lake.LakePartWriter;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;

/**
 * The crosswalk as the build applies it, for tests: lake rows in the source's own words (figures,
 * DHIS2 org units and metadata objects, as a reader gives them, or the parts a reader already wrote
 * into the lake's staging folder) are written into a real temporary lake with the lake's own part
 * writer and published delivery by delivery as the ingest publishes them; then the real {@link
 * WarehouseBuild} runs the models that {@code core.fct_observations} and {@code
 * marts.unmapped_figures} depend on (their data tests included) into a real DuckDB file, with the
 * shipped {@code schemas/} or an overlay of mapping files, and the test queries it.
 *
 * <p>A build costs about a second: a test class puts its cases into one lake and builds once. Two
 * cases must then not report the same figure (family, member, place, period, metric and breakdown)
 * where the test needs both to count: the later delivery would replace the earlier one, as it does
 * in the warehouse. The crosswalk itself ({@code intermediate.int_figures__mapped}) maps every
 * figure, replaced or not.
 */
public final class Crosswalk {

  /** The models a crosswalk build runs to, with everything they depend on. */
  public static final List<String> TARGETS = List.of("core.fct_observations", "marts.unmapped_figures");

  private final Path dir;
  private final Lake lake;
  private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
  private final Map<String, String> overlay = new TreeMap<>();

  /** A delivery to publish: its provenance and the rows of each table not yet written. */
  private static final class Delivery {
    final String runId;
    final String sha256;
    final String family;
    final String file;
    final Map<LakeTable<?>, List<Record>> rows = new LinkedHashMap<>();
    final Set<String> tables = new java.util.LinkedHashSet<>();

    Delivery(String runId, String sha256, String family, String file) {
      this.runId = runId;
      this.sha256 = sha256;
      this.family = family;
      this.file = file;
    }
  }

  /** @param dir an empty folder: the lake, the warehouse and the schemas overlay go under it */
  public Crosswalk(Path dir) {
    this.dir = dir;
    this.lake = new Lake(dir.resolve("lake"));
  }

  /**
   * Adds lake rows (figures, DHIS2 org units or metadata objects, rejected rows, file loads: any
   * record of a lake table), each to its table in the delivery its provenance names.
   */
  public Crosswalk add(Collection<?> rows) {
    for (Object row : rows) {
      LakeTable<?> table = LakeTable.all().stream().filter(t -> t.recordClass() == row.getClass()).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("not a row of a lake table: " + row));
      Record record = (Record) row;
      delivery(provenance(record, "runId"), provenance(record, "deliverySha256"), provenance(record, "sourceFamily"),
          provenance(record, "sourceFile")).rows.computeIfAbsent(table, t -> new ArrayList<>()).add(record);
    }
    return this;
  }

  /** A provenance component every lake row carries (run, delivery, family, file). */
  private static String provenance(Record row, String component) {
    try {
      return (String) row.getClass().getMethod(component).invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(row.getClass().getSimpleName() + " has no " + component, e);
    }
  }

  /** Where a reader run {@code runId} writes its parts for this lake (what the ingest gives its readers). */
  public String stagingRoot(String runId) {
    return lake.stagingRoot(runId).toString();
  }

  /** A file whose parts a reader already wrote under {@link #stagingRoot}: published at the build with its tables. */
  public Crosswalk staged(String runId, InputFile file, List<LakeTable<?>> tables) {
    Delivery d = delivery(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName());
    tables.forEach(t -> d.tables.add(t.name()));
    return this;
  }

  /**
   * Builds with {@code csv} in place of the shipped {@code schemas/<schemaPath>} (the {@code
   * --schemas} overlay), e.g. {@code mappings/hxl_attributes.csv}.
   */
  public Crosswalk schema(String schemaPath, String csv) {
    overlay.put(schemaPath, csv);
    return this;
  }

  /** The shipped {@code schemas/<schemaPath>} as written, comments included, to add lines to. */
  public static String shipped(String schemaPath) {
    String text = ClasspathFolders.read("schemas", ".csv").get(schemaPath);
    if (text == null) {
      throw new IllegalArgumentException("no schemas/" + schemaPath + " on the classpath");
    }
    return text;
  }

  /** The shipped {@code schemas/<schemaPath>} with {@code lines} added at its end, for {@link #schema}. */
  public static String shippedWith(String schemaPath, String... lines) {
    String shipped = shipped(schemaPath);
    return (shipped.endsWith("\n") ? shipped : shipped + "\n") + String.join("\n", lines) + "\n";
  }

  /** The line of the file the first line added by {@link #shippedWith} is on (what the crosswalk names it by). */
  public static int firstAddedLine(String schemaPath) {
    String shipped = shipped(schemaPath);
    return (int) shipped.chars().filter(c -> c == '\n').count() + (shipped.endsWith("\n") ? 1 : 2);
  }

  private Delivery delivery(String runId, String sha256, String family, String file) {
    Delivery d = deliveries.computeIfAbsent(sha256, k -> new Delivery(runId, sha256, family, file));
    if (!d.family.equals(family) || !d.file.equals(file) || !d.runId.equals(runId)) {
      throw new IllegalArgumentException("delivery " + sha256 + " is " + d.family + "/" + d.file + " of " + d.runId
          + ", not " + family + "/" + file + " of " + runId);
    }
    return d;
  }

  /**
   * Writes and publishes every delivery, then builds the crosswalk's models into a new warehouse.
   *
   * @throws WarehouseBuild.BuildFailure when a model or a data test fails, with the build's log
   */
  public Built build() throws Exception {
    publish();
    Path warehouse = dir.resolve("warehouse/palabre.duckdb");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WarehouseBuild build = new WarehouseBuild(lake.root(), warehouse, new PrintStream(log, true, StandardCharsets.UTF_8));
    if (!overlay.isEmpty()) {
      Path schemas = dir.resolve("schemas");
      for (var file : overlay.entrySet()) {
        Path p = schemas.resolve(file.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, file.getValue(), StandardCharsets.UTF_8);
      }
      build.withSchemas(schemas);
    }
    try {
      build.run("build-crosswalk", models());
    } catch (WarehouseBuild.BuildFailure e) {
      throw new WarehouseBuild.BuildFailure(e.getMessage() + "\n" + log.toString(StandardCharsets.UTF_8));
    }
    return new Built(warehouse);
  }

  /** {@link #TARGETS} and every model they depend on, in the build's order. */
  static List<SqlModel> models() throws WarehouseBuild.BuildFailure {
    List<SqlModel> all = WarehouseBuild.orderedModels();
    Map<String, SqlModel> byName = new LinkedHashMap<>();
    all.forEach(m -> byName.put(m.qualifiedName(), m));
    Set<String> needed = new HashSet<>();
    List<String> todo = new ArrayList<>(TARGETS);
    while (!todo.isEmpty()) {
      String name = todo.remove(todo.size() - 1);
      SqlModel model = byName.get(name);
      if (model != null && needed.add(name)) {
        todo.addAll(model.dependsOn());
      }
    }
    return all.stream().filter(m -> needed.contains(m.qualifiedName())).toList();
  }

  private void publish() throws IOException {
    for (Delivery d : deliveries.values()) {
      for (var table : d.rows.entrySet()) {
        write(table.getKey(), table.getValue(), d);
        d.tables.add(table.getKey().name());
      }
      d.rows.clear();
      lake.publish(d.runId, d.sha256, d.family, d.file, 0, d.sha256, 0, 0, List.copyOf(d.tables));
    }
    deliveries.clear();
  }

  @SuppressWarnings("unchecked")
  private <T extends Record & Serializable> void write(LakeTable<T> table, List<Record> rows, Delivery d) throws IOException {
    try (LakePartWriter<T> part = LakePartWriter.open(table, stagingRoot(d.runId), d.family, d.sha256, "part-0")) {
      for (Record row : rows) {
        part.write((T) row);
      }
    }
  }

  /** The rows of a result, each as its columns' text joined by {@code |} (null as "null"). */
  public static List<String> rows(ResultSet rs) throws java.sql.SQLException {
    List<String> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int c = 1; c <= n; c++) {
        row.append(c > 1 ? "|" : "").append(rs.getString(c));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  /** A built warehouse, to query. */
  public static final class Built {

    private final Path warehouse;

    Built(Path warehouse) {
      this.warehouse = warehouse;
    }

    public Path warehouse() {
      return warehouse;
    }

    /** The rows of a query ({@code ?} parameters bound as text), each as its columns joined by {@code |}. */
    public List<String> rows(String sql, Object... parameters) throws Exception {
      List<String> rows = new ArrayList<>();
      try (Connection db = DuckDb.open(warehouse, true); PreparedStatement st = db.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          st.setObject(i + 1, parameters[i]);
        }
        try (ResultSet rs = st.executeQuery()) {
          rows.addAll(Crosswalk.rows(rs));
        }
      }
      return rows;
    }

    /**
     * The figures of one row of an activity table as the crosswalk counts them: {@code
     * metric|sex|age_group} to its value, for every figure of the row mapped to a common metric
     * ({@code intermediate.int_figures__mapped}), and the totals derived from the row's parts
     * ({@code core.fct_observations}, traced to their first part's row), whose key ends in {@code *}.
     */
    public Map<String, Double> figures(String sourceFile, long line) throws Exception {
      Map<String, Double> figures = new TreeMap<>();
      for (String row : rows("""
          select metric_code || '|' || coalesce(sex, 'null') || '|' || coalesce(age_group, 'null'), value
          from intermediate.int_figures__mapped where mapping_status = 'mapped' and source_file = ? and source_line = ?
          union all
          select metric_code || '|' || coalesce(sex, 'null') || '|' || coalesce(age_group, 'null') || '*', value
          from core.fct_observations where derived and source_file = ? and source_line = ?
          """, sourceFile, line, sourceFile, line)) {
        String[] cells = row.split("\\|");
        String key = cells[0] + "|" + cells[1] + "|" + cells[2];
        if (figures.put(key, Double.parseDouble(cells[3])) != null) {
          throw new AssertionError("two figures " + key + " at " + sourceFile + " line " + line);
        }
      }
      return figures;
    }
  }
}
