package org.palabre.sources.tabular;

import java.io.Serializable;

/**
 * What one column of an activity table holds: a dimension of the row (organisation, country,
 * admin levels, period, sector), a figure (read as a number and kept in the source's own words:
 * its normalised header, or its hashtag with all its attributes), or text that is not read.
 */
public record ColumnRole(Kind kind, String dimension, String measureScheme, String measure) implements Serializable {

  public enum Kind { DIMENSION, FIGURE, TEXT }

  public static final ColumnRole TEXT = new ColumnRole(Kind.TEXT, null, null, null);

  public static ColumnRole dimension(String name) {
    return new ColumnRole(Kind.DIMENSION, name, null, null);
  }

  public static ColumnRole figure(String scheme, String measure) {
    return new ColumnRole(Kind.FIGURE, null, scheme, measure);
  }
}
