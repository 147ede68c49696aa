package org.palabre.codes;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.palabre.text.Labels;

/**
 * Knows the network's members and their services under the names they use in deliveries
 * ({@code schemas/mappings/organisations.csv}). An unknown name is not an error: the figure loads
 * under a member code made from the name, and the load report lists the name so the mapping can
 * grow.
 */
public final class OrganisationDirectory implements Serializable {

  /** Where a label leads: the member code, its organisation unit, its country, and whether it was known. */
  public record Organisation(String memberCode, String orgUnit, String countryIso2, boolean known)
      implements Serializable {}

  private final Map<String, Organisation> byAlias = new HashMap<>();

  public OrganisationDirectory() {
    for (Map<String, String> row : SchemaFiles.readCsv("mappings/organisations.csv")) {
      byAlias.put(Labels.normalise(row.get("alias")),
          new Organisation(row.get("member_code"), row.get("org_unit"), row.get("country_iso2"), true));
    }
  }

  public Organisation resolve(String label) {
    Organisation known = byAlias.get(Labels.normalise(label));
    return known != null ? known : new Organisation(Labels.slug(label), label.strip(), null, false);
  }
}
