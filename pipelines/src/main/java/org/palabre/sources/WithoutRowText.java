package org.palabre.sources;

import java.io.Serializable;
import java.util.Set;
import org.palabre.lake.LakeTable;
import org.palabre.model.InputFile;
import org.palabre.model.Rejection;
import org.palabre.privacy.PersonalColumns;

/**
 * {@link LakeRowSink} of a list of people ({@link PersonalColumns}): its rejected rows keep their
 * line and reason but not their text, and the values their reasons quote are masked; every other
 * row goes through as it is.
 */
final class WithoutRowText implements LakeRowSink {

  private final LakeRowSink rows;
  private final Set<String> headers;

  WithoutRowText(LakeRowSink rows, Set<String> headers) {
    this.rows = rows;
    this.headers = Set.copyOf(headers);
  }

  @Override
  public <T extends Record & Serializable> void add(LakeTable<T> table, T row) {
    if (row instanceof Rejection r) {
      rows.add(LakeTable.REJECTED_ROWS, new Rejection(r.runId(), r.deliverySha256(), r.sourceFamily(), r.sourceFile(),
          r.sourceSheet(), r.sourceLine(), r.sourceColumn(), PersonalColumns.withoutValues(r.reason(), r.raw(), headers), ""));
      return;
    }
    rows.add(table, row);
  }

  @Override
  public void keepRejectedFile(InputFile file) {
    // a list of people is never kept as delivered
  }

  @Override
  public void discard() {
    rows.discard();
  }

  @Override
  public void close() {
    rows.close();
  }
}
