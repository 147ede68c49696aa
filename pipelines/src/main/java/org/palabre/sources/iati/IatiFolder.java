package org.palabre.sources.iati;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.palabre.model.InputFile;
import org.palabre.sources.FolderFamily;

/** The {@code iati/} folder of a delivery; its context is the rate tables under {@code reference/}. */
public final class IatiFolder extends FolderFamily {
  public IatiFolder() {
    super("iati", Set.of("xml"), ReadIatiActivities.TABLES);
  }

  @Override
  public PTransform<PCollection<InputFile>, PCollectionTuple> readInto(String runId, List<InputFile> context,
      String stagingRoot) {
    return new ReadIatiActivities(runId, context, stagingRoot);
  }

  @Override
  public List<Path> contextFiles(Path input) throws IOException {
    return RateTables.find(input);
  }
}
