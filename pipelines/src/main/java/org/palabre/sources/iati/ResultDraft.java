package org.palabre.sources.iati;

/** What has been read of a {@code result}: its path, type and title, which its periods carry. */
final class ResultDraft {
  final String path;
  final String type;
  String title;
  int indicatorCount;

  ResultDraft(String path, String type) {
    this.path = path;
    this.type = IatiValues.trimToNull(type);
  }
}
