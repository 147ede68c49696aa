package org.palabre.sources.tabular;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.palabre.codes.SchemaFiles;
import org.palabre.text.Labels;

/**
 * The French (and English) column headers members use, read from
 * {@code schemas/mappings/samusocial_columns.csv}: which header means which dimension or measure,
 * for activity reports and for trainings. Harmonising a new spelling is a line in that file.
 */
public final class HeaderMapping implements Serializable {

  /** What a header row was understood as. */
  public record Resolution(String kind, List<ColumnRole> roles, List<String> unknownHeaders, int knownCount) {}

  private final Map<String, ColumnRole> any = new HashMap<>();
  private final Map<String, Map<String, ColumnRole>> byKind = new HashMap<>();

  public HeaderMapping(String mappingFile) {
    int line = 1;
    for (Map<String, String> row : SchemaFiles.readCsv(mappingFile)) {
      line++;
      ColumnRole role =
          ColumnRole.fromMapping(row.get("role"), row.get("metric"), row.get("sex"), row.get("age_group"),
              "schemas/" + mappingFile + " row " + line);
      String alias = Labels.normalise(row.get("alias"));
      String kind = row.get("kind");
      if (kind.equals("any")) {
        any.put(alias, role);
      } else {
        byKind.computeIfAbsent(kind, k -> new HashMap<>()).put(alias, role);
      }
    }
  }

  public static HeaderMapping samusocial() {
    return new HeaderMapping("mappings/samusocial_columns.csv");
  }

  /** The role of one label for a kind of file, or null when the label is unknown. */
  public ColumnRole roleOf(String label, String kind) {
    String key = Labels.normalise(label);
    ColumnRole role = byKind.getOrDefault(kind, Map.of()).get(key);
    return role != null ? role : any.get(key);
  }

  /** True when the label is known only to a kind other than activity reports (e.g. "participants"). */
  public boolean marksKind(String label, String kind) {
    String key = Labels.normalise(label);
    return byKind.getOrDefault(kind, Map.of()).containsKey(key) && !byKind.getOrDefault("report", Map.of()).containsKey(key);
  }

  /** How many cells of a candidate header row are known headers (of any kind). */
  public int knownCount(List<String> cells) {
    int known = 0;
    for (String cell : cells) {
      String key = Labels.normalise(cell);
      if (!key.isEmpty() && (any.containsKey(key) || byKind.values().stream().anyMatch(m -> m.containsKey(key)))) {
        known++;
      }
    }
    return known;
  }

  /**
   * Resolves a header row. The kind is the one (other than "report") that claims a header no other
   * kind knows, e.g. a "participants" column makes it a trainings file; otherwise "report".
   */
  public Resolution resolve(List<String> headers) {
    String kind = "report";
    for (String header : headers) {
      String key = Labels.normalise(header);
      for (var entry : byKind.entrySet()) {
        if (!entry.getKey().equals("report") && entry.getValue().containsKey(key)
            && !byKind.getOrDefault("report", Map.of()).containsKey(key)) {
          kind = entry.getKey();
        }
      }
    }
    Map<String, ColumnRole> kindRoles = byKind.getOrDefault(kind, Map.of());
    List<ColumnRole> roles = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int known = 0;
    for (String header : headers) {
      String key = Labels.normalise(header);
      ColumnRole role = kindRoles.getOrDefault(key, any.get(key));
      if (role == null) {
        if (!key.isEmpty()) {
          unknown.add(header.strip());
        }
        role = ColumnRole.IGNORED;
      } else {
        known++;
      }
      roles.add(role);
    }
    return new Resolution(kind, roles, unknown, known);
  }
}
