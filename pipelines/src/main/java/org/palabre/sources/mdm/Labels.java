package org.palabre.sources.mdm;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises free-text labels written by field teams ("Fente labio-palatine", "FENTE  LABIO PALATINE",
 * "fente_labio–palatine") to one lookup key, so that mapping files under {@code schemas/mappings/}
 * need one line per spelling, not one per typing accident.
 *
 * <p>The key is: Unicode NFKD with combining marks removed (accents), lower case, every run of
 * characters that are neither letters nor digits (hyphens, dashes, underscores, apostrophes, dots,
 * slashes, spaces) replaced by one space, trimmed.
 */
public final class Labels {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{Nd}]+");

  private Labels() {}

  /** The lookup key of a label; the empty string for null or blank. */
  public static String key(String label) {
    if (label == null) {
      return "";
    }
    String s = Normalizer.normalize(label, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s = s.toLowerCase(Locale.ROOT);
    s = SEPARATORS.matcher(s).replaceAll(" ");
    return s.trim();
  }

  /** True when the value is null, blank, or one of the usual "no answer" markers (n/a, NA, -). */
  public static boolean isMissing(String value) {
    if (value == null) {
      return true;
    }
    String t = value.trim();
    if (t.isEmpty()) {
      return true;
    }
    String k = t.toLowerCase(Locale.ROOT);
    return k.equals("n/a") || k.equals("na") || k.equals("-") || k.equals("null") || k.equals("nd")
        || k.equals("n.d.");
  }

  /** The trimmed value, or null when {@link #isMissing}. */
  public static String clean(String value) {
    return isMissing(value) ? null : value.trim();
  }
}
