package org.palabre.codes;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.palabre.text.Labels;

/**
 * Turns what members write for a country (an ISO 3166-1 alpha-2 or alpha-3 code, or a name in
 * English, French or Spanish, any case or accents) into the alpha-2 code. Names come from
 * {@code schemas/codes/countries.csv}; other spellings from
 * {@code schemas/codes/country_aliases.csv}, where a new spelling is a one-line addition.
 */
public final class CountryCodes implements Serializable {

  private static volatile CountryCodes shared;

  private final Map<String, String> byLabel = new HashMap<>();

  private CountryCodes() {
    for (Map<String, String> row : SchemaFiles.readCsv("codes/countries.csv")) {
      String iso2 = row.get("iso2");
      byLabel.put(Labels.normalise(iso2), iso2);
      byLabel.put(Labels.normalise(row.get("iso3")), iso2);
      for (String column : new String[] {"name_en", "name_fr", "name_es"}) {
        byLabel.putIfAbsent(Labels.normalise(row.get(column)), iso2);
      }
    }
    for (Map<String, String> row : SchemaFiles.readCsv("codes/country_aliases.csv")) {
      byLabel.put(Labels.normalise(row.get("alias")), row.get("iso2"));
    }
  }

  public static CountryCodes get() {
    if (shared == null) {
      synchronized (CountryCodes.class) {
        if (shared == null) {
          shared = new CountryCodes();
        }
      }
    }
    return shared;
  }

  public Optional<String> toIso2(String label) {
    if (label == null || label.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byLabel.get(Labels.normalise(label)));
  }
}
