package org.palabre.sources.iati;

import java.util.ArrayList;
import java.util.List;

/** What has been read of a result's {@code indicator}: its measure, baseline and periods. */
final class IndicatorDraft {
  final String path;
  final String measure;
  final String ascending;
  String title;
  boolean hasBaseline;
  String baselineYear;
  String baselineDate;
  String baselineValue;
  final List<PeriodDraft> periods = new ArrayList<>();
  int periodCount;

  IndicatorDraft(String path, String measure, String ascending) {
    this.path = path;
    this.measure = IatiValues.trimToNull(measure);
    this.ascending = IatiValues.trimToNull(ascending);
  }
}
