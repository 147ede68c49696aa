package org.palabre.sources.mdm;

import java.util.ArrayList;
import java.util.List;
import org.palabre.model.ParseSink;

/** A {@link ParseSink} that keeps everything, for assertions. */
final class CollectingSink<T> implements ParseSink<T> {

  record Rejected(long line, String reason, String raw) {}

  final List<T> accepted = new ArrayList<>();
  final List<Rejected> rejected = new ArrayList<>();

  @Override
  public void accept(T record) {
    accepted.add(record);
  }

  @Override
  public void reject(long line, String reason, String raw) {
    rejected.add(new Rejected(line, reason, raw));
  }

  int total() {
    return accepted.size() + rejected.size();
  }
}
