package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One partnership of the MdM partnership registry, harmonised to the typology of "Arbre à
 * palabres" (2019).
 *
 * @param partner partner organisation, as written
 * @param countryRaw country as written
 * @param countryIso2 ISO 3166-1 alpha-2, null when the mapping does not know the country
 * @param memberSection code of the network member holding the partnership (FR, BE, ES, NL...)
 * @param typeRaw partnership type as written
 * @param type {@code service_provider}, {@code operational}, {@code transfer}, {@code strategic},
 *     {@code alliance}, {@code coalition_membership} or {@code mdm_network_member}
 * @param agreement {@code written}, {@code tacit}, or {@code unknown} when the cell is blank
 * @param startDate start of the partnership; null when not recorded
 * @param endDate end of the partnership; null while it runs
 * @param line 1-based line of the row in the registry file
 */
public record Partnership(
    String partner,
    String countryRaw,
    String countryIso2,
    String memberSection,
    String typeRaw,
    String type,
    String agreement,
    LocalDate startDate,
    LocalDate endDate,
    long line)
    implements Serializable {

  /** Whether the partnership runs on a date (started on or before it, not ended before it). */
  public boolean activeOn(LocalDate day) {
    return (startDate == null || !startDate.isAfter(day)) && (endDate == null || !endDate.isBefore(day));
  }
}
