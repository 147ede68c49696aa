package org.palabre.sources.tabular;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.palabre.codes.SchemaFiles;
import org.palabre.model.SourceFigure;
import org.palabre.text.Labels;

/**
 * How to read an activity table, from the readers' grammar files {@code
 * schemas/readers/table_headers.csv} (French and English headers) and {@code
 * schemas/readers/hxl_hashtags.csv} (HXL hashtags): which columns are a row's dimensions, which
 * are text, and that every other column is a figure. It never says what a figure means: that is
 * the crosswalk, applied at build time from {@code schemas/mappings/}.
 */
public final class TableGrammar implements Serializable {

  /** A hashtag spec, {@code #reached +ind +F}: the tag without '#' and its attributes, lower case. */
  public record Hashtag(String tag, Set<String> attributes) implements Serializable {

    /** The canonical form, hashtag then its attributes sorted: {@code #reached+f+ind}. */
    public String canonical() {
      StringBuilder s = new StringBuilder("#").append(tag);
      attributes.stream().sorted().forEach(a -> s.append('+').append(a));
      return s.toString();
    }
  }

  private record HashtagRule(String tag, Set<String> required, ColumnRole role) implements Serializable {}

  private static final Pattern HASHTAG =
      Pattern.compile("#[a-z][a-z0-9_]*(\\s*\\+\\s*[a-z][a-z0-9_]*)*", Pattern.CASE_INSENSITIVE);

  private final Map<String, ColumnRole> anyKind = new HashMap<>();
  private final Map<String, ColumnRole> trainingOnly = new HashMap<>();
  private final List<HashtagRule> hashtagRules = new ArrayList<>();
  private final List<HashtagRule> attributeRules = new ArrayList<>();

  private static volatile TableGrammar shipped;

  private TableGrammar() {
    int line = 1;
    for (Map<String, String> row : SchemaFiles.readCsv("readers/table_headers.csv")) {
      line++;
      ColumnRole role = role(row.get("role"), "schemas/readers/table_headers.csv row " + line);
      String header = Labels.normalise(row.get("header"));
      (row.get("kind").equals("training") ? trainingOnly : anyKind).put(header, role);
    }
    line = 1;
    for (Map<String, String> row : SchemaFiles.readCsv("readers/hxl_hashtags.csv")) {
      line++;
      ColumnRole role = role(row.get("role"), "schemas/readers/hxl_hashtags.csv row " + line);
      String tag = row.get("hashtag").strip();
      Set<String> required = parse(tag.equals("*") ? "#any " + row.get("required_attributes")
          : tag + " " + row.get("required_attributes")).attributes();
      (tag.equals("*") ? attributeRules : hashtagRules).add(new HashtagRule(tag.equals("*") ? "*" : parse(tag).tag(), required, role));
    }
  }

  /** The grammar shipped under {@code schemas/readers/}. */
  public static TableGrammar shipped() {
    if (shipped == null) {
      synchronized (TableGrammar.class) {
        if (shipped == null) {
          shipped = new TableGrammar();
        }
      }
    }
    return shipped;
  }

  private static ColumnRole role(String role, String where) {
    if (role.startsWith("dimension:")) {
      return ColumnRole.dimension(role.substring("dimension:".length()));
    }
    return switch (role) {
      case "text" -> ColumnRole.TEXT;
      case "figure" -> ColumnRole.declaredFigure(SourceFigure.COLUMN, null);
      default -> throw new IllegalStateException(where + ": unknown role '" + role + "' (dimension:<name>, text or figure)");
    };
  }

  // --- French and English headers

  /** A header of the grammar (any kind), or null for a header it does not know. */
  public ColumnRole header(String header) {
    String key = Labels.normalise(header);
    ColumnRole role = trainingOnly.get(key);
    return role != null ? role : anyKind.get(key);
  }

  /** How many cells of a candidate header row are headers of the grammar. */
  public int knownHeaders(List<String> cells) {
    int known = 0;
    for (String cell : cells) {
      if (header(cell) != null) {
        known++;
      }
    }
    return known;
  }

