package org.palabre.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the endpoint runs: queries only. DuckDB's own parser tells: {@code json_serialize_sql}
 * serialises SELECT statements (WITH, FROM-first, VALUES, DESCRIBE, SHOW and SUMMARIZE included)
 * and refuses every other kind. So besides the writes the read-only file already refuses,
 * temporary tables, views, macros and sequences (which DuckDB allows on a read-only database and
 * which fill its memory and disk), SET, ATTACH, COPY, INSTALL, LOAD, PRAGMA and EXPORT are refused
 * before they run, in one line. EXPLAIN of a query and transaction statements (BEGIN, COMMIT,
 * ROLLBACK) pass.
 */
final class QueryGuard {

  private static final Pattern TRANSACTION =
      Pattern.compile("(?is)\\s*(begin|start\\s+transaction|commit|rollback|abort|end)(\\s+(transaction|work))?\\s*;?\\s*");
  private static final Pattern EXPLAIN = Pattern.compile("(?is)\\s*explain(\\s+analy[sz]e)?\\s+(.*)");
  private static final Pattern FIRST_WORD = Pattern.compile("(?s)\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*([A-Za-z_]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryGuard() {}

  /** Throws, in one line, unless the SQL is a query (or EXPLAIN of one, or a transaction statement). */
  static void check(Connection raw, String sql) throws SQLException {
    if (sql == null || TRANSACTION.matcher(sql).matches()) {
      return;
    }
    Matcher explain = EXPLAIN.matcher(sql);
    String query = explain.matches() ? explain.group(2) : sql;
    JsonNode parsed;
    try (PreparedStatement ps = raw.prepareStatement("select json_serialize_sql(cast(? as varchar))")) {
      ps.setString(1, query);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        parsed = JSON.readTree(rs.getString(1));
      }
    } catch (IOException e) {
      throw new SQLException("the statement could not be checked: " + e.getMessage(), "42000");
    }
    if (!parsed.path("error").asBoolean(true)) {
      return;
    }
    String type = parsed.path("error_type").asText("");
    if (!type.equals("not implemented")) {
      throw new SQLException(ServingErrors.oneLine(parsed.path("error_message").asText("the statement cannot be read")), "42601");
    }
    Matcher word = FIRST_WORD.matcher(query);
    String kind = word.lookingAt() ? word.group(1).toUpperCase() : "this";
    throw new SQLException("the endpoint is read-only and runs queries only (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN):"
        + " " + kind + " statements are refused, temporary tables, views and macros included", "25006");
  }
}
