package org.palabre.serve;

/**
 * One mart column as PostgreSQL gets it: the natural PostgreSQL type of its DuckDB type, and the
 * DuckDB expression whose CSV text PostgreSQL's {@code COPY ... (FORMAT csv)} reads as that type.
 *
 * <p>DuckDB's CSV writer leaves a null unquoted and empty and quotes an empty string, which is
 * exactly how PostgreSQL's CSV format tells them apart. Timestamps without a time zone are UTC in
 * the warehouse (run and submission times) and become {@code timestamptz}; the loading sessions of
 * both databases run in UTC.
 */
record PostgresColumn(String name, String duckDbType, String postgresType, String exportExpression) {

  static PostgresColumn of(String name, String duckDbType) {
    String q = quote(name);
    String t = duckDbType.toUpperCase().strip();
    String pg;
    String expr = q;
    if (t.equals("BOOLEAN")) {
      pg = "boolean";
    } else if (t.equals("TINYINT") || t.equals("SMALLINT") || t.equals("UTINYINT")) {
      pg = "smallint";
    } else if (t.equals("INTEGER") || t.equals("USMALLINT")) {
      pg = "integer";
    } else if (t.equals("BIGINT") || t.equals("UINTEGER")) {
      pg = "bigint";
    } else if (t.equals("HUGEINT") || t.equals("UHUGEINT") || t.equals("UBIGINT") || t.equals("BIGNUM") || t.equals("VARINT")) {
      pg = "numeric";
    } else if (t.equals("FLOAT") || t.equals("REAL")) {
      pg = "real";
    } else if (t.equals("DOUBLE")) {
      pg = "double precision";
    } else if (t.matches("DECIMAL\\(\\d+,\\s*\\d+\\)")) {
      pg = "numeric" + t.substring("DECIMAL".length()).replace(" ", "");
    } else if (t.equals("VARCHAR") || t.startsWith("ENUM")) {
      pg = "text";
    } else if (t.equals("DATE")) {
      pg = "date";
    } else if (t.equals("TIME")) {
      pg = "time";
    } else if (t.equals("TIME WITH TIME ZONE")) {
      pg = "timetz";
    } else if (t.equals("TIMESTAMP WITH TIME ZONE") || t.equals("TIMESTAMP") || t.startsWith("TIMESTAMP_")) {
      pg = "timestamptz";
      expr = t.equals("TIMESTAMP WITH TIME ZONE") ? q : "cast(" + q + " as timestamp)";
    } else if (t.equals("INTERVAL")) {
      pg = "interval";
    } else if (t.equals("UUID")) {
      pg = "uuid";
    } else if (t.equals("BLOB")) {
      pg = "bytea";
      expr = "'\\x' || hex(" + q + ")";
    } else if (t.equals("JSON") || t.endsWith("[]") || t.matches("[A-Z]+(\\(.*\\))?\\[\\d*\\]") || t.startsWith("STRUCT") || t.startsWith("MAP")
        || t.startsWith("UNION")) {
      pg = "jsonb";
      expr = "cast(to_json(" + q + ") as varchar)";
    } else {
      pg = "text";
      expr = "cast(" + q + " as varchar)";
    }
    return new PostgresColumn(name, duckDbType, pg, expr + " as " + q);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
