package org.palabre.serve;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;

/**
 * DuckDB result sets as Avatica can carry them to its own client, whatever an ad-hoc query
 * returns. DuckDB's JDBC driver answers {@code getDouble} of a null with NaN (Avatica then sends
 * the string "NaN" and the client fails on it), and returns Java objects Avatica's JSON cannot write
 * (OffsetDateTime, blob streams, structs, maps). Here:
 * <ul>
 *   <li>a null of any type is a null ({@code getDouble}/{@code getFloat} give 0 with {@code wasNull}, as JDBC says);</li>
 *   <li>TIMESTAMP WITH TIME ZONE (now(), timestamptz) is served as a TIMESTAMP, the UTC instant;</li>
 *   <li>BLOB as VARBINARY (bytes);</li>
 *   <li>HUGEINT, UHUGEINT and UBIGINT as DECIMAL(38, 0);</li>
 *   <li>STRUCT, LIST, ARRAY, MAP, UNION, UUID, INTERVAL, JSON, TIME WITH TIME ZONE and any other type as VARCHAR, DuckDB's text of the value.</li>
 * </ul>
 * It also holds the endpoint's row limit: a result with more rows than the limit fails, in one
 * line, when the client reaches the row past it.
 */
final class ServedResults {

  /** How a column is served. */
  enum Served { AS_IS, TEXT, TIMESTAMP_UTC, BYTES, DECIMAL }

  private ServedResults() {}

  static Served served(int type, String typeName) {
    String name = typeName == null ? "" : typeName.toUpperCase();
    return switch (type) {
      case Types.BOOLEAN, Types.BIT, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
          Types.DECIMAL, Types.NUMERIC, Types.DATE, Types.TIME, Types.TIMESTAMP, Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NULL ->
          name.equals("UBIGINT") ? Served.DECIMAL : Served.AS_IS;
      case Types.TIMESTAMP_WITH_TIMEZONE -> Served.TIMESTAMP_UTC;
      case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> Served.BYTES;
      default -> name.equals("HUGEINT") || name.equals("UHUGEINT") || name.equals("UBIGINT") ? Served.DECIMAL : Served.TEXT;
    };
  }

  static ResultSet wrap(ResultSet rs, long maxRows) throws SQLException {
    if (rs == null || Proxy.isProxyClass(rs.getClass())) {
      return rs;
    }
    return (ResultSet) Proxy.newProxyInstance(ServedResults.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        new Rows(rs, rs.getMetaData(), maxRows));
  }

  static ResultSetMetaData wrap(ResultSetMetaData meta) throws SQLException {
    if (meta == null || Proxy.isProxyClass(meta.getClass())) {
      return meta;
    }
    return (ResultSetMetaData) Proxy.newProxyInstance(ServedResults.class.getClassLoader(), new Class<?>[] {ResultSetMetaData.class},
        new Columns(meta));
  }

  private static Served[] servedColumns(ResultSetMetaData meta) throws SQLException {
    Served[] served = new Served[meta.getColumnCount()];
    for (int c = 0; c < served.length; c++) {
      served[c] = served(meta.getColumnType(c + 1), meta.getColumnTypeName(c + 1));
    }
    return served;
  }

  /** The column descriptions of the served types. */
  private static final class Columns implements InvocationHandler {
    private final ResultSetMetaData meta;
    private final Served[] served;

    Columns(ResultSetMetaData meta) throws SQLException {
      this.meta = meta;
      this.served = servedColumns(meta);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (args != null && args.length == 1 && args[0] instanceof Integer column && column >= 1 && column <= served.length) {
        Served s = served[column - 1];
        if (s != Served.AS_IS) {
          switch (name) {
            case "getColumnType" -> {
              return switch (s) {
                case TEXT -> Types.VARCHAR;
                case TIMESTAMP_UTC -> Types.TIMESTAMP;
                case BYTES -> Types.VARBINARY;
                case DECIMAL -> Types.DECIMAL;
                default -> throw new IllegalStateException();
              };
            }
            case "getColumnTypeName" -> {
              return switch (s) {
                case TEXT -> "VARCHAR";
                case TIMESTAMP_UTC -> "TIMESTAMP";
                case BYTES -> "VARBINARY";
                case DECIMAL -> "DECIMAL";
                default -> throw new IllegalStateException();
              };
            }
            case "getColumnClassName" -> {
              return switch (s) {
                case TEXT -> String.class.getName();
                case TIMESTAMP_UTC -> Timestamp.class.getName();
                case BYTES -> byte[].class.getName();
                case DECIMAL -> BigDecimal.class.getName();
                default -> throw new IllegalStateException();
              };
            }
            case "getPrecision" -> {
              return s == Served.DECIMAL ? 38 : ServingConnection.invoke(method, meta, args);
            }
            case "getScale" -> {
              return s == Served.DECIMAL ? 0 : ServingConnection.invoke(method, meta, args);
            }
            default -> { }
          }
        }
      }
      if (name.equals("unwrap") || name.equals("isWrapperFor")) {
        return name.equals("isWrapperFor") ? false : null;
      }
      return ServingConnection.invoke(method, meta, args);
    }
  }

