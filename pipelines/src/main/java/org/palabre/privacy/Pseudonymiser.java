package org.palabre.privacy;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Hex;

/**
 * Turns a patient code written by a field team ({@code MG-ANT-2023-0042}) into a pseudonym that is
 * stable across runs, files and missions, and that cannot be reversed or recomputed without the
 * network's secret key: {@code p_} followed by the first 32 hex digits (128 bits) of
 * HMAC-SHA-256(key, normalised code).
 *
 * <p>Why this shape: a keyed HMAC, not a plain hash, because patient codes follow a guessable
 * pattern (country-site-year-number) and a plain SHA-256 of every possible code is a few seconds
 * of work. 128 bits keep collisions out of reach (birthday bound about 2^64 codes) while staying
 * short enough to read in a BI tool; the {@code p_} tag makes a pseudonym impossible to mistake for
 * a clear code (and a test can check that no clear code survives). The normalisation (trim, upper
 * case) makes {@code " mg-ant-2023-0042"} and {@code "MG-ANT-2023-0042"} the same patient.
 *
 * <p>The key comes from the environment, never from the repository: {@value #KEY_VARIABLE} holds
 * the key itself, or {@value #KEY_FILE_VARIABLE} names a file holding it (outside any git working
 * tree). {@link #SAMPLE_KEY} is a published key that exists only so the bundled {@code
 * data-samples/} (fictitious patients) and the tests can run on a fresh clone; pseudonyms made with
 * it protect nothing. The framework decides when it may be used (see {@link #forSamples()}).
 *
 * <p>Instances are immutable and serialisable (for Beam workers) and thread-safe.
 */
public final class Pseudonymiser implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Environment variable holding the key itself (at least {@value #MIN_KEY_BYTES} bytes). */
  public static final String KEY_VARIABLE = "PALABRE_PSEUDONYM_KEY";

  /** Environment variable naming a file that holds the key (trailing newline ignored). */
  public static final String KEY_FILE_VARIABLE = "PALABRE_PSEUDONYM_KEY_FILE";

  /**
   * The published key of the bundled samples and tests. Not a secret: never use it on real data.
   */
  public static final String SAMPLE_KEY = "palabre-sample-key-NOT-SECRET-do-not-use-on-real-data";

  /** Prefix of every pseudonym. */
  public static final String PREFIX = "p_";

  /** Shortest accepted key. */
  public static final int MIN_KEY_BYTES = 16;

  private static final int HEX_DIGITS = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private final boolean sampleKey;
  private transient volatile ThreadLocal<Mac> mac;

  private Pseudonymiser(byte[] key, boolean sampleKey) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "pseudonymisation key is " + key.length + " bytes; at least " + MIN_KEY_BYTES + " are required");
    }
    this.key = key.clone();
    this.sampleKey = sampleKey;
  }

  /** A pseudonymiser with an explicit key (tests, or a key fetched from a secret store). */
  public static Pseudonymiser withKey(byte[] key) {
    return new Pseudonymiser(key, Arrays.equals(key, SAMPLE_KEY.getBytes(StandardCharsets.UTF_8)));
  }

  /** The pseudonymiser of the bundled samples, keyed with the published {@link #SAMPLE_KEY}. */
  public static Pseudonymiser forSamples() {
    return new Pseudonymiser(SAMPLE_KEY.getBytes(StandardCharsets.UTF_8), true);
  }

  /** The key from the process environment; see {@link #fromEnvironment(Map)}. */
  public static Pseudonymiser fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The key from {@value #KEY_VARIABLE}, else from the file named by {@value #KEY_FILE_VARIABLE}.
   *
   * @throws IllegalStateException when neither is set, the file cannot be read, is inside a git
   *     working tree, or the key is too short; the message says what to set
   */
  public static Pseudonymiser fromEnvironment(Map<String, String> env) {
    String direct = env.get(KEY_VARIABLE);
    if (direct != null && !direct.isBlank()) {
      return checked(direct.strip().getBytes(StandardCharsets.UTF_8), KEY_VARIABLE);
    }
    String file = env.get(KEY_FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file.strip());
      Path repo = enclosingGitTree(path);
      if (repo != null) {
        throw new IllegalStateException(
            KEY_FILE_VARIABLE + " points to " + path + ", inside the git working tree " + repo
                + ": keep the pseudonymisation key outside any repository");
      }
      try {
        String text = Files.readString(path, StandardCharsets.UTF_8).strip();
        return checked(text.getBytes(StandardCharsets.UTF_8), KEY_FILE_VARIABLE + " (" + path + ")");
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read the pseudonymisation key file " + path + " named by " + KEY_FILE_VARIABLE + ": " + e, e);
      }
    }
    throw new IllegalStateException(
        "no pseudonymisation key: set " + KEY_VARIABLE + " to the network's secret key, or "
            + KEY_FILE_VARIABLE + " to the path of a file holding it (outside the repository). "
            + "Patient codes are never written in clear.");
  }

  private static Pseudonymiser checked(byte[] key, String origin) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalStateException(
          "the pseudonymisation key from " + origin + " is " + key.length + " bytes; at least "
              + MIN_KEY_BYTES + " are required");
    }
    return withKey(key);
  }

  private static Path enclosingGitTree(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    while (dir != null) {
      if (Files.exists(dir.resolve(".git"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    return null;
  }

  /** The normalised form of a patient code that is hashed: trimmed, upper case (ROOT locale). */
  public static String normalise(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  /**
   * The pseudonym of a patient code.
   *
   * @throws IllegalArgumentException when the code is null or blank
   */
  public String pseudonymise(String code) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("a blank patient code cannot be pseudonymised");
    }
    byte[] digest = mac().doFinal(normalise(code).getBytes(StandardCharsets.UTF_8));
    return PREFIX + Hex.encodeHexString(digest).substring(0, HEX_DIGITS);
  }

  /** Prefix of every keyed hash of a free text ({@link #textHash}). */
  public static final String TEXT_HASH_PREFIX = "h_";

  /**
   * The keyed hash of a free text that may hold personal data and cannot be kept in clear (a
   * pathology written with a name or a phone number in it): {@code h_} and 32 hex digits of
   * HMAC-SHA-256(key, "text:" + text). Equal texts give equal hashes, so they still group and
   * count; without the key nobody can test guesses against it (a plain hash of a short text is
   * a dictionary attack away); the {@code text:} domain keeps it apart from patient pseudonyms.
   */
  public String textHash(String text) {
    byte[] digest = mac().doFinal(("text:" + text).getBytes(StandardCharsets.UTF_8));
    return TEXT_HASH_PREFIX + Hex.encodeHexString(digest).substring(0, HEX_DIGITS);
  }

  /** True when the value has the shape of a {@link #textHash}. */
  public static boolean isTextHash(String value) {
    return value != null && value.matches("h_[0-9a-f]{" + HEX_DIGITS + "}");
  }

  /** True when this instance uses the published sample key (for warnings in load reports). */
  public boolean usesSampleKey() {
    return sampleKey;
  }

  /** True when the value has the shape of a pseudonym this class makes. */
  public static boolean isPseudonym(String value) {
    return value != null && value.matches("p_[0-9a-f]{" + HEX_DIGITS + "}");
  }

  private Mac mac() {
    if (mac == null) {
      synchronized (this) {
        if (mac == null) {
          mac = ThreadLocal.withInitial(this::newMac);
        }
      }
    }
    return mac.get();
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(new SecretKeySpec(key, ALGORITHM));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return sampleKey ? "Pseudonymiser[sample key]" : "Pseudonymiser[secret key]";
  }
}
