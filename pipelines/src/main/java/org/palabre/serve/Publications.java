package org.palabre.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.palabre.db.DuckDb;

/**
 * What {@code run} and {@code build} publish after a successful build: the audience files, always,
 * and the marts into PostgreSQL when {@code PALABRE_POSTGRES_URL} is set (the users are those of
 * {@code users.txt} beside the warehouse, the admin password from {@code PGPASSWORD} or
 * {@code ~/.pgpass}).
 */
public final class Publications {

  private Publications() {}

  public static void afterBuild(Path warehouse, PrintStream out) throws IOException, SQLException {
    afterBuild(warehouse, System.getenv(), out);
  }

  static void afterBuild(Path warehouse, Map<String, String> env, PrintStream out) throws IOException, SQLException {
    AudienceWarehouses.publish(warehouse, out);
    String url = env.get(PostgresTarget.URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return;
    }
    PostgresTarget target = PostgresTarget.parse(url, env);
    try {
      PostgresPublication.Result result = PostgresPublication.publish(warehouse, usersFile(warehouse), target, false, out);
      PostgresPublication.print(result, target, out);
    } catch (SQLException | RuntimeException e) {
      String why = e instanceof SQLException sql ? DuckDb.describe(sql) : e.getMessage();
      throw new IllegalStateException("the warehouse is built and published, but its publication into PostgreSQL (" + target + ", from "
          + PostgresTarget.URL_VARIABLE + ") failed: " + why + ". The marts published there before are unchanged; run palabre publish"
          + " once the cause is fixed", e);
    }
  }

  /** The users file of a warehouse: {@code users.txt} beside it, the default of serve and publish. */
  public static Path usersFile(Path warehouse) {
    return warehouse.toAbsolutePath().resolveSibling("users.txt");
  }
}
