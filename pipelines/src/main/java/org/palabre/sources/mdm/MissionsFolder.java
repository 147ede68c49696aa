package org.palabre.sources.mdm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.privacy.PseudonymKeys;
import org.palabre.privacy.Pseudonymiser;
import org.palabre.sources.FolderFamily;

/**
 * The {@code missions/} folder. Its context file is the input's sample-data marker, when present:
 * it decides which key pseudonymises (and a run without key nor marker stops here, before any
 * file is read).
 */
public final class MissionsFolder extends FolderFamily {

  static final List<LakeTable<?>> TABLES =
      List.of(LakeTable.MISSIONS, LakeTable.SURGICAL_PATIENTS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

  public MissionsFolder() {
    super("missions", Set.of("json"), TABLES, MissionsFolder::reader);
  }

  /** The clinical vocabulary decides what of a pathology the lake keeps: a change reads the sheets again. */
  @Override
  public List<String> readerSchemas() {
    return List.of(org.palabre.privacy.ClinicalText.VOCABULARY);
  }

  @Override
  public List<Path> contextFiles(Path input) throws IOException {
    boolean sample = PseudonymKeys.isSampleData(input);
    Pseudonymiser checked = PseudonymKeys.resolve(System.getenv(), sample);
    if (checked.usesSampleKey()) {
      System.err.println(PseudonymKeys.SAMPLE_NOTICE);
    }
    return sample ? List.of(PseudonymKeys.marker(input)) : List.of();
  }

  /** The reader, with the key the input's context decides (the sample key only beside the sample-data marker). */
  private static ReadMissionSheets reader(String runId, List<InputFile> context, String stagingRoot) {
    boolean sample = context.stream().anyMatch(f -> Path.of(f.path()).getFileName().toString().equals(PseudonymKeys.SAMPLE_MARKER));
    return new ReadMissionSheets(runId, PseudonymKeys.resolve(System.getenv(), sample), stagingRoot);
  }
}
