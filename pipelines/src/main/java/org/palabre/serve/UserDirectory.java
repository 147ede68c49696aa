package org.palabre.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The users of the JDBC endpoint: a text file with one line per user,
 * {@code name:audience:pbkdf2-sha256:iterations:salt:hash} (salt and hash in Base64). No clear
 * password is ever stored; {@code palabre users add} writes the lines.
 *
 * <p>Passwords are checked with PBKDF2WithHmacSHA256 (JDK only). The file is read again when it
 * changes, so adding a user needs no server restart. The same hash gives each user its PostgreSQL
 * login ({@link ScramVerifier}).
 */
public final class UserDirectory {

  /** A user of the endpoint and the audience whose warehouse file it reads. */
  public record User(String name, String audience, int iterations, byte[] salt, byte[] hash) {
    String line() {
      Base64.Encoder b64 = Base64.getEncoder();
      return name + ":" + audience + ":" + ALGORITHM_TAG + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }
  }

  static final String ALGORITHM_TAG = "pbkdf2-sha256";
  static final int ITERATIONS = 210_000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern AUDIENCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Path file;
  private Map<String, User> users = Map.of();
  private Object loadedVersion;

  public UserDirectory(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  public static boolean validAudience(String audience) {
    return AUDIENCE.matcher(audience).matches();
  }

  /** The user, read from the file as it is now. */
  public synchronized Optional<User> find(String name) throws IOException {
    reloadIfChanged();
    return Optional.ofNullable(users.get(name));
  }

  public synchronized List<User> list() throws IOException {
    reloadIfChanged();
    return new ArrayList<>(users.values());
  }

  /** True when the password is the user's; slow on purpose (PBKDF2). */
  public static boolean verify(User user, char[] password) {
    byte[] candidate = hash(password, user.salt(), user.iterations());
    return MessageDigest.isEqual(candidate, user.hash());
  }

  /** Adds the user, or replaces its audience and password; the file is rewritten atomically, readable by its owner only. */
  public synchronized void put(String name, String audience, char[] password) throws IOException {
    if (!validName(name)) {
      throw new IllegalArgumentException("user name '" + name + "' must be letters, digits, '.', '_', '@' or '-' (at most 64)");
    }
    if (!validAudience(audience)) {
      throw new IllegalArgumentException("audience '" + audience + "' must be 'network' or a member code (lowercase letters, digits, '-', '_')");
    }
    if (password.length < 8) {
      throw new IllegalArgumentException("the password must have at least 8 characters");
    }
    if (!ScramVerifier.stableUnderSaslprep(password)) {
      throw new IllegalArgumentException("the password holds characters that PostgreSQL's logins normalise (non-ASCII spaces, invisible"
          + " characters, compatibility forms such as full-width letters or ligatures): choose one without them, so that it works"
          + " with palabre serve and with PostgreSQL alike");
    }
    reloadIfChanged();
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Map<String, User> next = new LinkedHashMap<>(users);
    next.put(name, new User(name, audience, ITERATIONS, salt, hash(password, salt, ITERATIONS)));
    write(next);
  }

  /** Removes the user; false when there was none. */
  public synchronized boolean remove(String name) throws IOException {
    reloadIfChanged();
    if (!users.containsKey(name)) {
      return false;
    }
    Map<String, User> next = new LinkedHashMap<>(users);
    next.remove(name);
    write(next);
    return true;
  }

  private void write(Map<String, User> next) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".users-", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's permissions apply
      }
      StringBuilder text = new StringBuilder("# Palabre endpoint users: name:audience:pbkdf2-sha256:iterations:salt:hash (palabre users add)\n");
      next.values().forEach(u -> text.append(u.line()).append('\n'));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    users = next;
    loadedVersion = version();
  }

  private Object version() throws IOException {
    if (!Files.exists(file)) {
      return "absent";
    }
    var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
    return List.of(String.valueOf(attrs.fileKey()), attrs.lastModifiedTime().toMillis(), attrs.size());
  }

  private void reloadIfChanged() throws IOException {
    Object version = version();
    if (version.equals(loadedVersion)) {
      return;
    }
    Map<String, User> read = new LinkedHashMap<>();
    if (Files.exists(file)) {
      int lineNo = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(":", -1);
        if (f.length != 6 || !f[2].equals(ALGORITHM_TAG)) {
          // never echo the line: it holds a hash
          throw new IOException(file + " line " + lineNo + ": expected name:audience:" + ALGORITHM_TAG
              + ":iterations:salt:hash; rewrite it with palabre users add");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        read.put(f[0], new User(f[0], f[1], Integer.parseInt(f[3]), b64.decode(f[4]), b64.decode(f[5])));
      }
    }
    users = read;
    loadedVersion = version;
  }

  static byte[] hash(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Overwrites a password held in memory. */
  public static void wipe(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
