package org.palabre.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.palabre.db.DuckDb;
import org.palabre.lake.Lake;
import org.palabre.lake.LakeTable;

/**
 * What a warehouse is built from, input by input: the version (a SHA-256) of each reference table,
 * model and macro file, of the lake's run files, and each published delivery with the lake tables
 * it has rows in. A build records them in {@code meta.build_inputs} and {@code
 * meta.build_deliveries}; the next build compares them with what it would read now ({@link
 * BuildPlan}) to rebuild only what changed.
 *
 * @param versions input name ({@code ref.members}, {@code model staging.stg_lake__figures},
 *     {@code macros}, {@code lake.runs} ...) -> version
 * @param deliveries delivery SHA-256 -> the delivery as published
 */
public record BuildInputs(Map<String, String> versions, Map<String, Delivery> deliveries) {

  /**
   * One published delivery: its SHA-256, its version (the run that published it: a delivery read
   * again in a later run is a new version, its rows carry the new run id) and its lake tables.
   */
  public record Delivery(String sha256, String version, Set<String> tables) {}

  /**
   * The version of how a build loads its inputs (reference CSVs, lake views): a warehouse built by
   * another version is rebuilt in full. Change it whenever that code changes what a table holds.
   */
  static final String FORMAT = "1";

  static final String MACROS = "macros";

  /** What a build would read now. */
  static BuildInputs current(Lake lake, Map<String, String> referenceTables, List<SqlModel> models, Map<String, String> macroFiles)
      throws IOException {
    Map<String, String> versions = new TreeMap<>();
    versions.put("format", FORMAT);
    versions.put(MACROS, DigestUtils.sha256Hex(macroFiles.toString()));
    referenceTables.forEach((table, text) -> versions.put("ref." + table, DigestUtils.sha256Hex(text)));
    for (SqlModel model : models) {
      versions.put("model " + model.qualifiedName(), DigestUtils.sha256Hex(model.definition()));
    }
    versions.put("lake.runs", runFilesVersion(lake, ".run.parquet"));
    versions.put("lake.load_report", runFilesVersion(lake, ".load_report.parquet"));
    Map<String, Delivery> deliveries = new TreeMap<>();
    for (Lake.DeliveryMarker m : lake.deliveries().values()) {
      Set<String> tables = new LinkedHashSet<>();
      for (LakeTable<?> table : LakeTable.all()) {
        if (Files.isDirectory(lake.root().resolve(table.name()).resolve(m.sourceFamily()).resolve(m.sha256()))) {
          tables.add("lake." + table.name());
        }
      }
      deliveries.put(m.sha256(), new Delivery(m.sha256(), m.runId() + "@" + m.publishedAtMillis(), tables));
    }
    return new BuildInputs(versions, deliveries);
  }

  /** The run files of one kind: their names and sizes (a run file is written once, never changed). */
  private static String runFilesVersion(Lake lake, String suffix) throws IOException {
    Path runs = lake.root().resolve("_runs");
    StringBuilder identity = new StringBuilder();
    if (Files.isDirectory(runs)) {
      try (Stream<Path> list = Files.list(runs)) {
        for (Path p : list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
          identity.append(p.getFileName()).append(' ').append(Files.size(p)).append('\n');
        }
      }
    }
    return DigestUtils.sha256Hex(identity.toString());
  }

  /** One SHA-256 of all the inputs (kept in {@code meta.build_info.fingerprint}). */
  String fingerprint() {
    return DigestUtils.sha256Hex(versions + "\n" + deliveries);
  }

  /** Writes {@code meta.build_inputs} and {@code meta.build_deliveries} (schema meta exists). */
  void write(Statement st) throws SQLException {
    st.execute("create table meta.build_inputs (input varchar, version varchar)");
    StringBuilder rows = new StringBuilder();
    versions.forEach((input, version) -> rows.append(rows.isEmpty() ? "" : ", ")
        .append('(').append(DuckDb.literal(input)).append(", ").append(DuckDb.literal(version)).append(')'));
    st.execute("insert into meta.build_inputs values " + rows);
    st.execute("create table meta.build_deliveries (delivery_sha256 varchar, version varchar, lake_table varchar)");
    StringBuilder deliveryRows = new StringBuilder();
    for (Delivery d : deliveries.values()) {
      for (String table : d.tables().isEmpty() ? Set.of("") : d.tables()) {
        deliveryRows.append(deliveryRows.isEmpty() ? "" : ", ").append('(').append(DuckDb.literal(d.sha256())).append(", ")
            .append(DuckDb.literal(d.version())).append(", ").append(table.isEmpty() ? "null" : DuckDb.literal(table)).append(')');
      }
    }
    if (!deliveryRows.isEmpty()) {
      st.execute("insert into meta.build_deliveries values " + deliveryRows);
    }
  }

  /**
   * What the published warehouse was built from, or null when it is missing or was built before
   * builds recorded their inputs (it is then rebuilt in full).
   */
  static BuildInputs published(Path warehouse) {
    if (!Files.exists(warehouse)) {
      return null;
    }
    try (Connection db = DuckDb.open(warehouse, true); Statement st = db.createStatement()) {
      Map<String, String> versions = new TreeMap<>();
      try (ResultSet rs = st.executeQuery("select input, version from meta.build_inputs")) {
        while (rs.next()) {
          versions.put(rs.getString(1), rs.getString(2));
        }
      }
      Map<String, Delivery> deliveries = new TreeMap<>();
      try (ResultSet rs = st.executeQuery("select delivery_sha256, version, lake_table from meta.build_deliveries")) {
        while (rs.next()) {
          Delivery d = deliveries.computeIfAbsent(rs.getString(1), sha -> new Delivery(sha, null, new LinkedHashSet<>()));
          if (d.version() == null) {
            d = new Delivery(d.sha256(), rs.getString(2), d.tables());
            deliveries.put(d.sha256(), d);
          }
          if (rs.getString(3) != null) {
            d.tables().add(rs.getString(3));
          }
        }
      }
      return new BuildInputs(versions, deliveries);
    } catch (SQLException e) {
      return null;
    }
  }
}
