package org.palabre.sources.iati;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IATI code lists the parser needs to read old and new files alike: TransactionType,
 * ActivityDateType and OrganisationRole with their 1.0x equivalents, and the standard versions it
 * accepts. They are data, in {@code schemas/codes/iati_*.csv} (columns {@code code, name_en,
 * code_1x}), so that a code list change is a one-line edit.
 */
public final class IatiCodes {

  private static final String FOLDER = "schemas/codes/";

  private final Map<String, String> transactionTypes;
  private final Map<String, String> activityDateTypes;
  private final Map<String, String> organisationRoles;
  private final Set<String> versions;

  private IatiCodes(
      Map<String, String> transactionTypes,
      Map<String, String> activityDateTypes,
      Map<String, String> organisationRoles,
      Set<String> versions) {
    this.transactionTypes = transactionTypes;
    this.activityDateTypes = activityDateTypes;
    this.organisationRoles = organisationRoles;
    this.versions = versions;
  }

  /** The code lists shipped on the classpath under {@code schemas/codes/}. */
  public static IatiCodes standard() {
    return new IatiCodes(
        codeMap("iati_transaction_types.csv"),
        codeMap("iati_activity_date_types.csv"),
        codeMap("iati_organisation_roles.csv"),
        Set.copyOf(codeMap("iati_versions.csv").keySet()));
  }

  /** TransactionType code for a 2.x code or a 1.0x letter code; empty when it is neither. */
  public Optional<String> transactionType(String reported) {
    return Optional.ofNullable(transactionTypes.get(reported));
  }

  /** The codes accepted for a transaction type, for error messages. */
  public String transactionTypeChoices() {
    return describe(transactionTypes);
  }

  /** ActivityDateType code for a 2.x code or a 1.0x name such as {@code start-planned}. */
  public Optional<String> activityDateType(String reported) {
    return Optional.ofNullable(activityDateTypes.get(reported));
  }

  /** OrganisationRole code for a 2.x code or a 1.0x word such as {@code Funding}. */
  public Optional<String> organisationRole(String reported) {
    return Optional.ofNullable(organisationRoles.get(reported));
  }

  /** Whether the IATI Version codelist has this version. */
  public boolean isKnownVersion(String version) {
    return versions.contains(version);
  }

  private static String describe(Map<String, String> map) {
    Set<String> current = new LinkedHashSet<>();
    Set<String> legacy = new LinkedHashSet<>();
    map.forEach((reported, code) -> (reported.equals(code) ? current : legacy).add(reported));
    return String.join(", ", current) + " (1.0x: " + String.join(", ", legacy) + ")";
  }

  /** Maps each code and each 1.0x code of a {@code code,name_en,code_1x} file to the code. */
  private static Map<String, String> codeMap(String file) {
    Map<String, String> codes = new LinkedHashMap<>();
    Map<String, String> legacy = new LinkedHashMap<>();
    try (InputStream in = IatiCodes.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException("code list " + FOLDER + file + " is not on the classpath");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      lines.readLine(); // header
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        String code = cells[0].trim();
        codes.put(code, code);
        if (cells.length > 2 && !cells[2].isBlank()) {
          legacy.put(cells[2].trim(), code);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read code list " + file, e);
    }
    codes.putAll(legacy);
    return Collections.unmodifiableMap(codes);
  }
}
