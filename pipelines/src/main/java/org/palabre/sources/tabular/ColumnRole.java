package org.palabre.sources.tabular;

import java.io.Serializable;

/**
 * What one column of an activity table holds: a dimension of the row (organisation, country,
 * admin levels, period, sector), a figure (read as a number and kept in the source's own words:
 * its normalised header, or its hashtag with all its attributes), or text that is not read. A
 * figure column is {@code declared} when the readers' grammar names it as one: its first cells
 * never turn it into text.
 */
public record ColumnRole(Kind kind, String dimension, String measureScheme, String measure, boolean declared)
    implements Serializable {

  public enum Kind { DIMENSION, FIGURE, TEXT }

  public static final ColumnRole TEXT = new ColumnRole(Kind.TEXT, null, null, null, false);

  public static ColumnRole dimension(String name) {
    return new ColumnRole(Kind.DIMENSION, name, null, null, false);
  }

  /** A figure column whose header the grammar does not name: its cells decide whether it holds figures. */
  public static ColumnRole figure(String scheme, String measure) {
    return new ColumnRole(Kind.FIGURE, null, scheme, measure, false);
  }

  /** A figure column the grammar names as one (HXL's number hashtags, a trainings list's "Participants"). */
  public static ColumnRole declaredFigure(String scheme, String measure) {
    return new ColumnRole(Kind.FIGURE, null, scheme, measure, true);
  }
}
