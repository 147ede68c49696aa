package org.palabre.sources;

import java.util.ArrayList;
import java.util.List;
import org.palabre.model.ParseSink;

/** A {@link ParseSink} that keeps what it is given, for tests. */
public final class Collected<T> implements ParseSink<T> {

  /** A rejection as the parser gave it. */
  public record Rejected(long line, String reason, String raw) {}

  public final List<T> accepted = new ArrayList<>();
  public final List<Rejected> rejected = new ArrayList<>();

  @Override
  public void accept(T record) {
    accepted.add(record);
  }

  @Override
  public void reject(long line, String reason, String raw) {
    rejected.add(new Rejected(line, reason, raw));
  }
}
