package org.palabre.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL URL as libpq users write it, the password never printed, and the passwords SCRAM would not accept as stored. */
class PostgresTargetTest {

  @TempDir Path dir;

  @Test
  void aLibpqUrlGivesHostPortDatabaseAndUserAndNeverPrintsThePassword() {
    PostgresTarget t = PostgresTarget.parse("postgresql://admin:s%3Acret@db.example.org:6432/indicators?sslmode=require", Map.of());
    assertEquals("postgresql://admin@db.example.org:6432/indicators", t.toString());
    assertEquals("jdbc:postgresql://db.example.org:6432/indicators", t.jdbcUrl());
    assertEquals("admin", t.user());
    PostgresTarget defaults = PostgresTarget.parse("postgres://db", Map.of("PGUSER", "palabre", "PGPASSWORD", "x"));
    assertEquals("postgresql://palabre@db:5432/palabre", defaults.toString());
    PostgresTarget jdbc = PostgresTarget.parse("jdbc:postgresql://127.0.0.1:5433/w?user=ops", Map.of("PGDATABASE", "other"));
    assertEquals("postgresql://ops@127.0.0.1:5433/w", jdbc.toString());
    IllegalArgumentException notPostgres = assertThrows(IllegalArgumentException.class,
        () -> PostgresTarget.parse("mysql://root:hunter2@db/x", Map.of()));
    assertFalse(notPostgres.getMessage().contains("hunter2"), notPostgres.getMessage());
    assertEquals("postgresql://root:***@db/x?password=***", PostgresTarget.redact("postgresql://root:hunter2@db/x?password=hunter2"));
  }

  @Test
  void usersAddRefusesPasswordsThatSaslprepWouldChange() throws Exception {
    UserDirectory users = new UserDirectory(dir.resolve("users.txt"));
    users.put("amina", "network", "mot-de-passe-été".toCharArray());
    for (String changed : new String[] {"pass\u00A0word-123", "soft\u00ADhyphen-1", "ｆｕｌｌｗｉｄｔｈ-pw", "liga\uFB01ture-pw"}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> users.put("x", "network", changed.toCharArray()));
      assertTrue(refused.getMessage().contains("PostgreSQL's logins normalise"), refused.getMessage());
    }
    assertTrue(ScramVerifier.of(users.find("amina").orElseThrow()).matches("SCRAM-SHA-256\\$210000:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}"));
  }
}
