package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One entry of the red/orange-line alert log, in the log's own words: a partner crossed (or may
 * have crossed) one of the network's red or orange lines ("Arbre à palabres", 2019). Category,
 * level and section are mapped at build time ({@code sql/intermediate/int_mdm__alerts.sql}). The
 * alert's free-text description is not kept: it may name people.
 *
 * @param alertId the log's identifier of the alert, null when the log has none
 * @param categoryRaw the category as written
 * @param levelRaw the level as written ({@code rouge}, {@code orange line}...), null when not given
 * @param dateRaised the day the alert was raised
 * @param dateClosed the day it was closed; null while open
 * @param countryRaw country as written
 * @param partner the partner concerned, as written
 * @param sectionRaw the network member as written, null when not given
 * @param columns the headers of the category, level and section columns as the file writes them
 * @param line 1-based line of the row in the log
 */
public record PartnerAlert(
    String alertId,
    String categoryRaw,
    String levelRaw,
    LocalDate dateRaised,
    LocalDate dateClosed,
    String countryRaw,
    String partner,
    String sectionRaw,
    Columns columns,
    long line)
    implements Serializable {

  /** The headers, as written, of the labelled columns: the build's reasons name them as the file does. */
  public record Columns(String category, String level, String section) implements Serializable {}

  /** True while the alert has no closing date. */
  public boolean open() {
    return dateClosed == null;
  }
}
