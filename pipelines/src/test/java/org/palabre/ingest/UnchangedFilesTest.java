package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-run does not hash the files the lake vouches for (same size and modification time, left
 * alone before they were read), and hashes every other one: a file changed since, or one whose
 * stamp cannot be trusted because it was read right after it was written.
 */
class UnchangedFilesTest {

  @TempDir Path dir;

  private static final String REPORT = "Dispositif;Mois;Personnes rencontrées\nSSS;2024-01;120\n";
  /** The same size, other figures: only its hash tells it apart. */
  private static final String EDITED = "Dispositif;Mois;Personnes rencontrées\nSSS;2024-01;999\n";

  private IngestJob.Result ingest() throws Exception {
    return new IngestJob(new IngestJob.Options(dir.resolve("in"), dir.resolve("lake"), List.of("--targetParallelism=1")),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
  }

  private Path report() throws Exception {
    Path file = dir.resolve("in/samusocial/r.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, REPORT);
    return file;
  }

  @Test
  void aFileLeftAloneIsNotHashedAgainAndAChangedOneIs() throws Exception {
    Path file = report();
    FileTime before = FileTime.fromMillis(System.currentTimeMillis() - 60_000); // written a minute before the run
    Files.setLastModifiedTime(file, before);
    assertEquals(1, ingest().newFiles());

    // new bytes, same size, and the old time put back: the stamp vouches for the file, so it is not read
    Files.writeString(file, EDITED);
    Files.setLastModifiedTime(file, before);
    assertEquals(0, ingest().newFiles());

    // an edit as people make them (the time moves on): hashed, read, and it replaces the earlier version
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 30_000));
    IngestJob.Result edited = ingest();
    assertEquals(1, edited.newFiles());
    assertEquals(List.of("loaded, replaces the version of run"), edited.report().stream()
        .map(r -> r.status().substring(0, r.status().indexOf(" run") + 4)).toList());
  }

  @Test
  void aFileReadRightAfterItWasWrittenIsHashedAgainNextTime() throws Exception {
    Path file = report(); // its modification time is now: the run hashes it within the file system's tick
    assertEquals(1, ingest().newFiles());
    FileTime written = Files.getLastModifiedTime(file);
    Files.writeString(file, EDITED);
    Files.setLastModifiedTime(file, written);
    assertEquals(1, ingest().newFiles(), "the same size and time, but the stamp was racy: the file must be hashed");
  }
}
