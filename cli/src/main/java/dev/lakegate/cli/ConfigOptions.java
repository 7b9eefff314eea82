package dev.lakegate.cli;

import dev.lakegate.core.config.ConfigException;
import dev.lakegate.core.config.ConfigLoader;
import dev.lakegate.core.config.ConfigProblem;
import dev.lakegate.core.config.LakegateConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --config FILE} and {@code --context KEY=VALUE} options, for any command that reads the
 * configuration file ({@code contract.md} §1): add it with {@code @Mixin ConfigOptions config;} and
 * call {@link #load(ConfigLoader)}. Without {@code --config} the embedded default ({@code
 * examples/standalone.yaml}) is used. Problems are printed to the command's error stream, one per
 * line, and the caller returns {@link Main#EXIT_USAGE}.
 *
 * <pre>{@code
 * Optional<LakegateConfig> loaded = config.load(ConfigLoader.withDefaults());
 * if (loaded.isEmpty()) {
 *   return Main.EXIT_USAGE;
 * }
 * }</pre>
 */
public final class ConfigOptions {

  /** The classpath resource holding the embedded default configuration. */
  public static final String EMBEDDED_RESOURCE = "/dev/lakegate/cli/standalone.yaml";

  /** How problems and summaries name the embedded default. */
  public static final String EMBEDDED_NAME = "examples/standalone.yaml";

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (the module format plus a standalone: section). "
          + "Default: the embedded " + EMBEDDED_NAME + ".")
  @Nullable Path file;

  @Option(names = "--context", paramLabel = "KEY=VALUE",
      description = "Value of a {{KEY}} placeholder (partition, account, region, org, env, domain, module_name); "
          + "repeatable.")
  Map<String, String> context = new LinkedHashMap<>();

  @Spec(Spec.Target.MIXEE) @Nullable CommandSpec mixee;

  /** The file given with {@code --config}; empty when the embedded default applies. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The placeholder values given with {@code --context}, in the order given. */
  public Map<String, String> context() {
    return Map.copyOf(context);
  }

  /** What problems call the configuration: the file as given, or {@link #EMBEDDED_NAME}. */
  public String source() {
    return file == null ? EMBEDDED_NAME : file.toString();
  }

  /**
   * Loads the configuration, printing every problem to the command's error stream when it is not
   * valid.
   *
   * @return the configuration, or empty after the problems were printed
   */
  public Optional<LakegateConfig> load(ConfigLoader loader) {
    return load(loader, Objects.requireNonNull(mixee, "mixee").commandLine().getErr());
  }

  /** As {@link #load(ConfigLoader)}, printing problems to {@code err}. */
  public Optional<LakegateConfig> load(ConfigLoader loader, PrintWriter err) {
    try {
      return Optional.of(file == null ? loadEmbedded(loader, context) : loader.load(file, context));
    } catch (ConfigException e) {
      for (ConfigProblem problem : e.problems()) {
        err.println(problem);
      }
      err.println(e.problems().size() == 1 ? "1 problem" : e.problems().size() + " problems");
      err.flush();
      return Optional.empty();
    }
  }

  /**
   * The embedded default configuration, named {@link #EMBEDDED_NAME} in problems.
   *
   * @throws ConfigException if the context breaks it (e.g. an unknown placeholder value is needed)
   */
  public static LakegateConfig loadEmbedded(ConfigLoader loader, Map<String, String> context) {
    try (InputStream in = ConfigOptions.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(EMBEDDED_RESOURCE + " is missing from the distribution");
      }
      return loader.load(EMBEDDED_NAME, in, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
