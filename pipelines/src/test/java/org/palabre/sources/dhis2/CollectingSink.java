package org.palabre.sources.dhis2;

import java.util.ArrayList;
import java.util.List;
import org.palabre.model.ParseSink;

/** Test sink that keeps what it receives, in order. */
final class CollectingSink<T> implements ParseSink<T> {

  record Rejection(long line, String reason, String raw) {}

  final List<T> accepted = new ArrayList<>();
  final List<Rejection> rejected = new ArrayList<>();

  @Override
  public void accept(T record) {
    accepted.add(record);
  }

  @Override
  public void reject(long line, String reason, String raw) {
    rejected.add(new Rejection(line, reason, raw));
  }

  int total() {
    return accepted.size() + rejected.size();
  }
}
