package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An option Beam refuses fails the ingest with Beam's own message, as the pipeline is about to
 * start ({@link BeamLaunch}), and the lake is left as it was; a run with nothing to read does not
 * start the pipeline, so it does not fail.
 */
class BeamOptionsTest {

  @TempDir Path dir;

  private IngestJob.Result ingest(String beamOption) throws Exception {
    return new IngestJob(new IngestJob.Options(dir.resolve("in"), dir.resolve("lake"), List.of("--targetParallelism=1", beamOption)),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
  }

  @Test
  void anOptionBeamRefusesFailsTheIngestWithBeamsMessageAndNothingIsPublished() throws Exception {
    Path file = dir.resolve("in/samusocial/r.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "Dispositif;Mois;Personnes rencontrées\nSSS;2024-01;120\n");

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ingest("--noSuchBeamOption=3"));
    assertTrue(refused.getMessage().contains("noSuchBeamOption"), refused.getMessage());
    assertEquals(1, ingest("--enforceImmutability=false").newFiles(), "the refused run published nothing, so the file is still new");

    // nothing new: the pipeline does not start, and the option is never needed
    assertEquals(0, ingest("--noSuchBeamOption=3").newFiles());
  }
}
