package dev.lakegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lakegate} command: one entry point for the standalone server, the AWS synthesis, the
 * configuration check, client administration and the partner's upload tool.
 */
@Command(
    name = "lakegate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Authenticated, IP-restricted, programmatic uploads into a data lake.",
    subcommands = {CommandLine.HelpCommand.class, ServeCommand.class, TokenCommand.class, UploadCommand.class, ValidateCommand.class, SynthCommand.class,
        ClientsCommand.class, KeysCommand.class})
public final class Main {

  /** Exit code for a usage or configuration error. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, as {@code main} runs it; tests execute it in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }
}
