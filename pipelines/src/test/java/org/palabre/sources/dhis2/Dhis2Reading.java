package org.palabre.sources.dhis2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.palabre.model.InputFile;
import org.palabre.sources.CollectedRows;

/** DHIS2 files read with the family's real file parsers, without a Beam step: what they would add to the lake. */
final class Dhis2Reading {

  private Dhis2Reading() {}

  /** A file of a {@code dhis2/} delivery: its relative name {@code dhis2/<name>}, its delivery key {@code sha-<name>}. */
  static InputFile input(Path file, String name) throws IOException {
    return new InputFile(file.toAbsolutePath().toString(), "dhis2", "dhis2/" + name, "sha-" + name, Files.size(file));
  }

  /** A metadata file's org units, metadata objects and rejects, placed in the tree of all the delivery's metadata. */
  static CollectedRows metadata(InputFile file, List<InputFile> allMetadata, String runId) throws Exception {
    return CollectedRows.read(new Dhis2MetadataFiles(allMetadata), file, runId);
  }

  /** A data value set's figures and rejects, checked against the delivery's metadata. */
  static CollectedRows values(InputFile file, List<InputFile> metadata, String runId) throws Exception {
    return CollectedRows.read(new Dhis2DataValueFiles(metadata), file, runId);
  }
}
