package org.palabre.sources.iati;

/** The narratives of one element; picks English, else the first. */
final class Narratives {
  private String first;
  private String english;

  void add(String language, String text) {
    String cleaned = clean(text);
    if (cleaned == null) {
      return;
    }
    if (first == null) {
      first = cleaned;
    }
    if (english == null && language != null && (language.equals("en") || language.startsWith("en-"))) {
      english = cleaned;
    }
  }

  String best() {
    return english != null ? english : first;
  }

  /** Trimmed, inner runs of whitespace (line breaks of pretty-printed files) made one space. */
  static String clean(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return text.strip().replaceAll("\\s+", " ");
  }
}
