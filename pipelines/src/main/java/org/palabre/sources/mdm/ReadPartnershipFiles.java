package org.palabre.sources.mdm;

import org.palabre.sources.ReadEachFile;

/**
 * Reads the MdM partnership files (DESIGN §3.4): the partnership registry, the partner survey
 * (KoboToolbox CSV export) and the red/orange-line alert log, each recognised by its header (never
 * by its name), in UTF-8 with or without BOM or Windows-1252, {@code ;} or {@code ,}. A file whose
 * header is none of the three is rejected whole with a reason listing the known kinds. The shared
 * per-file reader ({@link ReadFileFn}) runs {@link PartnershipFiles}; labels stay as written, the
 * build maps them.
 */
public final class ReadPartnershipFiles extends ReadEachFile {

  public ReadPartnershipFiles(String runId) {
    this(runId, null);
  }

  /**
   * The same reading, each file's rows written into its Parquet parts under {@code stagingRoot}
   * ({@link LakeRowSink}); null sends them on as elements.
   */
  public ReadPartnershipFiles(String runId, String stagingRoot) {
    super(runId, "partnerships", "RecogniseParseValidate", new PartnershipFiles(), PartnershipsFolder.TABLES, stagingRoot);
  }
}
