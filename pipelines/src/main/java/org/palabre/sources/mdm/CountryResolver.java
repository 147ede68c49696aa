package org.palabre.sources.mdm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Resolves a country as members write it ("Madagascar", "Cambodge", "Lao PDR", "KH", "TZA") to its
 * ISO 3166-1 alpha-2 code. The labels are data: {@code schemas/mappings/country_labels.csv}
 * (label,iso2) and, when present on the classpath, the network code list {@code
 * schemas/codes/countries.csv} (iso2, iso3, name_en, name_fr, ...). An unresolved country is not
 * an error for the parsers: they keep the raw string and leave the code empty.
 */
public final class CountryResolver {

  static final String LABELS = "schemas/mappings/country_labels.csv";
  static final String CODE_LIST = "schemas/codes/countries.csv";

  private final LabelMapping labels;
  private final Map<String, String> codeList;

  private CountryResolver(LabelMapping labels, Map<String, String> codeList) {
    this.labels = labels;
    this.codeList = codeList;
  }

  /** Loads the mapping file and, if present, the country code list from the classpath. */
  public static CountryResolver load() {
    Map<String, String> codeList = new HashMap<>();
    readCodeList(codeList);
    return new CountryResolver(LabelMapping.load(LABELS), codeList);
  }

  /** The ISO alpha-2 code of a country label, when known; the mapping file wins over the code list. */
  public Optional<String> iso2(String label) {
    if (Labels.isMissing(label)) {
      return Optional.empty();
    }
    return labels
        .code(label)
        .map(c -> c.trim().toUpperCase(java.util.Locale.ROOT))
        .or(() -> Optional.ofNullable(codeList.get(Labels.key(label))));
  }

  private static void readCodeList(Map<String, String> byKey) {
    if (CountryResolver.class.getClassLoader().getResource(CODE_LIST) == null) {
      return;
    }
    forEachRow(
        CODE_LIST,
        row -> {
          String iso2 = row.get("iso2").trim().toUpperCase();
          for (String column : new String[] {"iso2", "iso3", "name_en", "name_fr"}) {
            if (row.isMapped(column) && !row.get(column).isBlank()) {
              byKey.putIfAbsent(Labels.key(row.get(column)), iso2);
            }
          }
        });
  }

  private static void forEachRow(String resource, java.util.function.Consumer<CSVRecord> action) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();
    try (InputStream in = CountryResolver.class.getClassLoader().getResourceAsStream(resource);
        CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
      for (CSVRecord row : parser) {
        action.accept(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
