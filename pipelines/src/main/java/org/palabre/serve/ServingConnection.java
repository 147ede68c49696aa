package org.palabre.serve;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection the endpoint hands to Avatica for one client connection: a
 * {@link java.sql.Connection} whose statements always run on the audience's file as it is
 * published when they execute.
 *
 * <p>Each statement sits on a lease of one version of the file. When a statement is executed
 * again after a rebuild, it is re-created on the new version (prepared statements are prepared
 * again and get their parameters and settings back), so clients see the new data with no error
 * and no reconnect; a result set being fetched finishes on the version it started on.
 *
 * <p>It also fixes a mismatch between DuckDB and Avatica: DuckDB reports an update count of -1
 * for statements that return no rows (SET, DDL, BEGIN), which Avatica takes for a result set
 * and fails on; here such a statement reports 0.
 *
 * <p>And it holds the endpoint's rules for each statement: queries only ({@link QueryGuard}),
 * results as Avatica carries them with the row limit ({@link ServedResults}), and the time limit:
 * a query running longer than the limit is interrupted, and a statement closed while its query
 * runs (a client's close, or its connection's) interrupts it at once. The connection stays
 * read-only: {@code setReadOnly} is accepted and changes nothing, and {@code isReadOnly} is true.
 */
final class ServingConnection implements InvocationHandler {

  /** A connection to one version of the file, shared by the statements created on it. */
  private final class Lease {
    final PublishedFile.Version version;
    final Connection connection;
    int statements;
    boolean superseded;

    Lease(PublishedFile.Version version) throws SQLException {
      this.version = version;
      this.connection = version.connect();
      for (Call call : connectionSettings) {
        call.applyTo(connection);
      }
    }

    void releaseStatement() {
      statements--;
      releaseIfDone();
    }

    void releaseIfDone() {
      if (superseded && statements == 0) {
        version.release(connection);
      }
    }
  }

  /** A recorded setter call, replayed on a new version. */
  private record Call(Method method, Object[] args) {
    void applyTo(Object target) throws SQLException {
      invoke(method, target, args);
    }
  }

  final String connectionId;
  final String user;
  private final PublishedFile file;
  private final JdbcEndpoint.Limits limits;
  private final java.util.Set<ServingStatement> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Call> connectionSettings = new ArrayList<>();
  private final List<Lease> leases = new ArrayList<>();
  private Lease current;
  private boolean closed;
  private Connection proxy;

  private ServingConnection(String connectionId, String user, PublishedFile file, JdbcEndpoint.Limits limits) {
    this.connectionId = connectionId;
    this.user = user;
    this.file = file;
    this.limits = limits;
  }

  static Connection open(String connectionId, String user, PublishedFile file, JdbcEndpoint.Limits limits) throws SQLException {
    ServingConnection handler = new ServingConnection(connectionId, user, file, limits);
    handler.proxy = (Connection) Proxy.newProxyInstance(ServingConnection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    handler.lease();
    return handler.proxy;
  }

  /** The handler behind a connection the endpoint opened, or null for any other connection. */
  static ServingConnection of(Connection c) {
    if (c != null && Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof ServingConnection s) {
      return s;
    }
    return null;
  }

  /** True when the raw DuckDB connection is one this client connection leased (for metadata result sets). */
  synchronized boolean owns(Connection raw) {
    return leases.stream().anyMatch(l -> l.connection == raw);
  }

  /** The lease on the version published now, taken when the file was swapped. */
  private synchronized Lease lease() throws SQLException {
    if (closed) {
      throw new SQLException("connection closed");
    }
    PublishedFile.Version version = file.current();
    if (current == null || current.version != version) {
      Lease next = new Lease(version);
      leases.add(next);
      if (current != null) {
        current.superseded = true;
        if (current.statements == 0) {
          leases.remove(current);
          current.releaseIfDone();
        }
      }
      current = next;
    }
    return current;
  }

  private synchronized void drop(Lease lease) {
    lease.releaseStatement();
    if (lease.superseded && lease.statements == 0) {
      leases.remove(lease);
    }
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "close" -> {
        close();
        return null;
      }
      case "isClosed" -> {
        return closed;
      }
      case "isWrapperFor" -> {
        return false;
      }
      case "unwrap" -> throw new SQLFeatureNotSupportedException("the endpoint's connections wrap nothing");
      case "setReadOnly" -> {
        return null;
      }
      case "isReadOnly" -> {
        return true;
      }
      case "prepareCall", "createArrayOf", "createStruct", "createBlob", "createClob", "createNClob", "createSQLXML",
          "setSavepoint", "releaseSavepoint" -> throw new SQLFeatureNotSupportedException(name + " is not available on the read-only endpoint");
      case "hashCode" -> {
        return System.identityHashCode(self);
      }
      case "equals" -> {
        return self == args[0];
      }
      case "toString" -> {
        return "palabre endpoint connection " + connectionId;
      }
      default -> { }
    }
    if (name.equals("createStatement") || name.equals("prepareStatement")) {
      return ServingStatement.create(this, method, args);
    }
    Lease lease = lease();
    if (name.startsWith("set")) {
      synchronized (this) {
        connectionSettings.add(new Call(method, args));
      }
    }
    return invoke(method, lease.connection, args);
  }

  private void close() {
    for (ServingStatement statement : running) {
      statement.interrupt();
    }
    release();
  }

  private synchronized void release() {
    if (closed) {
      return;
    }
    closed = true;
    for (Lease lease : leases) {
      lease.superseded = true;
      lease.statements = 0;
      lease.releaseIfDone();
    }
    leases.clear();
  }

