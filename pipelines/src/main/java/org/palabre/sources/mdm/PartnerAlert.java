package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One entry of the red/orange-line alert log: a partner crossed (or may have crossed) one of the
 * network's red or orange lines ("Arbre à palabres", 2019). The alert's free-text description is
 * not kept: it may name people.
 *
 * @param alertId the log's identifier of the alert, null when the log has none
 * @param categoryRaw the category as written
 * @param category category code from {@code schemas/mappings/alert_categories.csv}
 *     (quality_of_care, discrimination_access_to_care, armed_violence, corruption, staff_discrimination,
 *     discriminatory_speech, harassment, confidentiality_data_ethics, lack_of_involvement,
 *     financial_accountability, gender_equality, abortion_rights, sex_workers_rights)
 * @param level {@code red} or {@code orange}, from the category
 * @param dateRaised the day the alert was raised
 * @param dateClosed the day it was closed; null while open
 * @param countryRaw country as written
 * @param countryIso2 ISO 3166-1 alpha-2, null when unknown to the mapping
 * @param partner the partner concerned, as written
 * @param memberSection the network member's section code (FR, BE...), null when not given
 * @param line 1-based line of the row in the log
 */
public record PartnerAlert(
    String alertId,
    String categoryRaw,
    String category,
    String level,
    LocalDate dateRaised,
    LocalDate dateClosed,
    String countryRaw,
    String countryIso2,
    String partner,
    String memberSection,
    long line)
    implements Serializable {

  /** True while the alert has no closing date. */
  public boolean open() {
    return dateClosed == null;
  }
}
