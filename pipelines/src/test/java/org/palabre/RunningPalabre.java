package org.palabre;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.palabre.cli.Palabre;
import org.palabre.lake.Lake;
import picocli.CommandLine;

/** The {@code palabre} command as the tests run it: in this JVM with its output captured, or in a child JVM. */
public final class RunningPalabre {

  /** What a command did: its exit code and everything it printed (standard output and errors). */
  public record Outcome(int exit, String output) {}

  private RunningPalabre() {}

  /** Runs a command in this JVM, capturing what it prints on both streams. */
  public static Outcome inProcess(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter cliErr = new StringWriter();
    int exit;
    try {
      PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
      System.setOut(both);
      System.setErr(both);
      CommandLine cli = Palabre.commandLine();
      cli.setErr(new PrintWriter(cliErr, true));
      exit = cli.execute(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    return new Outcome(exit, captured.toString(StandardCharsets.UTF_8) + cliErr);
  }

  /**
   * Runs a command in a child JVM (the test's class path) and, when {@code killAt} is not null,
   * kills it with SIGKILL as soon as it prints a line containing it: no shutdown hook, no finally
   * block runs. Returns whether it was killed. The child's temporary folder is its own, removed once
   * it ended: DuckDB's driver unpacks its 60 MB native library there (from the Maven repository's
   * jar, which tests use), and a killed JVM never removes its copy.
   */
  public static boolean killedAt(String killAt, String... args) throws Exception {
    Path tmp = Files.createTempDirectory("palabre-child-");
    try {
      return killedAt(tmp, killAt, args);
    } finally {
      Lake.deleteTree(tmp);
    }
  }

  private static boolean killedAt(Path tmp, String killAt, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        "org.palabre.cli.Palabre"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean killed = false;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.append(line).append('\n');
        if (killAt != null && line.contains(killAt)) {
          process.destroyForcibly();
          killed = true;
          break;
        }
      }
    }
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM ended");
    assertTrue(killed || killAt != null || process.exitValue() == 0, output.toString());
    return killed;
  }
}
