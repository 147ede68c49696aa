package org.palabre.sources;

import java.util.List;
import java.util.Set;
import org.palabre.lake.LakeTable;

/**
 * A source family described by its folder, the file endings it reads and the lake tables it
 * fills; subclasses give only the reader (and, where they have some, their context files).
 */
public abstract class FolderFamily implements SourceFamily {

  private final String name;
  private final Set<String> extensions;
  private final List<LakeTable<?>> tables;

  protected FolderFamily(String name, Set<String> extensions, List<LakeTable<?>> tables) {
    this.name = name;
    this.extensions = Set.copyOf(extensions);
    this.tables = List.copyOf(tables);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> extensions() {
    return extensions;
  }

  @Override
  public final List<LakeTable<?>> tables() {
    return tables;
  }
}
