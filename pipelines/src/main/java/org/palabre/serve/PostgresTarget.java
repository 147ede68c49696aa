package org.palabre.serve;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL database the marts are published into, as libpq users name it: a URI
 * {@code postgresql://[user[:password]@]host[:port][/database]} (or pgjdbc's
 * {@code jdbc:postgresql://...}). Like libpq, the user defaults to {@code PGUSER} then the
 * operating-system user, the database to {@code PGDATABASE} then the user, and the password comes
 * from the URI, else {@code PGPASSWORD}, else the password file ({@code PGPASSFILE} or
 * {@code ~/.pgpass}, read by pgjdbc itself). The password is never printed: {@link #toString()}
 * leaves it out.
 */
public final class PostgresTarget {

  /** The environment variable that makes {@code run} and {@code build} publish after a successful build. */
  public static final String URL_VARIABLE = "PALABRE_POSTGRES_URL";

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> parameters;

  private PostgresTarget(String host, int port, String database, String user, String password, Map<String, String> parameters) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.parameters = parameters;
  }

  /** Reads the URL; {@code env} is the process environment (PGUSER, PGDATABASE, PGPASSWORD). */
  public static PostgresTarget parse(String url, Map<String, String> env) {
    String text = url.strip();
    if (text.startsWith("jdbc:")) {
      text = text.substring("jdbc:".length());
    }
    if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
      throw new IllegalArgumentException("'" + redact(url) + "' is not a PostgreSQL URL: write postgresql://USER@HOST:PORT/DATABASE"
          + " (the password in PGPASSWORD or ~/.pgpass)");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + redact(url) + "' is not a valid URL: " + e.getReason());
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          parameters.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    user = first(user, parameters.remove("user"), env.get("PGUSER"), System.getProperty("user.name"));
    password = first(password, parameters.remove("password"), env.get("PGPASSWORD"));
    String host = uri.getHost() == null || uri.getHost().isEmpty() ? first(env.get("PGHOST"), "localhost") : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : Integer.parseInt(first(env.get("PGPORT"), "5432"));
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String database = first(path.isEmpty() ? null : path, env.get("PGDATABASE"), user);
    return new PostgresTarget(host, port, database, user, password, parameters);
  }

  public String user() {
    return user;
  }

  public String database() {
    return database;
  }

  /** A pgjdbc connection as the admin, auto-commit off. */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.putAll(parameters);
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.putIfAbsent("ApplicationName", "palabre publish");
    props.putIfAbsent("connectTimeout", "15");
    try {
      Connection c = DriverManager.getConnection(jdbcUrl(), props);
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw new SQLException("cannot connect to PostgreSQL at " + this + " as admin: " + e.getMessage()
          + (password == null ? " (no password given: set PGPASSWORD or add a line to ~/.pgpass)" : ""), e.getSQLState(), e);
    }
  }

  /** pgjdbc's URL of the database, without user or password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
  }

  /** The URL without its password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  /** The text of a URL with any password replaced by stars, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
