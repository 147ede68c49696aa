package org.palabre.sources.mdm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.privacy.PseudonymKeys;
import org.palabre.privacy.Pseudonymiser;
import org.palabre.sources.FolderFamily;
import org.palabre.sources.ReadEachFile;

/**
 * Reads Opération Sourire mission sheets (DESIGN §3.3, one JSON document per mission) into the lake
 * tables {@code missions} and {@code surgical_patients} in the sheets' own words, patients
 * pseudonymised on the worker before anything leaves the parser. A malformed document is rejected
 * whole with the JSON parser's line and column; the other files load. The shared per-file reader
 * ({@link ReadFileFn}) runs {@link MissionSheetFiles}.
 *
 * <p>The pseudonymiser (with its key) is given to the transform, and travels to the workers inside
 * the parser; it is never logged or written (see {@link PseudonymKeys} for which key a run uses).
 */
public final class ReadMissionSheets extends ReadEachFile {

  public ReadMissionSheets(String runId, Pseudonymiser pseudonymiser) {
    this(runId, pseudonymiser, null);
  }

  /**
   * The same reading, each file's rows written into its Parquet parts under {@code stagingRoot}
   * ({@link FileRows}); null sends them on as elements.
   */
  public ReadMissionSheets(String runId, Pseudonymiser pseudonymiser, String stagingRoot) {
    super(runId, "missions", "ParseValidatePseudonymise", new MissionSheetFiles(pseudonymiser), Family.TABLES, stagingRoot);
  }

  /**
   * The {@code missions/} folder. Its context file is the input's sample-data marker, when present:
   * it decides which key pseudonymises (and a run without key nor marker stops here, before any
   * file is read).
   */
  public static final class Family extends FolderFamily {

    static final List<LakeTable<?>> TABLES =
        List.of(LakeTable.MISSIONS, LakeTable.SURGICAL_PATIENTS, LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);

    public Family() {
      super("missions", Set.of("json"), TABLES);
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

    @Override
    public PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
        String stagingRoot) {
      boolean sample = context.stream().anyMatch(f -> Path.of(f.path()).getFileName().toString().equals(PseudonymKeys.SAMPLE_MARKER));
      return new ReadMissionSheets(runId, PseudonymKeys.resolve(System.getenv(), sample), stagingRoot);
    }
  }
}
