package org.palabre.sources.tabular;

import java.io.Serializable;

/**
 * What one column of an activity table holds: a dimension of the row (organisation, country,
 * admin levels, period, sector), a measure (a common metric, optionally for one sex or age
 * group), or nothing Palabre reads.
 */
public record ColumnRole(Kind kind, String dimension, String metric, String sex, String ageGroup)
    implements Serializable {

  public enum Kind { DIMENSION, MEASURE, IGNORED }

  public static final ColumnRole IGNORED = new ColumnRole(Kind.IGNORED, null, null, null, null);

  public static ColumnRole dimension(String name) {
    return new ColumnRole(Kind.DIMENSION, name, null, null, null);
  }

  public static ColumnRole measure(String metric, String sex, String ageGroup) {
    return new ColumnRole(Kind.MEASURE, null, metric, blankToNull(sex), blankToNull(ageGroup));
  }

  /** Reads the {@code role} column of the mapping files: {@code dimension:org}, {@code measure}, {@code ignore}. */
  static ColumnRole fromMapping(String role, String metric, String sex, String ageGroup, String where) {
    if (role.startsWith("dimension:")) {
      return dimension(role.substring("dimension:".length()));
    }
    if (role.equals("measure")) {
      if (metric == null || metric.isBlank()) {
        throw new IllegalStateException(where + ": a measure needs a metric");
      }
      return measure(metric, sex, ageGroup);
    }
    if (role.equals("ignore")) {
      return IGNORED;
    }
    throw new IllegalStateException(where + ": unknown role '" + role + "' (dimension:<name>, measure or ignore)");
  }

  /** The key under which a measure's figures are kept apart: metric, sex, age group. */
  String measureKey() {
    return metric + "|" + (sex == null ? "" : sex) + "|" + (ageGroup == null ? "" : ageGroup);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