  /** The rows, values converted to the served types, nulls as nulls, and the row limit. */
  private static final class Rows implements InvocationHandler {
    private final ResultSet rs;
    private final Served[] served;
    private final long maxRows;
    private long rows;
    private ResultSetMetaData wrappedMeta;

    Rows(ResultSet rs, ResultSetMetaData meta, long maxRows) throws SQLException {
      this.rs = rs;
      this.served = servedColumns(meta);
      this.maxRows = maxRows;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "next" -> {
          boolean more = rs.next();
          if (more && ++rows > maxRows) {
            throw new SQLException("the result has more than " + String.format("%,d", maxRows) + " rows, the endpoint's limit per query:"
                + " filter or aggregate it (WHERE, GROUP BY, LIMIT), or read the whole mart from PostgreSQL (palabre publish) or an export", "54000");
          }
          return more;
        }
        case "getMetaData" -> {
          if (wrappedMeta == null) {
            wrappedMeta = wrap(rs.getMetaData());
          }
          return wrappedMeta;
        }
        case "getDouble", "getFloat" -> {
          Object v = ServingConnection.invoke(method, rs, args);
          return rs.wasNull() ? (name.equals("getDouble") ? (Object) 0d : (Object) 0f) : v;
        }
        case "isWrapperFor" -> {
          return false;
        }
        case "unwrap" -> throw new SQLException("the endpoint's result sets wrap nothing");
        case "hashCode" -> {
          return System.identityHashCode(self);
        }
        case "equals" -> {
          return self == args[0];
        }
        default -> { }
      }
      Integer column = args != null && args.length >= 1 && args[0] instanceof Integer i && i >= 1 && i <= served.length ? i : null;
      if (column == null && args != null && args.length >= 1 && args[0] instanceof String label && name.startsWith("get")) {
        column = rs.findColumn(label);
      }
      if (column != null && served[column - 1] != Served.AS_IS && name.startsWith("get")) {
        return convert(name, column, served[column - 1], method, args);
      }
      return ServingConnection.invoke(method, rs, args);
    }

    private Object convert(String name, int column, Served s, Method method, Object[] args) throws SQLException {
      switch (s) {
        case TEXT -> {
          if (name.equals("getString") || name.equals("getObject") || name.equals("getNString")) {
            return rs.getString(column);
          }
        }
        case TIMESTAMP_UTC -> {
          if (name.equals("getTimestamp") || name.equals("getObject")) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : Timestamp.from(t.toInstant());
          }
          if (name.equals("getString")) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : Timestamp.from(t.toInstant()).toString();
          }
        }
        case BYTES -> {
          if (name.equals("getBytes") || name.equals("getObject")) {
            Object v = rs.getObject(column);
            if (v == null) {
              return null;
            }
            if (v instanceof byte[] b) {
              return b;
            }
            if (v instanceof Blob blob) {
              return blob.getBytes(1, (int) blob.length());
            }
            return rs.getBytes(column);
          }
        }
        case DECIMAL -> {
          if (name.equals("getBigDecimal") || name.equals("getObject")) {
            Object v = rs.getObject(column);
            return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(new BigInteger(v.toString()));
          }
        }
        default -> { }
      }
      Object[] rewritten = args.clone();
      rewritten[0] = column;
      Method byIndex;
      try {
        Class<?>[] types = method.getParameterTypes().clone();
        types[0] = int.class;
        byIndex = ResultSet.class.getMethod(name, types);
      } catch (NoSuchMethodException e) {
        byIndex = method;
        rewritten = args;
      }
      return ServingConnection.invoke(byIndex, rs, rewritten);
    }
  }
}
