package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.model.InputFile;

/**
 * The input folder is the boundary: what cannot be read, links that lead outside it, FIFOs and
 * special files are listed as ignored with the reason, and the scan goes on; a file that changed
 * since it was scanned is detected.
 *
 * <p>Permissions as root: root reads any file whatever its mode, so a {@code chmod 000} proves
 * nothing in-process. The unreadable folder and file are made with {@code chmod 000} here, and the
 * ingest runs in a child JVM without the capabilities that let root ignore file modes
 * ({@code setpriv} drops {@code CAP_DAC_OVERRIDE} and {@code CAP_DAC_READ_SEARCH}): the operating
 * system then refuses the listing and the reading for real. Without root, the child needs no
 * {@code setpriv}. Where neither works, the test says so and is skipped.
 */
class InputBoundaryTest {

  @TempDir Path dir;

  private static final String REPORT = "Dispositif;Mois;Personnes rencontrées\nSamusocial Sénégal;2023-04;120\n";

  private Path input() throws IOException {
    Path input = dir.resolve("input");
    Files.createDirectories(input.resolve("samusocial"));
    Files.writeString(input.resolve("samusocial/good.csv"), REPORT, StandardCharsets.UTF_8);
    return input;
  }

  private static List<String> names(InputScanner.Scan scan) {
    return scan.files().stream().map(InputFile::relativeName).toList();
  }

  private static String ignored(InputScanner.Scan scan, String name) {
    return scan.ignored().stream().filter(i -> i.startsWith(name + ":")).findFirst().orElse(null);
  }

  @Test
  void linksThatLeadOutsideTheInputAreNotFollowedAndLinksInsideAre() throws Exception {
    Path input = input();
    Path outside = dir.resolve("secret.csv");
    Files.writeString(outside, "root:x:0:0:root:/root:/bin/bash\n");
    Files.createSymbolicLink(input.resolve("samusocial/passwd.csv"), outside);
    Files.createSymbolicLink(input.resolve("samusocial/etc"), dir);
    Files.createSymbolicLink(input.resolve("samusocial/again.csv"), input.resolve("samusocial/good.csv"));
    Files.createSymbolicLink(input.resolve("samusocial/broken.csv"), input.resolve("samusocial/gone.csv"));
    Files.createSymbolicLink(input.resolve("hxl"), dir);

    InputScanner.Scan scan = InputScanner.scan(input);

    assertEquals(List.of("samusocial/again.csv", "samusocial/good.csv"), names(scan));
    assertTrue(ignored(scan, "samusocial/passwd.csv").contains("a symbolic link that leads outside the input folder (to "
        + outside.toRealPath() + "): not followed"), scan.ignored().toString());
    assertTrue(ignored(scan, "samusocial/etc").contains("a symbolic link that leads outside the input folder"));
    assertTrue(ignored(scan, "samusocial/broken.csv").contains("a broken symbolic link: not followed"));
    assertTrue(ignored(scan, "hxl").contains("a symbolic link: source folders are read only where they are"));
    // the same content under two names is one delivery: the ingest counts it once
    assertEquals(scan.files().get(0).sha256(), scan.files().get(1).sha256());
  }

  @Test
  void aFifoIsListedAndNeverOpened() throws Exception {
    Path input = input();
    Path fifo = input.resolve("samusocial/pipe.csv");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    Assumptions.assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available: skipped");
    Files.createSymbolicLink(input.resolve("samusocial/to-pipe.csv"), fifo);

    // opening a FIFO for reading waits for a writer forever: a scan that opened it would never end
    InputScanner.Scan scan = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> InputScanner.scan(input));

    assertEquals(List.of("samusocial/good.csv"), names(scan));
    assertTrue(ignored(scan, "samusocial/pipe.csv").contains("not a regular file (a FIFO, socket or device): never opened"));
    assertTrue(ignored(scan, "samusocial/to-pipe.csv").contains("never opened"), scan.ignored().toString());
  }

  @Test
  void aFileChangedSinceItWasScannedIsDetected() throws Exception {
    Path input = input();
    InputScanner.Scan scan = InputScanner.scan(input);
    Path good = input.resolve("samusocial/good.csv");
    InputScanner.Stamp stamp = scan.stamps().get("samusocial/good.csv");
    assertNull(InputScanner.changedSince(good, stamp));

    Files.writeString(good, "Samusocial Sénégal;2023-05;130\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertTrue(InputScanner.changedSince(good, stamp).startsWith("it changed (" + stamp.sizeBytes() + " bytes, then "));

    InputScanner.Stamp grown = InputScanner.scan(input).stamps().get("samusocial/good.csv");
    Files.setLastModifiedTime(good, FileTime.fromMillis(grown.modifiedMillis() + 5_000));
    assertTrue(InputScanner.changedSince(good, grown).startsWith("it changed (modified at "));
    Files.delete(good);
    assertNotNull(InputScanner.changedSince(good, grown));
  }

  @Test
  void unreadableFilesAndFoldersAreSkippedWithTheReasonAndTheRunGoesOn() throws Exception {
    Path input = input();
    Files.writeString(input.resolve(".palabre-sample-data"), "test input\n");
    Path lockedFolder = input.resolve("samusocial/2024");
    Files.createDirectories(lockedFolder);
    Files.writeString(lockedFolder.resolve("hidden.csv"), REPORT);
    Path lockedFile = input.resolve("samusocial/locked.csv");
    Files.writeString(lockedFile, REPORT.replace("120", "130"));
    Files.setPosixFilePermissions(lockedFile, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("---------"));
    try {
      List<String> command = new ArrayList<>();
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        Path setpriv = Path.of("/usr/bin/setpriv");
        Assumptions.assumeTrue(Files.isExecutable(setpriv), "running as root without setpriv: root reads every file, so"
            + " the permission path cannot be tested here; skipped");
        command.addAll(List.of(setpriv.toString(), "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search", "--"));
      }
      command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "org.palabre.cli.Palabre", "ingest",
          "--input", input.toString(), "--lake", dir.resolve("lake").toString()));
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      child.getInputStream().transferTo(output);
      assertTrue(child.waitFor(120, TimeUnit.SECONDS));
      String printed = output.toString(StandardCharsets.UTF_8);
      Assumptions.assumeFalse(printed.contains("setpriv:"), "setpriv could not drop the capabilities here: " + printed);

      assertEquals(0, child.exitValue(), printed);
      assertFalse(printed.contains("AccessDeniedException"), printed);
      assertTrue(printed.contains("ignored samusocial/2024: cannot be read (permission denied): skipped, the rest of the"
          + " delivery is read"), printed);
      assertTrue(printed.contains("ignored samusocial/locked.csv: cannot be read (permission denied)"), printed);
      assertTrue(printed.matches("(?s).*samusocial/good\\.csv\\s+1\\s+1\\s+0\\s+loaded.*"), printed);
    } finally {
      Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(lockedFile, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
