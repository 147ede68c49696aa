package org.palabre.sources.hxl;

import org.palabre.sources.ReadActivityTables;
import org.palabre.sources.tabular.ActivityTableParser;

/**
 * Reads any HXL-tagged activity table (a 3W, a humanitarian dataset): the hashtag row may sit
 * under free-text rows, untagged columns are ignored, and hashtags map to common metrics through
 * {@code schemas/mappings/hxl_tags.csv}. Rows without an organisation or a date still load (HXL
 * does not require them); figures without a date are kept in the observations but cannot enter a
 * dated indicator.
 */
public final class ReadHxlTables extends ReadActivityTables {

  public static final ActivityTableParser.Settings SETTINGS =
      ActivityTableParser.Settings.hxlTables("hxl");

  public ReadHxlTables(String runId) {
    super(runId, SETTINGS);
  }
}
