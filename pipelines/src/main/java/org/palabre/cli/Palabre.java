package org.palabre.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code palabre} command line: member files in, the network's indicators out. One class per
 * subcommand; {@code ./palabre} at the repository root builds the jar when needed and runs this.
 */
@Command(
    name = "palabre",
    mixinStandardHelpOptions = true,
    version = "palabre 0.1.0",
    description = "Data-integration and indicators warehouse of the network: member files -> Parquet lake -> DuckDB warehouse.",
    subcommands = {RunCommand.class, IngestCommand.class, BuildCommand.class, QueryCommand.class, ExplainCommand.class,
        DocsCommand.class, ServeCommand.class, PublishCommand.class, UsersCommand.class, ExportCommand.class, ReportCommand.class,
        BenchServeCommand.class, GenerateCommand.class, BenchCommand.class, WithdrawCommand.class})
public final class Palabre implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Palabre's error handling: messages for people, no stack traces. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Palabre());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("palabre: " + Messages.describe(e));
          if (Boolean.getBoolean("palabre.debug")) {
            e.printStackTrace(commandLine.getErr());
          } else {
            commandLine.getErr().println("(run with JAVA_OPTS=-Dpalabre.debug=true for the stack trace)");
          }
          return 1;
        });
    return cli;
  }
}
