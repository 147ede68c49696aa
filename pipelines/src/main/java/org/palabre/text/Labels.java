package org.palabre.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises free-text labels (column headers, service names, country names, pathologies) so that
 * members' spellings meet the mapping tables in {@code schemas/}: case, accents, apostrophes,
 * underscores, hyphens and runs of spaces do not matter. {@code "Personnes rencontrées"},
 * {@code "personnes_rencontrees"} and {@code " PERSONNES  Rencontrees "} all become
 * {@code "personnes rencontrees"}.
 */
public final class Labels {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}+#]+");

  private Labels() {}

  public static String normalise(String label) {
    if (label == null) {
      return "";
    }
    String s = Normalizer.normalize(label, Normalizer.Form.NFD);
    s = MARKS.matcher(s).replaceAll("");
    s = s.replace('ß', 's').replace('æ', 'a').replace('œ', 'o').replace('Œ', 'O').replace('Æ', 'A');
    // a final sigma is a sigma: Java lowers a word-final capital Σ to ς, DuckDB's lower() to σ
    s = s.toLowerCase(Locale.ROOT).replace('ς', 'σ');
    s = SEPARATORS.matcher(s).replaceAll(" ");
    return s.strip();
  }

  /** A lowercase identifier made of letters, digits and hyphens, for codes derived from labels. */
  public static String slug(String label) {
    return normalise(label).replace("+", " ").replace("#", " ").strip().replace(' ', '-');
  }
}
