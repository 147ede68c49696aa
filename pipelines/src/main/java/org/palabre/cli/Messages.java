package org.palabre.cli;

import java.sql.SQLException;
import org.apache.beam.sdk.Pipeline;
import org.palabre.db.DuckDb;

/** Turns exceptions into one message a data engineer can act on. */
final class Messages {

  private Messages() {}

  static String describe(Throwable e) {
    Throwable t = e;
    if (t instanceof Pipeline.PipelineExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof SQLException sql) {
      return DuckDb.describe(sql);
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.toString() : message;
  }
}
