package org.palabre.bench;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark's targets (issue 16) and the one line {@code palabre bench} prints for each, in the
 * form scripts read: {@code target NAME: FIGURE met} or {@code target NAME: FIGURE NOT met}. A
 * ratio is printed as {@code 1.87x}, a share of the first run as {@code 4.2%}; a target is met when
 * the figure is at most its goal (and, for a mapping change, when no Beam step ran).
 */
public final class BenchTargets {

  /** How a figure is printed and compared. */
  public enum Unit { RATIO, PERCENT }

  /** One target: its name, its goal, and the measured figure (a ratio, or a percentage of the first run). */
  public record Target(String name, Unit unit, double goal, double figure, String note) {

    public boolean met() {
      return note == null && Double.isFinite(figure) && figure <= goal;
    }

    /** {@code target NAME: FIGURE met} or {@code target NAME: FIGURE NOT met}, FIGURE followed by why when it must say. */
    public String line() {
      String shown = unit == Unit.RATIO ? String.format(Locale.ROOT, "%.2fx", figure) : String.format(Locale.ROOT, "%.1f%%", figure);
      return "target " + name + ": " + shown + (note == null ? "" : " (" + note + ")") + (met() ? " met" : " NOT met");
    }
  }

  public static final String INGEST_VS_DUCKDB = "ingest_vs_duckdb";
  public static final String BUILD_VS_HAND_SQL = "build_vs_hand_sql";
  public static final String ONE_NEW_FILE = "one_new_file";
  public static final String MAPPING_CHANGE = "mapping_change";
  public static final String NOTHING_NEW = "nothing_new";

  private BenchTargets() {}

  /**
   * The five targets from the measured seconds.
   *
   * @param ingest Palabre's ingest; {@code duckdb} DuckDB's read_csv to Parquet of the same CSV files
   * @param build the full warehouse build; {@code handSql} the hand-written query of the same sums
   * @param firstRun ingest + build
   * @param mappingChangeRanBeam whether the run after the mapping change read any file (a Beam step)
   */
  public static List<Target> of(double ingest, double duckdb, double build, double handSql, double firstRun, double oneNewFile,
      double mappingChange, boolean mappingChangeRanBeam, double nothingNew) {
    return List.of(
        new Target(INGEST_VS_DUCKDB, Unit.RATIO, 2, ingest / duckdb, null),
        new Target(BUILD_VS_HAND_SQL, Unit.RATIO, 3, build / handSql, null),
        new Target(ONE_NEW_FILE, Unit.PERCENT, 5, 100 * oneNewFile / firstRun, null),
        new Target(MAPPING_CHANGE, Unit.PERCENT, 10, 100 * mappingChange / firstRun, mappingChangeRanBeam ? "a Beam step ran" : null),
        new Target(NOTHING_NEW, Unit.PERCENT, 3, 100 * nothingNew / firstRun, null));
  }
}
