package org.palabre.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

  private static final byte[] TEST_KEY = "0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);

  @Test
  void matchesAnIndependentHmacSha256() {
    // expected values computed with Python: "p_" + hmac.new(key, code, sha256).hexdigest()[:32]
    assertEquals("p_28a95d1ee39542d9a22f3edd9587aceb", Pseudonymiser.forSamples().pseudonymise("MG-ANT-2023-0042"));
    assertEquals("p_599fa645c6757ccc80f98569d246e55f", Pseudonymiser.forSamples().pseudonymise("TZ-MWZ-2022-0101"));
    assertEquals("p_862fad6d828ab2e4eb393f0635fb3bba", Pseudonymiser.withKey(TEST_KEY).pseudonymise("MG-ANT-2023-0042"));
  }

  @Test
  void normalisesCaseAndSpacesSoTheSamePatientHasOnePseudonym() {
    Pseudonymiser p = Pseudonymiser.forSamples();
    String expected = p.pseudonymise("MG-ANT-2023-0042");
    assertEquals(expected, p.pseudonymise("  mg-ant-2023-0042\t"));
    assertEquals(expected, Pseudonymiser.forSamples().pseudonymise("Mg-Ant-2023-0042"), "stable across instances (runs)");
    assertNotEquals(expected, p.pseudonymise("MG-ANT-2023-0043"));
    assertTrue(Pseudonymiser.isPseudonym(expected));
    assertFalse(Pseudonymiser.isPseudonym("MG-ANT-2023-0042"));
  }

  @Test
  void dependsOnTheKey() {
    assertNotEquals(
        Pseudonymiser.forSamples().pseudonymise("MG-ANT-2023-0042"),
        Pseudonymiser.withKey(TEST_KEY).pseudonymise("MG-ANT-2023-0042"));
    assertTrue(Pseudonymiser.forSamples().usesSampleKey());
    assertFalse(Pseudonymiser.withKey(TEST_KEY).usesSampleKey());
  }

  @Test
  void keyFromTheVariable() {
    Pseudonymiser p = Pseudonymiser.fromEnvironment(Map.of(Pseudonymiser.KEY_VARIABLE, "0123456789abcdef-test-key\n"));
    assertEquals("p_862fad6d828ab2e4eb393f0635fb3bba", p.pseudonymise("MG-ANT-2023-0042"));
  }

  @Test
  void keyFromTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("palabre.key");
    Files.writeString(file, "0123456789abcdef-test-key\n");
    Pseudonymiser p = Pseudonymiser.fromEnvironment(Map.of(Pseudonymiser.KEY_FILE_VARIABLE, file.toString()));
    assertEquals("p_862fad6d828ab2e4eb393f0635fb3bba", p.pseudonymise("MG-ANT-2023-0042"));
  }

  @Test
  void theVariableWinsOverTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("other.key");
    Files.writeString(file, "another-key-of-sufficient-length");
    Pseudonymiser p = Pseudonymiser.fromEnvironment(Map.of(
        Pseudonymiser.KEY_VARIABLE, "0123456789abcdef-test-key",
        Pseudonymiser.KEY_FILE_VARIABLE, file.toString()));
    assertEquals("p_862fad6d828ab2e4eb393f0635fb3bba", p.pseudonymise("MG-ANT-2023-0042"));
  }

  @Test
  void noKeyIsAClearErrorNamingBothVariables() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pseudonymiser.fromEnvironment(Map.of()));
    assertTrue(e.getMessage().contains("PALABRE_PSEUDONYM_KEY "), e.getMessage());
    assertTrue(e.getMessage().contains("PALABRE_PSEUDONYM_KEY_FILE"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Pseudonymiser.fromEnvironment(Map.of(Pseudonymiser.KEY_VARIABLE, "  ")));
  }

  @Test
  void shortKeyMissingFileAndKeyInsideARepositoryAreRefused(@TempDir Path dir) throws Exception {
    IllegalStateException shortKey = assertThrows(IllegalStateException.class,
        () -> Pseudonymiser.fromEnvironment(Map.of(Pseudonymiser.KEY_VARIABLE, "short")));
    assertTrue(shortKey.getMessage().contains("at least 16"), shortKey.getMessage());

    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> Pseudonymiser.fromEnvironment(Map.of(Pseudonymiser.KEY_FILE_VARIABLE, dir.resolve("nope.key").toString())));
    assertTrue(missing.getMessage().contains("PALABRE_PSEUDONYM_KEY_FILE"), missing.getMessage());

    Files.createDirectories(dir.resolve("repo/.git"));
    Path inRepo = dir.resolve("repo/config/palabre.key");
    Files.createDirectories(inRepo.getParent());
    Files.writeString(inRepo, "0123456789abcdef-test-key");
    IllegalStateException repo = assertThrows(IllegalStateException.class,
        () -> Pseudonymiser.fromEnvironment(Map.of(Pseudonymiser.KEY_FILE_VARIABLE, inRepo.toString())));
    assertTrue(repo.getMessage().contains("outside any repository"), repo.getMessage());
  }

  @Test
  void blankCodeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.forSamples().pseudonymise(" "));
    assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.forSamples().pseudonymise(null));
  }

  @Test
  void survivesSerialisationForBeamWorkersAndNeverPrintsItsKey() throws Exception {
    Pseudonymiser p = Pseudonymiser.withKey(TEST_KEY);
    String before = p.pseudonymise("MG-ANT-2023-0042");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    Pseudonymiser copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Pseudonymiser) in.readObject();
    }
    assertEquals(before, copy.pseudonymise("MG-ANT-2023-0042"));
    assertFalse(p.toString().contains("test-key"));
  }
}
