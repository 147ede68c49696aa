package org.palabre.serve;

/**
 * Errors as the endpoint's clients read them: one line that says what went wrong, without the
 * Java exception names that wrap it nor DuckDB's caret drawing of the query, and never a server
 * stack trace ({@link Gatekeeper} removes those from Avatica's error responses).
 */
final class ServingErrors {

  private ServingErrors() {}

  /** The exception as Avatica sends it: one line, the driver's SQL state and code kept, no stack trace. */
  static RuntimeException forClient(RuntimeException e) {
    Throwable root = e;
    while (!(root instanceof java.sql.SQLException) && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (!(root instanceof java.sql.SQLException sql)) {
      return e;
    }
    String state = sql.getSQLState() == null || sql.getSQLState().isBlank() ? "HY000" : sql.getSQLState();
    org.apache.calcite.avatica.remote.AvaticaRuntimeException clean = new org.apache.calcite.avatica.remote.AvaticaRuntimeException(
        oneLine(sql.getMessage()), sql.getErrorCode(), state, org.apache.calcite.avatica.AvaticaSeverity.ERROR);
    clean.setStackTrace(new StackTraceElement[0]);
    return clean;
  }

  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "the query failed";
    }
    String text = message.strip();
    // Avatica's server around an exception it did not expect: "Remote driver error: A: x -> B: y" (y the root cause)
    if (text.startsWith("Remote driver error: ")) {
      text = text.substring("Remote driver error: ".length());
      int root = text.lastIndexOf(" -> ");
      if (root >= 0) {
        text = text.substring(root + " -> ".length());
      }
      text = text.replaceFirst("^[A-Z][\\w$]*(?:Exception|Error): ", "");
    }
    // Avatica and JdbcMeta wrap the driver's exception: "java.lang.RuntimeException: java.sql.SQLException: ..."
    text = text.replaceAll("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
    text = text.replaceAll("^(?:(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): )+", "");
    // DuckDB's first line is often generic; the real cause follows it ("Error: ...")
    if (text.startsWith("Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result")) {
      int cause = text.indexOf("\nError: ");
      if (cause >= 0) {
        text = text.substring(cause + "\nError: ".length());
      }
    }
    // the query drawn under the message, "LINE 1: ..." and its caret
    int line = text.indexOf("\nLINE ");
    if (line >= 0) {
      text = text.substring(0, line);
    }
    return text.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
