package org.palabre.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.palabre.codes.SchemaFiles;
import org.palabre.serve.AudienceWarehouses;
import org.palabre.serve.UserDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code palabre users add|remove|list}: the users of the JDBC endpoint, with salted password hashes. */
@Command(name = "users", mixinStandardHelpOptions = true,
    description = "Manage the users of palabre serve: each has a password (stored as a salted PBKDF2 hash) and an audience.",
    subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class UsersFile {
    @Option(names = "--users", defaultValue = "warehouse/users.txt", description = "Users file (default: ${DEFAULT-VALUE}).")
    Path file;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a user, or change its audience and password. The password is asked twice on a terminal, else read"
          + " from the first line of standard input (echo ... | palabre users add ...). Never give it as an argument.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Option(names = "--audience", required = true, description = "network (every member's marts) or a member code of"
        + " schemas/codes/members.csv (its own rows and network totals).")
    String audience;

    @picocli.CommandLine.Mixin UsersFile users;

    @Override
    public Integer call() throws Exception {
      Set<String> known = audiences();
      if (!known.contains(audience)) {
        System.err.println("palabre: unknown audience '" + audience + "': network or one of " + known);
        return 2;
      }
      char[] password = readPassword();
      if (password == null) {
        System.err.println("palabre: no password given");
        return 2;
      }
      try {
        new UserDirectory(users.file).put(name, audience, password);
      } finally {
        UserDirectory.wipe(password);
      }
      System.out.println("User " + name + " (audience " + audience + ") saved in " + users.file);
      return 0;
    }

    private static char[] readPassword() throws Exception {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Password again: ");
        if (first == null || !Arrays.equals(first, again)) {
          UserDirectory.wipe(first);
          UserDirectory.wipe(again);
          throw new IllegalArgumentException("the two passwords differ");
        }
        UserDirectory.wipe(again);
        return first;
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null || line.isEmpty() ? null : line.toCharArray();
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @picocli.CommandLine.Mixin UsersFile users;

    @Override
    public Integer call() throws Exception {
      if (!new UserDirectory(users.file).remove(name)) {
        System.err.println("palabre: no user " + name + " in " + users.file);
        return 2;
      }
      System.out.println("User " + name + " removed");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their audiences.")
  static final class ListUsers implements Callable<Integer> {
    @picocli.CommandLine.Mixin UsersFile users;

    @Override
    public Integer call() throws Exception {
      for (UserDirectory.User u : new UserDirectory(users.file).list()) {
        System.out.println(u.name() + "\t" + u.audience());
      }
      return 0;
    }
  }

  /** network and the member codes of schemas/codes/members.csv. */
  static Set<String> audiences() throws Exception {
    Set<String> audiences = new TreeSet<>();
    audiences.add(AudienceWarehouses.NETWORK);
    SchemaFiles.readCsv("codes/members.csv").forEach(row -> audiences.add(row.get("member_code")));
    return audiences;
  }
}
