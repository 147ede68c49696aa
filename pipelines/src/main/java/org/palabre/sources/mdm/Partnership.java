package org.palabre.sources.mdm;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One partnership of the MdM partnership registry, in the registry's own words: the section, the
 * type and the agreement as written, mapped at build time to the network's codes and to the
 * typology of "Arbre à palabres" (2019) ({@code sql/intermediate/int_mdm__partnerships.sql}).
 *
 * @param partner partner organisation, as written
 * @param countryRaw country as written
 * @param sectionRaw network member holding the partnership, as written ({@code MdM France}, {@code BE})
 * @param typeRaw partnership type as written
 * @param agreementRaw agreement as written ({@code écrit}, {@code tacite}...); null when the cell is blank
 * @param startDate start of the partnership; null when not recorded
 * @param endDate end of the partnership; null while it runs
 * @param columns the headers of the section, type and agreement columns as the file writes them
 * @param line 1-based line of the row in the registry file
 */
public record Partnership(
    String partner,
    String countryRaw,
    String sectionRaw,
    String typeRaw,
    String agreementRaw,
    LocalDate startDate,
    LocalDate endDate,
    Columns columns,
    long line)
    implements Serializable {

  /** The headers, as written, of the labelled columns: the build's reasons name them as the file does. */
  public record Columns(String section, String type, String agreement) implements Serializable {}
}
