package org.palabre.sources.mdm;

import org.palabre.privacy.PseudonymKeys;
import org.palabre.privacy.Pseudonymiser;
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
   * ({@link LakeRowSink}); null sends them on as elements.
   */
  public ReadMissionSheets(String runId, Pseudonymiser pseudonymiser, String stagingRoot) {
    super(runId, "missions", "ParseValidatePseudonymise", new MissionSheetFiles(pseudonymiser), MissionsFolder.TABLES, stagingRoot);
  }
}
