package org.palabre.warehouse;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.palabre.codes.ClasspathFolders;
import org.palabre.codes.SchemaFiles;
import org.palabre.db.DuckDb;
import org.palabre.lake.ExclusiveLock;
import org.palabre.lake.Lake;
import org.palabre.lake.LakeTable;
import org.palabre.lake.RunFiles;

/**
 * The build half of {@code palabre run}: loads the code lists and mappings of {@code schemas/}
 * into schema {@code ref}, exposes the lake's published deliveries as schema {@code lake}, runs the
 * models of {@code sql/} in dependency order with their data tests, and publishes the result.
 *
 * <p>Everything is built into a new file beside the warehouse; only when every model and test
 * passed is it renamed over the warehouse in one atomic step. A failed build deletes its file and
 * says which model or test failed and why; the previous warehouse is untouched.
 */
public final class WarehouseBuild {

  /** A model or a data test that stopped the build. */
  public static final class BuildFailure extends Exception {
    public BuildFailure(String message) {
      super(message);
    }
  }

  /** What a successful build did. */
  public record Result(Path warehouse, int models, int tests, double seconds, BuildPlan plan) {}

  private final Path lakeRoot;
  private final Path warehouse;
  private final PrintStream out;
  private Path schemasOverlay;
  private boolean full;

  /**
   * Builds with the CSVs of {@code folder} (same relative paths as under {@code schemas/}, e.g.
   * {@code indicators/indicator_catalogue.csv}) in place of the shipped ones: a network can add an
   * indicator over existing metrics or change a setting without touching the code.
   */
  public WarehouseBuild withSchemas(Path folder) {
    this.schemasOverlay = folder;
    return this;
  }

  /**
   * Builds every model again from all of its inputs into a new file ({@code build --full}),
   * instead of updating a copy of the published warehouse with what changed since it was built.
   */
  public WarehouseBuild full(boolean full) {
    this.full = full;
    return this;
  }

