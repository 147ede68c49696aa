package org.palabre.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which pseudonymisation key a run uses, the one rule for every entry point (README, "Personal
 * data"):
 *
 * <ol>
 *   <li>{@value Pseudonymiser#KEY_VARIABLE} (the key) or {@value Pseudonymiser#KEY_FILE_VARIABLE}
 *       (a file outside any repository holding it), when set, always;
 *   <li>otherwise the published {@link Pseudonymiser#SAMPLE_KEY}, only when the input folder carries
 *       the marker file {@value #SAMPLE_MARKER} at its root (the repository's {@code data-samples/}
 *       does; real deliveries never should), with a loud notice;
 *   <li>otherwise the run stops before reading any file, naming both variables.
 * </ol>
 */
public final class PseudonymKeys {

  /** The marker file of a folder of fictitious sample data: its pseudonyms may use the public key. */
  public static final String SAMPLE_MARKER = ".palabre-sample-data";

  /** What the run prints when the public sample key is in use. */
  public static final String SAMPLE_NOTICE =
      "NOTICE: patient pseudonyms use the PUBLIC sample key (the input folder carries " + SAMPLE_MARKER
          + " and neither " + Pseudonymiser.KEY_VARIABLE + " nor " + Pseudonymiser.KEY_FILE_VARIABLE
          + " is set): fine for the bundled samples, never for real patients.";

  private PseudonymKeys() {}

  /** The sample-data marker of an input folder, when it has one. */
  public static Path marker(Path input) {
    return input.resolve(SAMPLE_MARKER);
  }

  public static boolean isSampleData(Path input) {
    return Files.isRegularFile(marker(input));
  }

  /**
   * The pseudonymiser for a run.
   *
   * @param sampleData whether the input folder carries {@value #SAMPLE_MARKER}
   * @throws IllegalStateException when no key is set and the input is not sample data, or the key
   *     is unusable; the message names both variables
   */
  public static Pseudonymiser resolve(Map<String, String> env, boolean sampleData) {
    if (keySet(env, Pseudonymiser.KEY_VARIABLE) || keySet(env, Pseudonymiser.KEY_FILE_VARIABLE)) {
      return Pseudonymiser.fromEnvironment(env);
    }
    if (sampleData) {
      return Pseudonymiser.forSamples();
    }
    return Pseudonymiser.fromEnvironment(env); // throws, naming both variables
  }

  private static boolean keySet(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }
}
