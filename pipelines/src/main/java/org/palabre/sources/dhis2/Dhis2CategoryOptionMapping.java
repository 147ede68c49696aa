package org.palabre.sources.dhis2;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOption;

/**
 * Turns DHIS2 category options (the cells of sex and age disaggregations) into Palabre's common
 * codes, from the data file {@value #RESOURCE}. Harmonisation is data: a new spelling is a new line
 * there.
 *
 * <p>Columns: {@code option_uid, option_code, option_name, dimension, common_code, comparable,
 * note}. A line matches an option by uid, by code (ignoring case) or by normalised name (accents,
 * case, spaces and underscores ignored: {@code "Féminin"}, {@code "FEMININ "} and {@code
 * "feminin"} are one name); at least one of the three is required. {@code dimension} is {@code
 * sex}, {@code age} or {@code other} (an option that is neither, e.g. fixed/outreach: ignored).
 * Sex codes are {@code female}, {@code male}, {@code unknown}. Age codes are Palabre's common bands
 * {@value #COMMON_AGE_GROUPS_TEXT} with {@code comparable=true}; a DHIS2 band that does not fit
 * one (e.g. {@code <1}, {@code 1-4}, {@code 15-49}, {@code 50+}) keeps its own band with {@code
 * comparable=false} and is never merged into a common one. The loader refuses a file that breaks
 * these rules, naming the line.
 */
public final class Dhis2CategoryOptionMapping {

  public static final String RESOURCE = "schemas/mappings/dhis2_category_options.csv";

  static final String COMMON_AGE_GROUPS_TEXT = "0-4, 5-14, 15-17, 18-24, 25-59, 60+, unknown";

  /** Palabre's common age groups (DESIGN.md section 7). */
  public static final List<String> COMMON_AGE_GROUPS =
      List.of("0-4", "5-14", "15-17", "18-24", "25-59", "60+", "unknown");

  /** Palabre's sex codes. */
  public static final List<String> SEXES = List.of("female", "male", "unknown");

  private static final String[] HEADER = {
    "option_uid", "option_code", "option_name", "dimension", "common_code", "comparable", "note"
  };

  /** What an option means in Palabre's terms. */
  public enum Dimension { SEX, AGE, OTHER }

  /**
   * The common meaning of a category option.
   *
   * @param dimension sex, age or other
   * @param code a sex code, an age band (common or the option's own), or null for other
   * @param comparable false for an age band that is not one of the common bands
   */
  public record Target(Dimension dimension, String code, boolean comparable) {}

  private final Map<String, Target> byUid = new HashMap<>();
  private final Map<String, Target> byCode = new HashMap<>();
  private final Map<String, Target> byName = new HashMap<>();

  private Dhis2CategoryOptionMapping() {}

  /** The mapping shipped under {@code schemas/} on the classpath. */
  public static Dhis2CategoryOptionMapping fromClasspath() {
    InputStream in = Dhis2CategoryOptionMapping.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is not on the classpath");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(r, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a mapping file.
   *
   * @param source name used in error messages
   * @throws IllegalArgumentException naming the line of the first invalid or conflicting line
   */
  public static Dhis2CategoryOptionMapping read(Reader reader, String source) throws IOException {
    Dhis2CategoryOptionMapping mapping = new Dhis2CategoryOptionMapping();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).setSkipHeaderRecord(true)
        .setTrim(true).setIgnoreEmptyLines(true).setCommentMarker('#').get();
    try (CSVParser csv = CSVParser.parse(reader, format)) {
      for (CSVRecord row : csv) {
        String where = source + " line " + (csv.getCurrentLineNumber());
        mapping.add(row, where);
      }
    }
    return mapping;
  }

  private void add(CSVRecord row, String where) {
    String uid = get(row, "option_uid");
    String code = get(row, "option_code");
    String name = get(row, "option_name");
    if (uid == null && code == null && name == null) {
      throw new IllegalArgumentException(where + ": give option_uid, option_code or option_name");
    }
    Dimension dimension;
    try {
      dimension = Dimension.valueOf(String.valueOf(get(row, "dimension")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": dimension must be sex, age or other, not '"
          + get(row, "dimension") + "'");
    }
    String commonCode = get(row, "common_code");
    String comparableText = get(row, "comparable");
    boolean comparable = comparableText == null || Dhis2Booleans.parse(comparableText)
        .orElseThrow(() -> new IllegalArgumentException(where + ": comparable must be true or"
            + " false, not '" + comparableText + "'"));
    Target target = switch (dimension) {
      case SEX -> {
        if (!SEXES.contains(commonCode)) {
          throw new IllegalArgumentException(where + ": sex must be one of " + SEXES + ", not '"
              + commonCode + "'");
        }
        yield new Target(Dimension.SEX, commonCode, true);
      }
      case AGE -> {
        if (commonCode == null) {
          throw new IllegalArgumentException(where + ": an age option needs its band in"
              + " common_code");
        }
        boolean common = COMMON_AGE_GROUPS.contains(commonCode);
        if (comparable && !common) {
          throw new IllegalArgumentException(where + ": age band '" + commonCode + "' is not a"
              + " common band (" + COMMON_AGE_GROUPS_TEXT + "); keep it with comparable=false");
        }
        if (!comparable && common) {
          throw new IllegalArgumentException(where + ": age band '" + commonCode + "' is a common"
              + " band, so comparable must be true");
        }
        yield new Target(Dimension.AGE, commonCode, comparable);
      }
      case OTHER -> new Target(Dimension.OTHER, null, true);
    };
    put(byUid, uid, target, where);
    put(byCode, code == null ? null : code.toLowerCase(Locale.ROOT), target, where);
    put(byName, name == null ? null : normaliseName(name), target, where);
  }

  private static void put(Map<String, Target> index, String key, Target target, String where) {
    if (key == null) {
      return;
    }
    Target previous = index.putIfAbsent(key, target);
    if (previous != null && !previous.equals(target)) {
      throw new IllegalArgumentException(where + ": '" + key + "' is already mapped to "
          + previous + "; one option cannot have two meanings");
    }
  }

  /** By uid first, then code, then normalised name. */
  public Optional<Target> lookup(CategoryOption option) {
    return lookup(option.id(), option.code(), option.name());
  }

  /** By uid first, then code, then normalised name; any may be null. */
  public Optional<Target> lookup(String uid, String code, String name) {
    Target t = uid == null ? null : byUid.get(uid);
    if (t == null && code != null) {
      t = byCode.get(code.toLowerCase(Locale.ROOT));
    }
    if (t == null && name != null) {
      t = byName.get(normaliseName(name));
    }
    return Optional.ofNullable(t);
  }

  /** Lower case, accents removed, whitespace and underscores dropped: "Féminin " -> "feminin". */
  public static String normaliseName(String name) {
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
        .replaceAll("[\\s_\\u00A0]+", "");
  }

  private static String get(CSVRecord row, String column) {
    if (!row.isMapped(column) || !row.isSet(column)) {
      return null;
    }
    String v = row.get(column);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
