package org.palabre.privacy;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.palabre.codes.SchemaFiles;
import org.palabre.text.Labels;

/**
 * What of a free-text clinical field (the pathology a surgical team writes) may reach the lake.
 * The text is mapped to the common code list at build time, so the lake must keep something the
 * mapping can match; but a team may write "fente labiale - Rasoa B., tél 034 12 345 67", and a
 * name or a phone number never reaches the lake in clear.
 *
 * <p>The rule: the text, {@linkplain Labels#normalise normalised}, is kept when it looks like a
 * clinical label, that is, when every word of it is a word of {@value #VOCABULARY} (the words of
 * the pathology mapping, body parts, sides, clinical words, small words) and it has at most two
 * digits and {@value #MAX_WORDS} words. Anything else is kept as its {@linkplain
 * Pseudonymiser#textHash keyed hash} ({@code h_...}): equal texts still group, the build maps
 * them to {@code other} and lists them in {@code marts.unmapped_figures} with their file and
 * line, and nobody can read or guess them back without the key.
 *
 * <p>Why a list of allowed words rather than a detector of names: a name cannot be told from a
 * rare word by its shape (lower case, one word, no digit: "rasoa" looks like "noma"), a
 * detector lets through what it did not think of, and the list fails safe: a clinical word it
 * lacks costs one line in {@value #VOCABULARY} and a re-read of the mission sheets, a name it
 * would have let through costs a patient's privacy.
 */
public final class ClinicalText implements Serializable {

  /** The allowed words, a file of the readers' grammar (part of the mission family's delivery key). */
  public static final String VOCABULARY = "readers/clinical_words.csv";

  static final int MAX_WORDS = 12;
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,2}(e|er|eme|nd|rd|st|th)?");

  private final Set<String> words;

  private ClinicalText(Set<String> words) {
    this.words = Set.copyOf(words);
  }

  /** The vocabulary of {@value #VOCABULARY} on the classpath. */
  public static ClinicalText load() {
    Set<String> words = new HashSet<>();
    for (Map<String, String> row : SchemaFiles.readCsv(VOCABULARY)) {
      String word = Labels.normalise(row.get("word"));
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return new ClinicalText(words);
  }

  /** Whether a text, normalised, is made of clinical words only (see the class comment). */
  public boolean isClinical(String normalised) {
    if (normalised.isEmpty() || DIGIT.matcher(normalised).results().count() > 2) {
      return false;
    }
    String[] tokens = normalised.split(" ");
    if (tokens.length > MAX_WORDS) {
      return false;
    }
    for (String token : tokens) {
      if (!words.contains(token) && !SMALL_NUMBER.matcher(token).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the lake keeps of a clinical free text: its normalised form when it is clinical, else
   * its keyed hash; null for a missing text.
   */
  public String kept(String text, Pseudonymiser key) {
    if (text == null) {
      return null;
    }
    String normalised = Labels.normalise(text);
    if (normalised.isEmpty()) {
      return null;
    }
    return isClinical(normalised) ? normalised : key.textHash(normalised);
  }
}
