package org.palabre.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palabre.model.InputFile;

class FileOrderTest {

  private static InputFile file(String name, long size) {
    return new InputFile("/in/" + name, "samusocial", name, "sha-" + name, size);
  }

  @Test
  void everyFileOnceAndContiguousHalvesCarryAboutTheSameBytes() {
    // the input's order: the big services' folders first, as a runner would split it
    List<InputFile> files = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      files.add(file("big/" + i, 3_000));
    }
    for (int i = 0; i < 60; i++) {
      files.add(file("small/" + i, 800));
    }
    List<InputFile> ordered = BeamLaunch.largeAndSmallAlternating(files);
    assertEquals(files.size(), ordered.size());
    assertEquals(new java.util.HashSet<>(files), new java.util.HashSet<>(ordered));
    long first = ordered.subList(0, 60).stream().mapToLong(InputFile::sizeBytes).sum();
    long second = ordered.subList(60, 120).stream().mapToLong(InputFile::sizeBytes).sum();
    assertEquals(first, second);
    long naiveFirst = files.subList(0, 60).stream().mapToLong(InputFile::sizeBytes).sum();
    assertTrue(naiveFirst > 3 * second / 2, "the input order is the unbalanced case this guards against");
    assertEquals(List.of(), BeamLaunch.largeAndSmallAlternating(List.of()));
    assertEquals(List.of(files.get(0)), BeamLaunch.largeAndSmallAlternating(List.of(files.get(0))));
  }
}