  /** The reference CSVs: the shipped ones, with the overlay's in their place. */
  Map<String, String> referenceFiles() throws IOException {
    Map<String, String> files = new java.util.TreeMap<>(ClasspathFolders.read("schemas", ".csv"));
    if (schemasOverlay != null) {
      try (Stream<Path> walk = Files.walk(schemasOverlay)) {
        for (Path p : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".csv")).toList()) {
          files.put(schemasOverlay.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  public WarehouseBuild(Path lakeRoot, Path warehouse, PrintStream out) {
    this.lakeRoot = lakeRoot;
    this.warehouse = warehouse.toAbsolutePath();
    this.out = out;
  }

  /** The folder of {@code sql/} whose files define the macros the models use, run before them. */
  static final String MACROS = "macros";

  /** The models of {@code sql/}, in an order where each comes after what it depends on. */
  public static List<SqlModel> orderedModels() throws BuildFailure {
    Map<String, SqlModel> models = new LinkedHashMap<>();
    for (var file : ClasspathFolders.read("sql", ".sql").entrySet()) {
      if (file.getKey().startsWith(MACROS + "/")) {
        continue;
      }
      SqlModel model = SqlModel.parse(file.getKey(), file.getValue());
      models.put(model.qualifiedName(), model);
    }
    for (SqlModel model : models.values()) {
      for (String ref : model.referenced()) {
        if (!model.dependsOn().contains(ref)) {
          throw new BuildFailure("sql/" + model.layer() + "/" + model.name() + ".sql reads " + ref
              + " but does not declare it: add it to its '-- depends on:' line");
        }
      }
      for (String dep : model.dependsOn()) {
        String schema = dep.substring(0, Math.max(0, dep.indexOf('.')));
        if (!SqlModel.SCHEMAS.contains(schema)) {
          throw new BuildFailure("sql/" + model.layer() + "/" + model.name() + ".sql depends on '" + dep
              + "', which is in no known schema " + SqlModel.SCHEMAS);
        }
        if (!schema.equals("lake") && !schema.equals("ref") && !models.containsKey(dep)) {
          throw new BuildFailure("sql/" + model.layer() + "/" + model.name() + ".sql depends on " + dep + ", which is no model");
        }
      }
    }
    List<SqlModel> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    for (SqlModel model : models.values()) {
      visit(model, models, done, visiting, ordered);
    }
    return ordered;
  }

  private static void visit(SqlModel model, Map<String, SqlModel> models, Set<String> done, Set<String> visiting,
      List<SqlModel> ordered) throws BuildFailure {
    if (done.contains(model.qualifiedName())) {
      return;
    }
    if (!visiting.add(model.qualifiedName())) {
      throw new BuildFailure("models depend on each other in a cycle through " + model.qualifiedName());
    }
    for (String dep : model.dependsOn()) {
      SqlModel upstream = models.get(dep);
      if (upstream != null) {
        visit(upstream, models, done, visiting, ordered);
      }
    }
    visiting.remove(model.qualifiedName());
    done.add(model.qualifiedName());
    ordered.add(model);
  }

  public Result run(String runId) throws BuildFailure, IOException {
    return run(runId, orderedModels());
  }

  /** Builds the given models, already in dependency order, and publishes them. */
  public Result run(String runId, List<SqlModel> models) throws BuildFailure, IOException {
    long started = System.nanoTime();
    Files.createDirectories(warehouse.getParent());
    Path building = warehouse.resolveSibling(warehouse.getFileName() + ".building-" + runId);
    try (ExclusiveLock lock = ExclusiveLock.take(warehouse.resolveSibling("." + warehouse.getFileName() + ".lock"), "the warehouse")) {
      removeAbandonedBuilds();
      return build(runId, models, building, started);
    }
  }

  /** Files a killed build left beside the warehouse; only called with the warehouse lock held. */
  private void removeAbandonedBuilds() throws IOException {
    String prefix = warehouse.getFileName() + ".building-";
    try (Stream<Path> siblings = Files.list(warehouse.getParent())) {
      for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Result build(String runId, List<SqlModel> models, Path building, long started) throws BuildFailure, IOException {
    Lake lake = new Lake(lakeRoot);
    Map<String, String> reference = referenceFiles();
    BuildInputs now = currentInputs(lake, reference, models);
    String fingerprint = now.fingerprint();
    BuildPlan plan = BuildPlan.of(full ? null : BuildInputs.published(warehouse), now, models, full);
    out.printf("Building the warehouse (%d models): %s ...%n", models.size(), plan.changes());
    int tests;
    try {
      if (!plan.full()) {
        long copyStarted = System.nanoTime();
        Files.copy(warehouse, building, StandardCopyOption.REPLACE_EXISTING);
        out.printf("  copied the published warehouse (%.1f MB) in %.1fs; the changes are made in the copy%n", Files.size(building) / 1e6,
            (System.nanoTime() - copyStarted) / 1e9);
      }
      try (Connection db = DuckDb.open(building, false); Statement st = db.createStatement()) {
        // no model's rows have an order but the one its query asks for: DuckDB may then write a table's row
        // groups as its threads finish them (measured at 1M rows: the figure tables written 10-25% faster, the
        // build's peak memory 2.2 -> 1.7 GB)
        st.execute("set preserve_insertion_order = false");
        // DuckDB's common-subplan optimizer stores a subquery read twice instead of running it twice; over a
        // view with a row per figure that means writing every figure's columns to temporary files (measured at
        // 10M rows, each query alone with a 4 GB limit: int_figure_repeats 100 s and 13 GB of temporary disk
        // with it, 21 s without; int_validation_results 110 s with it, 49 s without)
        st.execute("set disabled_optimizers = 'common_subplan'");
        // FSST, the compression DuckDB tries on every text segment besides a dictionary, wins little on the figure
        // tables, whose text has few values (1M full build, three runs each in turn: 49.0 -> 44.3 s; at 10M a copy
        // of int_figure_versions, two each in turn: 102.0 and 107.2 s without it, 96.1 and 117.9 s with it, noise)
        st.execute("set disabled_compression_methods = 'fsst'");
        if (!plan.full()) {
          for (String schema : new String[] {"ref", "meta", ModelRunner.DELTA}) {
            st.execute("drop schema if exists " + schema + " cascade");
          }
          for (String gone : plan.dropped()) {
            String[] name = gone.split("\\.", 2);
            String kind = ModelRunner.kindOf(st, name[0], name[1]);
            if (kind != null) {
              st.execute("drop " + kind + " " + gone);
            }
          }
        }
        loadReference(st, reference);
        if (plan.full()) {
          defineMacros(st);
        }
        attachLake(st, lake);
        tests = new ModelRunner(st, lake, out).run(plan, models);
        st.execute("drop schema lake cascade");
        st.execute("create schema meta");
        st.execute("create table meta.build_info as select " + DuckDb.literal(runId) + " as run_id, now()::timestamp as built_at, "
            + DuckDb.literal(fingerprint) + " as fingerprint, " + models.size() + " as models, " + tests + " as data_tests, "
            + DuckDb.literal(mappingsVersion(reference)) + " as mappings_sha256, " + DuckDb.literal(plan.full() ? "full" : "incremental")
            + " as build_kind");
        st.execute("create table meta.mapping_versions as select * from ref.mapping_versions");
        now.write(st);
        st.execute("checkpoint");
      }
      Files.move(building, warehouse, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (SQLException e) {
      throw new BuildFailure("the warehouse build failed: " + DuckDb.describe(e));
    } finally {
      Files.deleteIfExists(building);
      Files.deleteIfExists(building.resolveSibling(building.getFileName() + ".wal"));
    }
    return new Result(warehouse, models.size(), tests, (System.nanoTime() - started) / 1e9, plan);
  }

  /**
   * True when the published warehouse was built from exactly what a build would now read (its
   * {@code meta.build_inputs}: deliveries, run files, reference tables, models, macros).
   */
  public boolean upToDate() {
    try {
      BuildInputs published = BuildInputs.published(warehouse);
      return published != null && published.equals(currentInputs(new Lake(lakeRoot), referenceFiles(), orderedModels()));
    } catch (IOException | BuildFailure e) {
      return false;
    }
  }

  /** What a build of {@code models} would read now: the lake's deliveries and run files, the reference tables, the models, the macros. */
  private BuildInputs currentInputs(Lake lake, Map<String, String> reference, List<SqlModel> models) throws IOException {
    return BuildInputs.current(lake, referenceTables(reference), models, ClasspathFolders.read("sql/" + MACROS, ".sql"));
  }

  /** The macros of {@code sql/macros/}, which the models call (label keys, mapping validity). */
  static void defineMacros(Statement st) throws BuildFailure {
    for (var file : ClasspathFolders.read("sql/" + MACROS, ".sql").entrySet()) {
      for (String statement : SqlModel.withoutComments(file.getValue()).split(";")) {
        if (statement.isBlank()) {
          continue;
        }
        try {
          st.execute(statement);
        } catch (SQLException e) {
          throw new BuildFailure("sql/" + MACROS + "/" + file.getKey() + " failed: " + DuckDb.describe(e));
        }
      }
    }
  }

  /** The folder of {@code schemas/} whose tables are the crosswalk: their rows carry their line in the file. */
  static final String MAPPINGS = "mappings/";

  /**
   * The version of the crosswalk a build used: a SHA-256 over the mapping files' names and bytes
   * (the overlay's in place of the shipped ones), recorded in {@code meta.build_info}.
   */
  static String mappingsVersion(Map<String, String> csvFiles) {
    StringBuilder identity = new StringBuilder();
    csvFiles.forEach((name, text) -> {
      if (name.startsWith(MAPPINGS)) {
        identity.append(name).append('\n').append(text).append('\n');
      }
    });
    return org.apache.commons.codec.digest.DigestUtils.sha256Hex(identity.toString());
  }

  /**
   * Every CSV under {@code schemas/} becomes a table of schema {@code ref}, named after the file.
   * The mapping files' tables have one more column, {@code line_number}: the line of the file the
   * row comes from, so that a mapped figure names the line that mapped it; {@code
   * ref.mapping_versions} holds each mapping file's SHA-256.
   */
  /**
   * Each table of schema {@code ref} and the text it is loaded from (the mapping files' with their
   * line numbers): the reference tables' versions for {@link BuildInputs}. {@code
   * ref.mapping_versions} is made from every mapping file.
   */
  static Map<String, String> referenceTables(Map<String, String> csvFiles) {
    Map<String, String> tables = new java.util.TreeMap<>();
    StringBuilder mappings = new StringBuilder();
    for (var file : csvFiles.entrySet()) {
      boolean mapping = file.getKey().startsWith(MAPPINGS);
      tables.merge(Path.of(file.getKey()).getFileName().toString().replace(".csv", ""),
          mapping ? withLineNumbers(file.getValue()) : SchemaFiles.withoutComments(file.getValue()), (a, b) -> a + "\n" + b);
      if (mapping) {
        mappings.append(file.getKey()).append('\n').append(file.getValue());
      }
    }
    tables.put("mapping_versions", mappings.toString());
    return tables;
  }

  static void loadReference(Statement st, Map<String, String> csvFiles) throws SQLException, IOException, BuildFailure {
    st.execute("create schema ref");
    st.execute("create table ref.mapping_versions (mapping_file varchar, sha256 varchar, mapping_lines bigint)");
    Map<String, String> seen = new LinkedHashMap<>();
    for (var file : csvFiles.entrySet()) {
      String table = Path.of(file.getKey()).getFileName().toString().replace(".csv", "");
      if (seen.put(table, file.getKey()) != null) {
        throw new BuildFailure("schemas/" + file.getKey() + " and schemas/" + seen.get(table) + " would both be ref." + table);
      }
      boolean mapping = file.getKey().startsWith(MAPPINGS);
      String text = mapping ? withLineNumbers(file.getValue()) : SchemaFiles.withoutComments(file.getValue());
      if (mapping) {
        st.execute("insert into ref.mapping_versions values (" + DuckDb.literal("schemas/" + file.getKey()) + ", "
            + DuckDb.literal(org.apache.commons.codec.digest.DigestUtils.sha256Hex(file.getValue())) + ", "
            + (text.lines().count() - 1) + ")");
      }
      Path tmp = Files.createTempFile("palabre-ref-", ".csv");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        st.execute("create table ref." + table + " as select * from read_csv(" + DuckDb.literal(tmp.toString())
            + ", header = true, delim = ',', quote = '\"', sample_size = -1)");
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * A mapping CSV without its comments and with a first column {@code line_number}: each data
   * row's line in the file as written (1 = the first line), for the provenance of mapped figures.
   */
  static String withLineNumbers(String csv) {
    StringBuilder out = new StringBuilder();
    boolean header = true;
    int number = 0;
    for (String line : csv.split("\n", -1)) {
      number++;
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.isBlank() || l.startsWith("# ") || l.strip().equals("#")) {
        continue;
      }
      out.append(header ? "line_number" : Integer.toString(number)).append(',').append(l).append('\n');
      header = false;
    }
    return out.toString();
  }

  /** Schema {@code lake}: a view over each table's published Parquet files, or an empty table. */
  static void attachLake(Statement st, Lake lake) throws SQLException, IOException {
    st.execute("create schema lake");
    Map<String, Lake.DeliveryMarker> published = lake.deliveries();
    for (LakeTable<?> table : LakeTable.all()) {
      List<Path> files = lake.files(table.name(), published);
      if (files.isEmpty()) {
        st.execute("create table lake." + table.name() + " (" + columns(table.avroSchema()) + ")");
      } else {
        st.execute("create view lake." + table.name() + " as select * from read_parquet(" + DuckDb.pathList(files)
            + ", union_by_name = true)");
      }
    }
    attachRunFiles(st, lake, "load_report", RunFiles.LOAD_REPORT_COLUMNS);
    attachRunFiles(st, lake, "run", RunFiles.RUN_LOG_COLUMNS);
  }

  /** lake.load_report and lake.runs: the run files of {@code lake/_runs/}, or an empty table. */
  private static void attachRunFiles(Statement st, Lake lake, String kind, String columns) throws SQLException, IOException {
    Path runs = lake.root().resolve("_runs");
    List<Path> files = List.of();
    if (Files.isDirectory(runs)) {
      try (Stream<Path> list = Files.list(runs)) {
        files = list.filter(p -> p.toString().endsWith("." + kind + ".parquet")).sorted().toList();
      }
    }
    String table = kind.equals("run") ? "runs" : kind;
    if (files.isEmpty()) {
      st.execute("create table lake." + table + " (" + columns + ")");
    } else {
      st.execute("create view lake." + table + " as select * from read_parquet(" + DuckDb.pathList(files) + ", union_by_name = true)");
    }
  }

  private static String columns(Schema schema) {
    List<String> cols = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      Schema type = field.schema();
      if (type.getType() == Schema.Type.UNION) {
        type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
      String sql = "date".equals(type.getProp("logicalType")) || (type.getLogicalType() != null && type.getLogicalType().getName().equals("date"))
          ? "date"
          : switch (type.getType()) {
            case STRING -> "varchar";
            case LONG -> "bigint";
            case INT -> "integer";
            case DOUBLE -> "double";
            case FLOAT -> "float";
            case BOOLEAN -> "boolean";
            default -> throw new IllegalStateException("no DuckDB type for Avro " + type);
          };
      cols.add(field.name() + " " + sql);
    }
    return String.join(", ", cols);
  }
}
