package org.palabre.serve;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PostgreSQL's SCRAM-SHA-256 verifier of a user, derived from the user's stored PBKDF2 hash, so
 * that {@code palabre publish} can give every user a PostgreSQL login without ever knowing a clear
 * password.
 *
 * <p>SCRAM (RFC 5802, with SHA-256 by RFC 7677) stores {@code StoredKey = H(HMAC(SaltedPassword,
 * "Client Key"))} and {@code ServerKey = HMAC(SaltedPassword, "Server Key")}, where
 * {@code SaltedPassword = Hi(Normalize(password), salt, i)} and {@code Hi} is PBKDF2 with
 * HMAC-SHA-256 and a 32-byte output. That is exactly the hash {@link UserDirectory} stores
 * (PBKDF2WithHmacSHA256 over the UTF-8 password, 16-byte salt, 256 bits, 210,000 iterations), as
 * long as SASLprep leaves the password unchanged: PostgreSQL and its clients normalise the password
 * with SASLprep before hashing it. {@link #stableUnderSaslprep} tells; {@code users add} refuses
 * the rare passwords it would change.
 *
 * <p>The verifier is PostgreSQL's text form, {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}
 * (Base64), which {@code ALTER ROLE ... PASSWORD} stores as it is.
 */
public final class ScramVerifier {

  private ScramVerifier() {}

  /** The verifier PostgreSQL stores in {@code pg_authid.rolpassword} for this user. */
  public static String of(UserDirectory.User user) {
    byte[] salted = user.hash();
    if (salted.length != 32) {
      throw new IllegalArgumentException("user " + user.name() + ": a PBKDF2-HMAC-SHA256 hash of 32 bytes is needed, not " + salted.length);
    }
    byte[] clientKey = hmac(salted, "Client Key");
    byte[] storedKey = sha256(clientKey);
    byte[] serverKey = hmac(salted, "Server Key");
    Base64.Encoder b64 = Base64.getEncoder();
    return "SCRAM-SHA-256$" + user.iterations() + ":" + b64.encodeToString(user.salt()) + "$" + b64.encodeToString(storedKey)
        + ":" + b64.encodeToString(serverKey);
  }

  /**
   * True when SASLprep (RFC 4013) would leave the password as it is, so that the stored hash is
   * SCRAM's salted password. Conservative: no character SASLprep maps to nothing (soft hyphen,
   * zero-width and joiner characters, variation selectors) or to a space (non-ASCII spaces), and
   * the password already in Unicode normal form KC. (When SASLprep finds a prohibited character,
   * PostgreSQL uses the password as it is, which is fine too.)
   */
  public static boolean stableUnderSaslprep(char[] password) {
    CharSequence s = java.nio.CharBuffer.wrap(password);
    for (int i = 0; i < s.length(); ) {
      int c = Character.codePointAt(s, i);
      if (mappedToNothing(c) || nonAsciiSpace(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return Normalizer.isNormalized(s, Normalizer.Form.NFKC);
  }

  /** RFC 3454 table B.1. */
  private static boolean mappedToNothing(int c) {
    return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D) || (c >= 0x200B && c <= 0x200D)
        || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
  }

  /** RFC 3454 table C.1.2. */
  private static boolean nonAsciiSpace(int c) {
    return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
