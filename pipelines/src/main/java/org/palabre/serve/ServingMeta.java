package org.palabre.serve;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's {@link JdbcMeta} with Palabre's rules: connections are opened by the server on the
 * user's audience file with the server's properties only (the client's connection properties are
 * dropped, so no client can ask for a writable database; only {@code query_timeout}, in seconds,
 * is read, and it can only lower the server's time limit), and a statement can be used only
 * through the client connection that created it (Avatica's statement ids are small integers).
 *
 * <p>Frames: a client's fetch size of 0 (or less) means "all rows", in frames of
 * {@link #DEFAULT_FRAME_ROWS} (Avatica's server would answer an empty, finished frame); no frame
 * holds more than {@link #MAX_FRAME_ROWS}, whatever the client asks, so that a huge fetch size
 * cannot make the server build a frame in memory beyond that.
 */
final class ServingMeta extends JdbcMeta {

  /** Who is making the current request; set by {@link Gatekeeper} for the request's thread. */
  record Caller(String user, PublishedFile file) {}

  static final ThreadLocal<Caller> CALLER = new ThreadLocal<>();
  static final int DEFAULT_FRAME_ROWS = 10_000;
  static final int MAX_FRAME_ROWS = 20_000;
  private static final ThreadLocal<String> OPENING = new ThreadLocal<>();
  private static final ThreadLocal<JdbcEndpoint.Limits> OPENING_LIMITS = new ThreadLocal<>();
  private final JdbcEndpoint.Limits limits;
  private static final Field STATEMENT_FIELD;

  static {
    try {
      STATEMENT_FIELD = StatementInfo.class.getDeclaredField("statement");
      STATEMENT_FIELD.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  ServingMeta(JdbcEndpoint.Limits limits) throws SQLException {
    super("jdbc:palabre-endpoint:", new Properties());
    this.limits = limits;
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> clientInfo) {
    OPENING.set(ch.id);
    OPENING_LIMITS.set(limitsAskedFor(clientInfo));
    try {
      super.openConnection(ch, Map.of());
    } finally {
      OPENING.remove();
      OPENING_LIMITS.remove();
    }
  }

  /** The server's limits, with a lower time limit when the client's {@code query_timeout} property asks for one. */
  private JdbcEndpoint.Limits limitsAskedFor(Map<String, String> clientInfo) {
    String asked = clientInfo == null ? null : clientInfo.get("query_timeout");
    if (asked == null || !asked.strip().matches("\\d{1,9}") || Integer.parseInt(asked.strip()) == 0) {
      return limits;
    }
    int seconds = Math.min(Integer.parseInt(asked.strip()), limits.queryTimeoutSeconds());
    return new JdbcEndpoint.Limits(limits.maxRows(), seconds, limits.memoryLimit());
  }

  /** Rows of a frame: all rows (in frames) for 0 or less, never more than {@link #MAX_FRAME_ROWS}. */
  static int frameRows(long asked) {
    return asked <= 0 ? DEFAULT_FRAME_ROWS : (int) Math.min(asked, MAX_FRAME_ROWS);
  }

  @Override
  protected Connection createConnection(String url, Properties ignoredClientProperties) throws SQLException {
    Caller caller = CALLER.get();
    if (caller == null) {
      throw new SQLException("no authenticated caller");
    }
    JdbcEndpoint.Limits asked = OPENING_LIMITS.get();
    return ServingConnection.open(OPENING.get(), caller.user(), caller.file(), asked != null ? asked : limits);
  }

  /** Refuses a statement id that belongs to another client connection. */
  private void checkOwner(StatementHandle h) throws NoSuchStatementException {
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (info == null) {
      return;
    }
    try {
      Statement statement = (Statement) STATEMENT_FIELD.get(info);
      Connection c = statement == null ? null : statement.getConnection();
      ServingConnection serving = ServingConnection.of(c);
      boolean owned;
      if (serving != null) {
        owned = serving.connectionId.equals(h.connectionId);
      } else {
        ServingConnection mine = ServingConnection.of(getConnectionCache().getIfPresent(h.connectionId));
        owned = mine != null && c != null && mine.owns(c);
      }
      if (!owned) {
        throw new NoSuchStatementException(h);
      }
    } catch (IllegalAccessException | SQLException e) {
      throw new NoSuchStatementException(h);
    }
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.prepareAndExecute(h, sql, maxRowCount, frameRows(maxRowsInFirstFrame), callback);
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.prepareAndExecute(h, sql, maxRowCount, frameRows(maxRowCount), callback);
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException, MissingResultsException {
    checkOwner(h);
    try {
      return super.fetch(h, offset, frameRows(fetchMaxRowCount));
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount) throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.execute(h, parameterValues, frameRows(maxRowCount));
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame) throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.execute(h, parameterValues, frameRows(maxRowsInFirstFrame));
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public boolean syncResults(StatementHandle h, QueryState state, long offset) throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.syncResults(h, state, offset);
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    try {
      return super.prepare(ch, sql, maxRowCount);
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public void closeStatement(StatementHandle h) {
    try {
      checkOwner(h);
    } catch (NoSuchStatementException e) {
      return;
    }
    super.closeStatement(h);
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands) throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.prepareAndExecuteBatch(h, sqlCommands);
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues) throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.executeBatch(h, parameterValues);
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches)
      throws NoSuchStatementException {
    checkOwner(h);
    try {
      return super.executeBatchProtobuf(h, updateBatches);
    } catch (RuntimeException e) {
      throw ServingErrors.forClient(e);
    }
  }
}
