package org.palabre.sources.iati;

import java.io.Serializable;

/**
 * One typed item read from an IATI activity file: an activity, one of its budgets, one of its
 * transactions or one result period. {@link IatiActivityParser} hands every record to a single
 * {@code ParseSink<IatiRecord>}; callers route them by type ({@code instanceof}), e.g. to one Beam
 * output per record type. Records are immutable and {@link Serializable} (Beam's
 * {@code SerializableCoder} can carry them).
 */
public sealed interface IatiRecord extends Serializable
    permits IatiActivity, IatiBudget, IatiTransaction, IatiResultPeriod {

  /** The {@code iati-identifier} of the activity the record belongs to. */
  String iatiIdentifier();

  /** 1-based line of the XML file where the record's element starts. */
  long line();

  /**
   * Where the record's element is in the file, as an XPath step list from {@code iati-activities}:
   * {@code iati-activity[3]/budget[2]} (positions count every element of that name, rejected ones
   * included). Unlike the line, it tells apart elements written on one line (minified files).
   */
  String path();
}
