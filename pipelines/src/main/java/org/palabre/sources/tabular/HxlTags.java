package org.palabre.sources.tabular;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.palabre.codes.SchemaFiles;

/**
 * Reads HXL hashtag rows ({@code #reached+ind+f}, {@code #adm1 +code}) and maps each column to a
 * dimension or a common metric through {@code schemas/mappings/hxl_tags.csv} and
 * {@code hxl_attributes.csv}. Attributes may come in any order, in any case, with spaces.
 */
public final class HxlTags implements Serializable {

  private static final Pattern TAG_SPEC =
      Pattern.compile("#[a-z][a-z0-9_]*(\\s*\\+\\s*[a-z][a-z0-9_]*)*", Pattern.CASE_INSENSITIVE);

  /** A parsed hashtag spec: the tag without '#' and its attributes, lower case. */
  public record Spec(String tag, Set<String> attributes) implements Serializable {}

  private record Rule(String tag, Set<String> required, ColumnRole role) implements Serializable {}

  private record Disaggregation(String sex, String ageGroup) implements Serializable {}

  private final List<Rule> rules = new ArrayList<>();
  private final Map<String, Disaggregation> attributes = new java.util.HashMap<>();

  public HxlTags() {
    int line = 1;
    for (Map<String, String> row : SchemaFiles.readCsv("mappings/hxl_tags.csv")) {
      line++;
      Spec spec = parseSpec(row.get("hashtag") + " " + row.get("required_attributes"));
      ColumnRole role =
          ColumnRole.fromMapping(row.get("role"), row.get("metric"), null, null, "schemas/mappings/hxl_tags.csv row " + line);
      rules.add(new Rule(spec.tag(), spec.attributes(), role));
    }
    for (Map<String, String> row : SchemaFiles.readCsv("mappings/hxl_attributes.csv")) {
      attributes.put(row.get("attribute").toLowerCase(Locale.ROOT),
          new Disaggregation(emptyToNull(row.get("sex")), emptyToNull(row.get("age_group"))));
    }
  }

  /** True for a row whose non-blank cells are all hashtag specs, with at least one of them. */
  public static boolean isHashtagRow(List<String> cells) {
    boolean any = false;
    for (String cell : cells) {
      String s = cell == null ? "" : cell.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (!TAG_SPEC.matcher(s).matches()) {
        return false;
      }
      any = true;
    }
    return any;
  }

  public static Spec parseSpec(String cell) {
    String s = cell.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    String[] parts = s.split("\\+");
    String tag = parts[0].startsWith("#") ? parts[0].substring(1) : parts[0];
    Set<String> attrs = new LinkedHashSet<>();
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        attrs.add(parts[i]);
      }
    }
    return new Spec(tag, attrs);
  }

  /** The role of each column of a hashtag row; untagged columns are ignored. */
  public List<ColumnRole> resolve(List<String> hashtagRow) {
    List<ColumnRole> roles = new ArrayList<>();
    Set<String> dimensionsSeen = new HashSet<>();
    for (String cell : hashtagRow) {
      if (cell == null || cell.isBlank()) {
        roles.add(ColumnRole.IGNORED);
        continue;
      }
      ColumnRole role = roleOf(parseSpec(cell));
      // the first column of a dimension wins: '#org+impl' then '#org+partner' keeps the implementer
      if (role.kind() == ColumnRole.Kind.DIMENSION && !dimensionsSeen.add(role.dimension())) {
        role = ColumnRole.IGNORED;
      }
      roles.add(role);
    }
    return roles;
  }

  ColumnRole roleOf(Spec spec) {
    Rule best = null;
    for (Rule rule : rules) {
      if (rule.tag().equals(spec.tag()) && spec.attributes().containsAll(rule.required())
          && (best == null || rule.required().size() > best.required().size())) {
        best = rule;
      }
    }
    if (best == null) {
      return ColumnRole.IGNORED;
    }
    if (best.role().kind() != ColumnRole.Kind.MEASURE) {
      return best.role();
    }
    String sex = null;
    String age = null;
    for (String attribute : spec.attributes()) {
      Disaggregation d = attributes.get(attribute);
      if (d != null) {
        sex = d.sex() != null ? d.sex() : sex;
        age = d.ageGroup() != null ? d.ageGroup() : age;
      }
    }
    return ColumnRole.measure(best.role().metric(), sex, age);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
