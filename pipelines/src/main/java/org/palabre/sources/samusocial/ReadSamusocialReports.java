package org.palabre.sources.samusocial;

import org.palabre.sources.ReadActivityTables;
import org.palabre.sources.tabular.ActivityTableParser;

/**
 * Reads the Samusocial services' monthly activity reports and trainings lists (DESIGN §3.1):
 * {@code ;} or {@code ,}, UTF-8 with or without BOM or Windows-1252, French headers in any case,
 * decimal comma, months as {@code 2023-04}, {@code 04/2023} or {@code avril 2023}; a hashtag row,
 * when present, wins over the French headers. Every row needs its service and its month.
 */
public final class ReadSamusocialReports extends ReadActivityTables {

  public static final ActivityTableParser.Settings SETTINGS =
      ActivityTableParser.Settings.frenchReports("samusocial");

  public ReadSamusocialReports(String runId) {
    super(runId, SETTINGS);
  }
}
