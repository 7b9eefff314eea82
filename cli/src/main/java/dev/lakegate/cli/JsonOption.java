package dev.lakegate.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the operator commands that print what they show or change (a
 * table or lines for people by default): add it with {@code @Mixin JsonOption output} and ask
 * {@link #json()}.
 */
public final class JsonOption {

  @Option(names = "--json", description = "Print JSON.")
  private boolean json;

  /** Whether the command prints JSON instead of text for people. */
  boolean json() {
    return json;
  }
}
