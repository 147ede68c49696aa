package org.palabre.sources.iati;

import java.util.ArrayList;
import java.util.List;
import org.palabre.model.ParseSink;

/** A sink that keeps everything, for assertions. */
final class CollectingSink implements ParseSink<IatiRecord> {

  record Rejection(long line, String reason, String raw) {}

  final List<IatiRecord> accepted = new ArrayList<>();
  final List<Rejection> rejected = new ArrayList<>();

  @Override
  public void accept(IatiRecord record) {
    accepted.add(record);
  }

  @Override
  public void reject(long line, String reason, String raw) {
    rejected.add(new Rejection(line, reason, raw));
  }

  <T extends IatiRecord> List<T> accepted(Class<T> type) {
    return accepted.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<Long> rejectedLines() {
    return rejected.stream().map(Rejection::line).toList();
  }

  Rejection rejectionAt(long line) {
    List<Rejection> at = rejected.stream().filter(r -> r.line() == line).toList();
    if (at.size() != 1) {
      throw new AssertionError("expected one rejection at line " + line + ", found " + rejected);
    }
    return at.get(0);
  }
}
