package org.palabre.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL roles of the readers, made from the users file at every publication:
 * <ul>
 *   <li>{@code palabre_network}, a group that reads every mart;</li>
 *   <li>{@code palabre_members}, the group of the member groups, which reads the marts a member
 *       may read, and one group {@code palabre_member_<code>} per member, named in that member's
 *       row-level-security policies;</li>
 *   <li>one LOGIN role per user of the users file, in its audience's group, with the
 *       SCRAM-SHA-256 verifier derived from its stored hash ({@link ScramVerifier}), read-only
 *       transactions by default and a statement time limit. Roles of users removed from the file
 *       are dropped. A role is recognised as Palabre's by its comment: an existing role that is not
 *       one (an administrator, another application's user) is never touched.</li>
 * </ul>
 * Readers get SELECT and nothing else; the database's TEMPORARY and {@code public}'s CREATE are
 * taken from PUBLIC, so that no reader can create anything (the admin owns the database).
 */
final class PostgresRoles {

  static final String NETWORK = "palabre_network";
  static final String MEMBERS = "palabre_members";
  static final String MEMBER_PREFIX = "palabre_member_";
  static final String READER_COMMENT = "Palabre reader, managed by palabre publish from the users file";
  /** What a reader's statement may take, and how long a transaction may stay idle. */
  static final String STATEMENT_TIMEOUT = "10min";
  static final String IDLE_IN_TRANSACTION_TIMEOUT = "15min";

  /** What the sync did. */
  record Sync(List<String> created, List<String> updated, List<String> dropped, List<String> notes) {}

  private PostgresRoles() {}

  static String memberGroup(String memberCode) {
    return MEMBER_PREFIX + memberCode;
  }

  /** The groups, the readers' schema privileges and the database's hardening. */
  static void ensureGroups(Connection pg, List<String> members) throws SQLException {
    Set<String> existing = roles(pg).keySet();
    try (Statement st = pg.createStatement()) {
      for (String group : List.of(NETWORK, MEMBERS)) {
        if (!existing.contains(group)) {
          st.execute("create role " + q(group) + " nologin");
        }
      }
      st.execute("comment on role " + q(NETWORK) + " is 'Palabre: reads every mart (audience network)'");
      st.execute("comment on role " + q(MEMBERS) + " is 'Palabre: the member groups; reads the marts a member may read, rows by policy'");
      for (String member : members) {
        String group = memberGroup(member);
        if (!existing.contains(group)) {
          st.execute("create role " + q(group) + " nologin in role " + q(MEMBERS));
        }
      }
      st.execute("revoke temporary on database " + q(pg.getCatalog()) + " from public");
      st.execute("revoke create on schema public from public");
      st.execute("create schema if not exists palabre");
      st.execute("comment on schema palabre is 'Palabre: what was published and when (palabre.build_info)'");
      st.execute("grant usage on schema palabre to " + q(NETWORK) + ", " + q(MEMBERS));
    }
  }

  /** Creates, updates and drops the login roles so that they are the users of the file. */
  static Sync syncUsers(Connection pg, List<UserDirectory.User> users, Set<String> members) throws SQLException {
    Map<String, String> existing = roles(pg);
    String admin = pg.getMetaData().getUserName();
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> wanted = new HashSet<>();
    for (UserDirectory.User user : users) {
      String name = user.name();
      String group = user.audience().equals(AudienceWarehouses.NETWORK) ? NETWORK
          : members.contains(user.audience()) ? memberGroup(user.audience()) : null;
      if (group == null) {
        notes.add("user " + name + ": audience '" + user.audience() + "' is neither network nor a member of schemas/codes/members.csv: no PostgreSQL role");
        continue;
      }
      if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63 || name.startsWith("pg_") || name.startsWith("palabre_")
          || name.equals(admin)) {
        notes.add("user " + name + ": not a possible PostgreSQL reader name (at most 63 bytes, not pg_* or palabre_*, not the admin): no role");
        continue;
      }
      if (existing.containsKey(name) && !READER_COMMENT.equals(existing.get(name))) {
        notes.add("user " + name + ": PostgreSQL already has a role of that name that Palabre did not make: left alone, no login for"
            + " this user (rename the user, or drop that role)");
        continue;
      }
      wanted.add(name);
      String verifier = ScramVerifier.of(user);
      try (Statement st = pg.createStatement()) {
        String attributes = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit password " + literal(verifier);
        if (existing.containsKey(name)) {
          st.execute("alter role " + q(name) + " with" + attributes);
          updated.add(name);
        } else {
          st.execute("create role " + q(name) + " with" + attributes);
          created.add(name);
        }
        st.execute("comment on role " + q(name) + " is " + literal(READER_COMMENT));
        st.execute("alter role " + q(name) + " set default_transaction_read_only = on");
        st.execute("alter role " + q(name) + " set statement_timeout = " + literal(STATEMENT_TIMEOUT));
        st.execute("alter role " + q(name) + " set idle_in_transaction_session_timeout = " + literal(IDLE_IN_TRANSACTION_TIMEOUT));
        for (String other : groupsOf(pg, name)) {
          if (other.startsWith("palabre_") && !other.equals(group)) {
            st.execute("revoke " + q(other) + " from " + q(name));
          }
        }
        st.execute("grant " + q(group) + " to " + q(name));
      }
    }
    for (var role : existing.entrySet()) {
      if (READER_COMMENT.equals(role.getValue()) && !wanted.contains(role.getKey())) {
        try (Statement st = pg.createStatement()) {
          st.execute("drop role " + q(role.getKey()));
        }
        dropped.add(role.getKey());
      }
    }
    return new Sync(created, updated, dropped, notes);
  }

  /** Role name -> its comment (null when none). */
  private static Map<String, String> roles(Connection pg) throws SQLException {
    Map<String, String> roles = new HashMap<>();
    try (Statement st = pg.createStatement();
        ResultSet rs = st.executeQuery("select rolname, shobj_description(oid, 'pg_authid') from pg_roles")) {
      while (rs.next()) {
        roles.put(rs.getString(1), rs.getString(2));
      }
    }
    return roles;
  }

  private static List<String> groupsOf(Connection pg, String role) throws SQLException {
    List<String> groups = new ArrayList<>();
    try (PreparedStatement ps = pg.prepareStatement("select g.rolname from pg_auth_members m join pg_roles g on g.oid = m.roleid"
        + " join pg_roles r on r.oid = m.member where r.rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          groups.add(rs.getString(1));
        }
      }
    }
    return groups;
  }

  static String q(String identifier) {
    return PostgresColumn.quote(identifier);
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
