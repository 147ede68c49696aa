package org.palabre.sources;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakeTable;

/** {@link LakeRowSink} as Beam elements, one output per lake table. */
final class ElementSink implements LakeRowSink {

  private final DoFn.MultiOutputReceiver out;

  ElementSink(DoFn.MultiOutputReceiver out) {
    this.out = out;
  }

  @Override
  public <T extends Record & Serializable> void add(LakeTable<T> table, T row) {
    out.get(table.tag()).output(row);
  }

  @Override
  public void discard() {
    // an element sent is sent
  }

  @Override
  public void close() {
    // nothing held
  }
}
