package dev.lakegate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of a command with a given environment: exit code, stdout and stderr. */
record CommandRun(int exitCode, String out, String err) {

  static CommandRun upload(Map<String, String> environment, String... args) {
    return of(new UploadCommand(environment), args);
  }

  static CommandRun token(Map<String, String> environment, String... args) {
    return of(new TokenCommand(environment), args);
  }

  /** Runs any command object with its output captured. */
  static CommandRun of(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }
}
