package org.palabre.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One figure as the delivered file says it, the grain of the lake's {@code figures} table: the
 * source's own organisation, place, period and measure codes, typed (a number, parsed dates) but
 * not interpreted. Which common metric, member, place and breakdown it is, is the crosswalk's
 * business: mapping tables of {@code schemas/mappings/} that the SQL models apply, so a mapping
 * change is a rebuild, never a re-read. Provenance (delivery, file, sheet, line, column) travels
 * with the figure, and so do the dates the source gives: when it last updated the figure and
 * when its report was completed (DHIS2's {@code lastUpdated} and {@code completeDate}), which
 * the reporting rates take as the report's arrival.
 */
public record SourceFigure(
    // provenance
    String runId,
    String deliverySha256,
    String sourceFamily,
    String sourceFile,
    String sourceSheet,
    long sourceLine,
    int sourceColumn,
    String tableKind,
    // the source's organisation and place
    String orgCode,
    String orgName,
    String country,
    String adm1,
    String adm2,
    String sector,
    // period: as written, and parsed (all null when the source gives none)
    String periodRaw,
    String periodType,
    String period,
    LocalDate periodStart,
    LocalDate periodEnd,
    // what is counted, in the source's terms
    String measureScheme,
    String measure,
    String measureLabel,
    String breakdown,
    String breakdownLabel,
    String attributeOption,
    // figure
    double value,
    String sourceUpdated,
    String sourceCompleted)
    implements Serializable {

  /** Table kinds (schemas/codes/table_kinds.csv): a monthly activity report; repeats: the later row wins. */
  public static final String ACTIVITY_REPORT = "activity_report";
  /** A list of trainings given: each row is an event, rows add up. */
  public static final String TRAINING_LIST = "training_list";
  /** Any HXL-tagged activity table (a 3W): rows add up. */
  public static final String ACTIVITY_TABLE = "activity_table";
  /** A survey export (KoboToolbox, ONA): one row per submission, rows add up. */
  public static final String SURVEY_EXPORT = "survey_export";
  /** A DHIS2 data value set: a value repeated in a file is an update, the later one wins. */
  public static final String DHIS2_DATA_VALUES = "dhis2_data_values";

  /** Measure schemes. */
  public static final String COLUMN = "column";
  public static final String HXL = "hxl";
  public static final String DHIS2 = "dhis2";
}