  static Object invoke(Method method, Object target, Object[] args) throws SQLException {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SQLException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A statement that follows the published version; created through the connection's proxy. */
  static final class ServingStatement implements InvocationHandler {
    private final ServingConnection connection;
    private final Method factory;
    private final Object[] factoryArgs;
    private final List<Call> settings = new ArrayList<>();
    private Lease lease;
    private Statement delegate;
    private boolean noResultSet;
    private volatile boolean interrupted;

    private ServingStatement(ServingConnection connection, Method factory, Object[] factoryArgs) {
      this.connection = connection;
      this.factory = factory;
      this.factoryArgs = factoryArgs;
    }

    static Object create(ServingConnection connection, Method factory, Object[] args) throws SQLException {
      ServingStatement handler = new ServingStatement(connection, factory, args);
      if (factory.getName().equals("prepareStatement")) {
        QueryGuard.check(connection.lease().connection, (String) args[0]);
      }
      handler.follow();
      Class<?> type = factory.getName().equals("prepareStatement") ? PreparedStatement.class : Statement.class;
      return Proxy.newProxyInstance(ServingConnection.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** Moves the statement to the version published now, when it changed. */
    private void follow() throws SQLException {
      Lease now = connection.lease();
      if (now == lease) {
        return;
      }
      Statement next;
      synchronized (connection) {
        next = (Statement) ServingConnection.invoke(factory, now.connection, factoryArgs);
        now.statements++;
      }
      for (Call call : settings) {
        call.applyTo(next);
      }
      if (delegate != null) {
        try {
          delegate.close();
        } catch (SQLException ignored) {
          // the old version's statement
        }
        connection.drop(lease);
      }
      lease = now;
      delegate = next;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "getConnection" -> {
          return connection.proxy;
        }
        case "close" -> {
          interrupt();
          if (delegate != null) {
            try {
              delegate.close();
            } finally {
              connection.drop(lease);
              delegate = null;
            }
          }
          return null;
        }
        case "isClosed" -> {
          return delegate == null || delegate.isClosed();
        }
        case "isWrapperFor" -> {
          return false;
        }
        case "unwrap" -> throw new SQLFeatureNotSupportedException("the endpoint's statements wrap nothing");
        case "hashCode" -> {
          return System.identityHashCode(self);
        }
        case "equals" -> {
          return self == args[0];
        }
        case "toString" -> {
          return "palabre endpoint statement on " + connection.connectionId;
        }
        case "getUpdateCount", "getLargeUpdateCount" -> {
          Object count = ServingConnection.invoke(method, delegate, args);
          if (noResultSet && ((Number) count).longValue() == -1) {
            return name.equals("getUpdateCount") ? (Object) 0 : (Object) 0L;
          }
          return count;
        }
        default -> { }
      }
      if (delegate == null) {
        throw new SQLException("statement closed");
      }
      if (name.startsWith("execute") || name.equals("addBatch")) {
        follow();
        if (args != null && args.length >= 1 && args[0] instanceof String sql) {
          QueryGuard.check(lease.connection, sql);
        }
        Object result = run(method, args);
        noResultSet = name.equals("execute") && Boolean.FALSE.equals(result);
        return result instanceof ResultSet rs ? ServedResults.wrap(rs, connection.limits.maxRows()) : result;
      }
      if (name.equals("getResultSet")) {
        return ServedResults.wrap((ResultSet) ServingConnection.invoke(method, delegate, args), connection.limits.maxRows());
      }
      if (name.equals("getMetaData")) {
        return ServedResults.wrap((java.sql.ResultSetMetaData) ServingConnection.invoke(method, delegate, args));
      }
      if (name.equals("setQueryTimeout") || name.equals("cancel")) {
        // the server's time limit holds whatever the client sets; a cancel interrupts the query
        if (name.equals("cancel")) {
          interrupt();
        }
        return null;
      }
      if (name.equals("getMoreResults")) {
        noResultSet = false;
      }
      if (name.startsWith("set")) {
        settings.add(new Call(method, args));
      } else if (name.equals("clearParameters")) {
        settings.removeIf(c -> c.method().getDeclaringClass() == PreparedStatement.class);
      }
      return ServingConnection.invoke(method, delegate, args);
    }

    /** Executes within the time limit; a query interrupted by it or by a close fails with one line saying which. */
    private Object run(Method method, Object[] args) throws SQLException {
      int seconds = connection.limits.queryTimeoutSeconds();
      delegate.setQueryTimeout(seconds);
      interrupted = false;
      connection.running.add(this);
      long t0 = System.nanoTime();
      try {
        return ServingConnection.invoke(method, delegate, args);
      } catch (SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("INTERRUPT") || message.contains("Interrupted")) {
          if (interrupted) {
            throw new SQLException("the query was cancelled: its statement was closed while it ran", "57014", e);
          }
          if ((System.nanoTime() - t0) / 1e9 >= seconds - 0.5) {
            throw new SQLException("the query ran longer than " + seconds + " s, the endpoint's time limit per query: filter or"
                + " aggregate it, or read the marts from PostgreSQL (palabre publish)", "57014", e);
          }
        }
        throw e;
      } finally {
        connection.running.remove(this);
      }
    }

    /** Stops the query this statement runs, if any (DuckDB interrupts its connection's running query). */
    void interrupt() {
      Statement running = delegate;
      if (running != null && connection.running.contains(this)) {
        interrupted = true;
        try {
          running.cancel();
        } catch (SQLException ignored) {
          // finished meanwhile
        }
      }
    }
  }
}
