package dev.lakegate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.TerminalProgress;
import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import dev.lakegate.client.UploadListener;
import dev.lakegate.client.UploadOutcome;
import dev.lakegate.client.UploadResult;
import dev.lakegate.client.UploadSettings;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lakegate upload}: uploads files and directories through the upload API ({@code
 * contract.md} §4) with the {@link LakegateClient}, against the standalone server or the AWS
 * deployment alike. One result line per file (or one JSON object with {@code --json}), a progress
 * bar on stderr when it is a terminal. Exit code 0 when every file arrived, 1 when some failed, 2
 * for a usage or configuration error, wrong credentials included.
 */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = "Upload files and directories (recursively) into the lake.")
public final class UploadCommand implements Callable<Integer> {
  private static final int EXIT_SOME_FAILED = 1;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files, and directories to upload recursively.")
  List<Path> paths = List.of();

  @Option(names = "--api", required = true, paramLabel = "URL",
      description = "The stage's upload base, e.g. https://host:8443/prod/upload.")
  @Nullable URI api;

  @Mixin TokenCommand.Credentials credentials = new TokenCommand.Credentials();

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + UploadSettings.DEFAULT_PARALLELISM,
      description = "Transfers in flight at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--part-size", paramLabel = "SIZE", converter = ByteSize.class,
      defaultValue = "" + UploadSettings.DEFAULT_PART_SIZE,
      description = "Multipart part size, e.g. 16MiB (at least 5MiB; grown for huge files). Default 32MiB.")
  long partSize;

  @Option(names = "--single-put-threshold", paramLabel = "SIZE", converter = ByteSize.class,
      defaultValue = "" + UploadSettings.DEFAULT_SINGLE_PUT_THRESHOLD,
      description = "Files up to this size go in one PUT (default 32MiB).")
  long threshold;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "Extra query parameter for every API call (the deployment's requestParameters); repeatable.")
  Map<String, String> parameters = Map.of();

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where resume journals of unfinished multipart uploads live (default: ~/.local/state/lakegate/uploads).")
  @Nullable Path stateDirectory;

  @Option(names = "--json", description = "One JSON object per file on stdout: path, uuid, bytes, etag, seconds.")
  boolean json;

  @Spec @Nullable CommandSpec spec;

  private final Map<String, String> environment;
  private final ObjectMapper mapper = new ObjectMapper();

  public UploadCommand() {
    this(System.getenv());
  }

  UploadCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter err = Objects.requireNonNull(spec).commandLine().getErr();
    LakegateClient client;
    List<Path> files;
    try {
      UploadSettings settings = new UploadSettings(threshold, partSize, parallel, UploadSettings.defaults().retry(),
          stateDirectory != null ? stateDirectory : UploadSettings.defaultStateDirectory());
      client = credentials.builder(environment)
          .apiUrl(Objects.requireNonNull(api))
          .queryParameters(parameters)
          .settings(settings)
          .build();
      files = LakegateClient.expand(paths);
    } catch (TokenCommand.UsageProblem | IllegalArgumentException | IOException e) {
      err.println("lakegate upload: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    try (client) {
      client.checkCredentials();
      return report(upload(client, files));
    } catch (UploadException e) {
      err.println("lakegate upload: " + e.getMessage());
      return e.failure() instanceof UploadFailure.CredentialsRefused
          || e.failure() instanceof UploadFailure.UntrustedServer
          || e.failure() instanceof UploadFailure.Rejected ? Main.EXIT_USAGE : EXIT_SOME_FAILED;
    } catch (IOException e) {
      err.println("lakegate upload: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
  }

  @SuppressWarnings("ClosingStandardOutputStreams") // closing the progress bar ends its line; System.err stays open
  private List<UploadOutcome> upload(LakegateClient client, List<Path> files) throws IOException {
    if (json || !stderrIsTerminal()) {
      return client.uploadAll(files, UploadListener.NONE);
    }
    long total = 0;
    for (Path file : files) {
      total += Files.isRegularFile(file) ? Files.size(file) : 0;
    }
    try (TerminalProgress progress = new TerminalProgress(total, System.err)) {
      return client.uploadAll(files, progress);
    }
  }

  private int report(List<UploadOutcome> outcomes) throws IOException {
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    for (UploadOutcome outcome : outcomes) {
      switch (outcome) {
        case UploadOutcome.Uploaded(UploadResult r) -> out.println(json ? jsonLine(r) : String.format(Locale.ROOT,
            "%s  %s  %d bytes  etag %s  %.1f s", r.source(), r.uuid(), r.bytes(), r.etag(), seconds(r)));
        case UploadOutcome.Failed(String source, UploadException error) -> {
          failed++;
          if (json) {
            ObjectNode line = mapper.createObjectNode().put("path", source).put("error", error.getMessage());
            out.println(mapper.writeValueAsString(line));
          }
          err.println("lakegate upload: " + source + ": " + error.getMessage());
        }
      }
    }
    out.flush();
    return failed == 0 ? 0 : EXIT_SOME_FAILED;
  }

  private String jsonLine(UploadResult r) throws IOException {
    ObjectNode line = mapper.createObjectNode()
        .put("path", r.source()).put("uuid", r.uuid()).put("bytes", r.bytes()).put("etag", r.etag())
        .put("seconds", Math.round(seconds(r) * 1000) / 1000.0);
    return mapper.writeValueAsString(line);
  }

  private static double seconds(UploadResult r) {
    return r.elapsed().toNanos() / 1e9;
  }

  /**
   * Whether a person watches: a console exists and, on runtimes that can tell (22+), it is a
   * terminal. Looked up reflectively because the project compiles for Java 21.
   */
  @SuppressWarnings("SystemConsoleNull") // on Java 21, the release compiled for, System.console() is null without a terminal
  private static boolean stderrIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Sizes such as {@code 16MiB}, {@code 1GiB}, {@code 8M} or plain bytes. */
  static final class ByteSize implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(i?B)?", Pattern.CASE_INSENSITIVE);

    @Override
    public Long convert(String value) {
      Matcher m = SIZE.matcher(value.strip());
      if (!m.matches()) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a size (e.g. 16MiB, 1GiB, 8388608)");
      }
      int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
        case "K" -> 10;
        case "M" -> 20;
        case "G" -> 30;
        case "T" -> 40;
        default -> 0;
      };
      try {
        return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
      } catch (ArithmeticException | NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is too large");
      }
    }
  }
}
