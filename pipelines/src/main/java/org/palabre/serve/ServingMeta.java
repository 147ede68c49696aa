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
 * dropped, so no client can ask for a writable database), and a statement can be used only
 * through the client connection that created it (Avatica's statement ids are small integers).
 */
final class ServingMeta extends JdbcMeta {

  /** Who is making the current request; set by {@link Gatekeeper} for the request's thread. */
  record Caller(String user, PublishedFile file) {}

  static final ThreadLocal<Caller> CALLER = new ThreadLocal<>();
  private static final ThreadLocal<String> OPENING = new ThreadLocal<>();
  private static final Field STATEMENT_FIELD;

  static {
    try {
      STATEMENT_FIELD = StatementInfo.class.getDeclaredField("statement");
      STATEMENT_FIELD.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  ServingMeta() throws SQLException {
    super("jdbc:palabre-endpoint:", new Properties());
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> clientInfo) {
    OPENING.set(ch.id);
    try {
      super.openConnection(ch, Map.of());
    } finally {
      OPENING.remove();
    }
  }

  @Override
  protected Connection createConnection(String url, Properties ignoredClientProperties) throws SQLException {
    Caller caller = CALLER.get();
    if (caller == null) {
      throw new SQLException("no authenticated caller");
    }
    return ServingConnection.open(OPENING.get(), caller.user(), caller.file());
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
    return super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    checkOwner(h);
    return super.prepareAndExecute(h, sql, maxRowCount, callback);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException, MissingResultsException {
    checkOwner(h);
    return super.fetch(h, offset, fetchMaxRowCount);
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount) throws NoSuchStatementException {
    checkOwner(h);
    return super.execute(h, parameterValues, maxRowCount);
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame) throws NoSuchStatementException {
    checkOwner(h);
    return super.execute(h, parameterValues, maxRowsInFirstFrame);
  }

  @Override
  public boolean syncResults(StatementHandle h, QueryState state, long offset) throws NoSuchStatementException {
    checkOwner(h);
    return super.syncResults(h, state, offset);
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
    return super.prepareAndExecuteBatch(h, sqlCommands);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues) throws NoSuchStatementException {
    checkOwner(h);
    return super.executeBatch(h, parameterValues);
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches)
      throws NoSuchStatementException {
    checkOwner(h);
    return super.executeBatchProtobuf(h, updateBatches);
  }
}
