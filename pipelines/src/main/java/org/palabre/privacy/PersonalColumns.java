package org.palabre.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.palabre.text.Labels;

/**
 * Recognises the columns of a table that hold a person's identity or contact details (a name, a
 * patient code, a date of birth, a phone number, an address), in French and English headers, HXL
 * hashtags and KoboToolbox question paths. Every reader that keeps a rejected row's text calls it
 * on the header first: a table with such a column is a list of people, whose rows' text is never
 * kept, and whose values a reject reason never quotes.
 *
 * <p>Headers are compared after {@link Labels#normalise} (case, accents, separators), as a whole:
 * {@code "Nom"}, {@code "NOM"} and {@code "nom"} are personal; {@code "Nom du dispositif"} and
 * {@code "partner_name"} are not. For a path ({@code identification/nom}) the last segment counts.
 */
public final class PersonalColumns {

  private static final Set<String> HEADERS = Set.of(
      // names
      "name", "names", "nom", "noms", "prenom", "prenoms", "nom prenom", "nom et prenom", "prenom nom", "nom complet",
      "nom de famille", "full name", "fullname", "first name", "firstname", "last name", "lastname", "surname",
      "given name", "family name", "nom du patient", "nom patient", "patient name", "nom de la patiente",
      "nom du beneficiaire", "beneficiary name", "respondent name", "nom du repondant",
      // identifiers
      "code patient", "patient code", "patientcode", "code du patient", "id patient", "patient id", "patientid",
      "identifiant patient", "numero patient", "numero de dossier", "numero dossier", "file number",
      // dates of birth
      "date of birth", "date de naissance", "dob", "ddn", "birth date", "birthdate", "naissance", "ne le", "nee le",
      // contact
      "telephone", "tel", "phone", "phone number", "mobile", "portable", "numero de telephone", "contact",
      "adresse", "address", "email", "e mail", "courriel");

  /** HXL hashtags whose every column is about one person. */
  private static final Set<String> PERSON_HASHTAGS = Set.of("#contact", "#indiv", "#beneficiary", "#person", "#patient");

  /** HXL attributes that make any hashtag personal. */
  private static final Set<String> PERSONAL_ATTRIBUTES = Set.of("phone", "email", "dob", "birth", "birthdate");

  private PersonalColumns() {}

  /** Whether a header names a personal column. */
  public static boolean isPersonal(String header) {
    if (header == null) {
      return false;
    }
    String h = header.strip();
    if (h.startsWith("#")) {
      String[] parts = Labels.normalise(h).replace(" ", "").split("\\+");
      if (PERSON_HASHTAGS.contains(parts[0])) {
        return true;
      }
      for (int i = 1; i < parts.length; i++) {
        if (PERSONAL_ATTRIBUTES.contains(parts[i])) {
          return true;
        }
      }
      return false;
    }
    int slash = h.lastIndexOf('/');
    String last = slash >= 0 ? h.substring(slash + 1) : h;
    return HEADERS.contains(Labels.normalise(last));
  }

  /** The personal columns of a header row, as written; empty when there is none. */
  public static List<String> in(List<String> header) {
    List<String> found = new ArrayList<>();
    for (String cell : header) {
      if (isPersonal(cell)) {
        found.add(cell.strip());
      }
    }
    return found;
  }

  /**
   * The header cells of a list of people: the cells, as written, of those of the first lines of a
   * text (its header rows, in any CSV dialect) that name a personal column; empty when none does.
   */
  public static Set<String> headersOfListOfPeople(String text) {
    Set<String> headers = new java.util.LinkedHashSet<>();
    text.lines().limit(25).forEach(line -> {
      List<String> cells = List.of(line.split("[,;\\t|]"));
      if (!in(cells).isEmpty()) {
        cells.forEach(c -> headers.add(c.strip().replace("\uFEFF", "").replaceAll("^\"|\"$", "")));
      }
    });
    return headers;
  }

  /**
   * A reject reason of a list of people without the values it quotes: every quoted text that is
   * not one of the table's headers (a column's name stays, so the reason still says where).
   */
  public static String withoutQuotedValues(String reason, Set<String> headers) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'").matcher(reason);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, headers.contains(m.group(1)) ? "$0" : "'…'");
    }
    return m.appendTail(out).toString();
  }

  /**
   * A reject reason of a list of people without the values it quotes, nor any of the row's own cell
   * values written unquoted (a reader that names a code as it read it: "data element Ravelojaona"):
   * each cell of {@code raw} (split on the usual CSV separators) that is not one of the headers is
   * replaced by an ellipsis, unless it is too short to say anything of a person (under three
   * characters, or a number under six digits: a column or line number of the reason stays).
   */
  public static String withoutValues(String reason, String raw, Set<String> headers) {
    String masked = withoutQuotedValues(reason, headers);
    if (raw == null || raw.isBlank()) {
      return masked;
    }
    List<String> cells = new ArrayList<>();
    for (String cell : raw.split("[,;\\t|\\r\\n]")) {
      String value = cell.strip().replaceAll("^\"|\"$", "").strip();
      boolean shortNumber = value.matches("[0-9]{1,5}");
      if (value.length() >= 3 && !shortNumber && !headers.contains(value)) {
        cells.add(value);
      }
    }
    // the longest first, so that a value containing another is masked whole
    cells.sort(java.util.Comparator.comparingInt(String::length).reversed());
    for (String value : cells) {
      masked = masked.replace(value, "…");
    }
    return masked;
  }

  /**
   * The reason every row of a list of people gets: what was found, that nothing of it is kept,
   * and what to deliver instead.
   */
  public static String patientListReason(List<String> personal) {
    return "the table looks like a list of people (personal columns: " + String.join(", ", personal)
        + "): its rows are not read and their text is not kept; deliver the aggregated figures instead, and keep"
        + " patient lists out of the input";
  }
}
