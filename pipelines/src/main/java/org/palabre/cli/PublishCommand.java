package org.palabre.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.palabre.serve.PostgresPublication;
import org.palabre.serve.PostgresTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palabre publish --postgres URL}: the marts into PostgreSQL, one login role per user, row-level security. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Publish the marts into a PostgreSQL database (schema marts, swapped in atomically) with one read-only login role per"
        + " user of --users and row-level security after each user's audience, for Excel, Power BI (psqlODBC), Metabase, Superset, psql.",
        "The admin's password comes from PGPASSWORD or ~/.pgpass. run and build publish by themselves when PALABRE_POSTGRES_URL is set."})
final class PublishCommand implements Callable<Integer> {

  @Option(names = "--postgres", paramLabel = "URL", description = "postgresql://ADMIN@HOST:PORT/DATABASE (default: $PALABRE_POSTGRES_URL)."
      + " The admin owns the database and may create roles.")
  String url;

  @Option(names = "--users", defaultValue = "warehouse/users.txt", description = "Users file written by palabre users add (default: ${DEFAULT-VALUE}).")
  Path users;

  @Option(names = "--force", description = "Load the marts even when this build is already published.")
  boolean force;

  @Mixin PublishedWarehouse published;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    String target = url != null ? url : env.get(PostgresTarget.URL_VARIABLE);
    if (target == null || target.isBlank()) {
      System.err.println("palabre: say where to publish: --postgres postgresql://ADMIN@HOST:PORT/DATABASE (or set " + PostgresTarget.URL_VARIABLE + ")");
      return 2;
    }
    if (published.missing()) {
      return 2;
    }
    PostgresTarget postgres = PostgresTarget.parse(target, env);
    PostgresPublication.print(PostgresPublication.publish(published.path, users, postgres, force, System.out), postgres, System.out);
    return 0;
  }
}
