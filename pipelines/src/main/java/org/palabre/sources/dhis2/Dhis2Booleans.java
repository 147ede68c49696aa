package org.palabre.sources.dhis2;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a boolean the way DHIS2 users and exports spell it: {@code true/True/TRUE/t/T/1/yes/y/on}
 * and {@code false/False/FALSE/f/F/0/no/n/off}, case-insensitive, surrounding spaces ignored. Used
 * for the {@code followup} and {@code deleted} flags and for the values of BOOLEAN data elements.
 */
public final class Dhis2Booleans {

  /** For messages: the spellings {@link #parse} accepts. */
  public static final String ACCEPTED = "true/t/1/yes/y/on or false/f/0/no/n/off (any case)";

  private Dhis2Booleans() {}

  /** The boolean, or empty if the text is null, blank or not a boolean spelling. */
  public static Optional<Boolean> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "1", "yes", "y", "on" -> Optional.of(Boolean.TRUE);
      case "false", "f", "0", "no", "n", "off" -> Optional.of(Boolean.FALSE);
      default -> Optional.empty();
    };
  }
}
