package dev.lakegate.cli;

import dev.lakegate.core.config.ApiConfig;
import dev.lakegate.core.config.AppClientSettings;
import dev.lakegate.core.config.ConfigLoader;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.server.tls.TlsIdentity;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate validate}: loads a configuration file with every rule of {@code contract.md} §1
 * and prints a short summary of what it configures (exit 0), or every problem, one per line with
 * file, line and key path, on standard error (exit 2). The TLS certificate and key the file names,
 * if any, must load and belong together, as {@code serve} needs them. It neither starts a server nor
 * touches the data directory.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Check a configuration file and summarize what it configures.",
        "Exit 0 when it is valid; exit 2 with every problem on standard error when it is not."})
public final class ValidateCommand implements Callable<Integer> {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Option(names = "--strict",
      description = "No placeholder defaults: every placeholder used needs a --context value, as for synth.")
  boolean strict;

  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec command = Objects.requireNonNull(spec, "spec");
    ConfigLoader loader = strict ? ConfigLoader.strict() : ConfigLoader.withDefaults();
    Optional<LakegateConfig> loaded = config.load(loader, command.commandLine().getErr());
    if (loaded.isEmpty()) {
      return Main.EXIT_USAGE;
    }
    Optional<String> tlsProblem = tlsProblem(loaded.get().standalone());
    if (tlsProblem.isPresent()) {
      PrintWriter err = command.commandLine().getErr();
      err.println(config.source() + " standalone.tls: " + tlsProblem.get());
      err.println("1 problem");
      err.flush();
      return Main.EXIT_USAGE;
    }
    PrintWriter out = command.commandLine().getOut();
    out.println(config.source() + ": valid");
    summary(loaded.get()).forEach((label, value) -> out.printf("  %-12s %s%n", label + ":", value));
    out.flush();
    return 0;
  }

  /** Why the configured TLS files cannot serve, if they cannot; empty without {@code standalone.tls}. */
  private static Optional<String> tlsProblem(StandaloneConfig standalone) {
    if (standalone.plainHttp() || standalone.tls().isEmpty()) {
      return Optional.empty();
    }
    StandaloneConfig.TlsFiles files = standalone.tls().get();
    try {
      TlsIdentity.fromPem(files.certificate(), files.privateKey());
      return Optional.empty();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** The lines of the summary, label to value, in the order printed. */
  static Map<String, String> summary(LakegateConfig config) {
    ApiConfig api = config.api();
    StandaloneConfig standalone = config.standalone();
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("bucket", api.targetBucketName() + (api.bucketIsSsmReference() ? " (SSM parameter)" : ""));
    lines.put("prefixes", api.targetPrefix() + "/ (objects), " + api.metadataTargetPrefix() + "/ (metadata)");
    lines.put("stage", api.stageName() + " (upload API at /" + api.stageName() + "/upload/, "
        + api.concurrencyLimit() + " requests in flight)");
    lines.put("clients", api.appClients().isEmpty() ? "none" : api.appClients().entrySet().stream()
        .map(e -> e.getKey() + " (" + lifetimes(e.getValue()) + ")").collect(Collectors.joining(", ")));
    lines.put("CIDRs", api.allowedCidrs().stream().map(Object::toString).collect(Collectors.joining(", ")));
    lines.put("parameters", api.requestParameters().isEmpty() ? "none configured" : api.requestParameters().entrySet()
        .stream().map(e -> e.getKey() + (e.getValue() ? " (required)" : " (optional)")).collect(Collectors.joining(", ")));
    lines.put("metadata", api.eventMetadataMappings().isEmpty() ? "no fields"
        : String.join(", ", api.eventMetadataMappings().keySet()));
    lines.put("lake", switch (standalone.lake()) {
      case StandaloneConfig.LocalLake local -> "local directory " + local.dir();
      case StandaloneConfig.S3Lake s3 -> "S3" + s3.region().map(r -> " in " + r).orElse("")
          + s3.endpoint().map(e -> " at " + e).orElse("");
    });
    lines.put("listen", standalone.listen().authority() + " (" + standalone.baseUrl() + ")");
    return lines;
  }

  private static String lifetimes(AppClientSettings settings) {
    return "access token " + settings.accessTokenValidityMinutes() + " min";
  }
}
