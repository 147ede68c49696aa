package org.palabre.text;

/**
 * Finds a CSV file's separator from its first lines: among {@code ;}, {@code ,}, tab and
 * {@code |}, the one found (outside quotes) on the most lines, then the most often. A French
 * report with decimal commas still has more semicolons than commas on each line.
 */
public final class CsvDialect {

  private static final char[] CANDIDATES = {';', ',', '\t', '|'};
  private static final int LINES = 20;

  private CsvDialect() {}

  public static char sniffSeparator(String sample) {
    int[] lines = new int[CANDIDATES.length];
    long[] totals = new long[CANDIDATES.length];
    // the first lines only (lines() is lazy: the rest of the sample is not split)
    for (String line : (Iterable<String>) sample.lines().filter(l -> !l.isBlank()).limit(LINES)::iterator) {
      int[] counts = countOutsideQuotes(line);
      for (int i = 0; i < CANDIDATES.length; i++) {
        if (counts[i] > 0) {
          lines[i]++;
          totals[i] += counts[i];
        }
      }
    }
    int best = 1; // a file with a single column: comma, the CSV default
    for (int i = 0; i < CANDIDATES.length; i++) {
      if (lines[i] > lines[best] || (lines[i] == lines[best] && totals[i] > totals[best])) {
        best = i;
      }
    }
    return CANDIDATES[best];
  }

  public static String describe(char separator) {
    return switch (separator) {
      case '\t' -> "tab";
      case ';' -> "semicolon";
      case ',' -> "comma";
      case '|' -> "pipe";
      default -> String.valueOf(separator);
    };
  }

  private static int[] countOutsideQuotes(String line) {
    int[] counts = new int[CANDIDATES.length];
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        for (int k = 0; k < CANDIDATES.length; k++) {
          if (c == CANDIDATES[k]) {
            counts[k]++;
          }
        }
      }
    }
    return counts;
  }
}