  /** True when a header belongs to trainings lists only ("participants", "intitulé"). */
  public boolean marksTraining(String header) {
    return trainingOnly.containsKey(Labels.normalise(header));
  }

  /**
   * The role of each column of a header row: a grammar header keeps its role (a figure header of
   * the grammar is a figure like any other), any other header is a figure named by its
   * normalised header, and a blank header is text.
   */
  public List<ColumnRole> columns(List<String> headers) {
    List<ColumnRole> roles = new ArrayList<>();
    for (String header : headers) {
      String key = Labels.normalise(header);
      ColumnRole role = header(header);
      if (key.isEmpty()) {
        roles.add(ColumnRole.TEXT);
      } else if (role == null) {
        roles.add(ColumnRole.figure(SourceFigure.COLUMN, key));
      } else if (role.kind() == ColumnRole.Kind.FIGURE) {
        roles.add(ColumnRole.declaredFigure(SourceFigure.COLUMN, key));
      } else {
        roles.add(role);
      }
    }
    return roles;
  }

  // --- HXL hashtags

  /** True for a valid hashtag spec ({@code #reached +ind +f}). */
  public static boolean isHashtag(String cell) {
    return cell != null && HASHTAG.matcher(cell.strip()).matches();
  }

  /**
   * True for the hashtag row of an HXL table: as the HXL reference implementation decides, most
   * of its non-blank cells are valid hashtags (one malformed tag does not hide the row; the
   * column is then not read).
   */
  public static boolean isHashtagRow(List<String> cells) {
    int filled = 0;
    int tags = 0;
    for (String cell : cells) {
      String s = cell == null ? "" : cell.strip();
      if (s.isEmpty()) {
        continue;
      }
      filled++;
      if (isHashtag(s)) {
        tags++;
      }
    }
    return tags > 0 && tags * 2 > filled;
  }

  /** The hashtag and attributes of a cell, lower case, spaces dropped. */
  public static Hashtag parse(String cell) {
    String s = cell.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    String[] parts = s.split("\\+");
    String tag = parts[0].startsWith("#") ? parts[0].substring(1) : parts[0];
    Set<String> attrs = new LinkedHashSet<>();
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        attrs.add(parts[i]);
      }
    }
    return new Hashtag(tag, attrs);
  }

  /**
   * The role of each column of a hashtag row: dimensions (the first column of a dimension wins:
   * {@code #org +impl} then {@code #org +partner} keeps the implementer) and text by the grammar,
   * every other tagged column a figure named by its canonical hashtag. Untagged and malformed
   * cells are text; {@code malformed} collects the latter, for the load report.
   */
  public List<ColumnRole> hashtagColumns(List<String> hashtagRow, List<String> malformed) {
    List<ColumnRole> roles = new ArrayList<>();
    Set<String> dimensionsSeen = new HashSet<>();
    for (String cell : hashtagRow) {
      if (cell == null || cell.isBlank()) {
        roles.add(ColumnRole.TEXT);
        continue;
      }
      if (!isHashtag(cell)) {
        malformed.add(cell.strip());
        roles.add(ColumnRole.TEXT);
        continue;
      }
      Hashtag spec = parse(cell);
      ColumnRole role = hashtagRole(spec);
      if (role.kind() == ColumnRole.Kind.DIMENSION && !dimensionsSeen.add(role.dimension())) {
        role = ColumnRole.TEXT;
      }
      roles.add(role);
    }
    return roles;
  }

  ColumnRole hashtagRole(Hashtag spec) {
    HashtagRule best = null;
    for (HashtagRule rule : hashtagRules) {
      if (rule.tag().equals(spec.tag()) && spec.attributes().containsAll(rule.required())
          && (best == null || rule.required().size() > best.required().size())) {
        best = rule;
      }
    }
    if (best != null) {
      return best.role().kind() == ColumnRole.Kind.FIGURE ? ColumnRole.declaredFigure(SourceFigure.HXL, spec.canonical())
          : best.role();
    }
    for (HashtagRule rule : attributeRules) {
      if (spec.attributes().containsAll(rule.required())) {
        return rule.role();
      }
    }
    return ColumnRole.figure(SourceFigure.HXL, spec.canonical());
  }
}
