package dev.lakegate.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads and validates a configuration file ({@code contract.md} §1): the module's {@code api:}
 * section and the standalone server's {@code standalone:} section. All problems of a file are
 * reported together in one {@link ConfigException}, each with file, line and key path; a file that
 * loads is fully valid, with placeholders resolved, defaults filled in and relative paths made
 * absolute.
 *
 * <p>Placeholders ({@code {{partition}}}, {@code {{account}}}, ...) are resolved from a context
 * map. {@link #withDefaults()} starts from {@link #DEFAULT_CONTEXT}, which suits the standalone
 * server; {@link #strict()} starts from nothing, for the AWS synthesis, which must be told the
 * organization, environment, domain and module name. The caller's context overrides the defaults.
 *
 * <pre>{@code
 * LakegateConfig config = ConfigLoader.withDefaults().load(Path.of("m2m-api.yaml"), Map.of("env", "dev"));
 * }</pre>
 */
public final class ConfigLoader {

  /** The placeholder names a file may use, in the order they are documented. */
  public static final List<String> PLACEHOLDERS =
      List.of("partition", "account", "region", "org", "env", "domain", "module_name");

  /** Values for every placeholder, for standalone use where there is no AWS account behind them. */
  public static final Map<String, String> DEFAULT_CONTEXT = OrderedMaps.copyOf(defaultContext());

  private static final List<String> TOP_LEVEL_KEYS = List.of("api", "standalone");

  private final Map<String, String> baseContext;
  private final Path workingDirectory;

  private ConfigLoader(Map<String, String> baseContext, Path workingDirectory) {
    this.baseContext = Map.copyOf(baseContext);
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /** A loader whose placeholders default to {@link #DEFAULT_CONTEXT}. */
  public static ConfigLoader withDefaults() {
    return new ConfigLoader(DEFAULT_CONTEXT, Path.of(""));
  }

  /** A loader with no placeholder defaults: every placeholder used must be in the caller's context. */
  public static ConfigLoader strict() {
    return new ConfigLoader(Map.of(), Path.of(""));
  }

  /** This loader, resolving relative paths of the {@code standalone:} section against {@code directory}. */
  public ConfigLoader resolvingPathsAgainst(Path directory) {
    return new ConfigLoader(baseContext, directory);
  }

  /**
   * Loads a file; problems name it as given (e.g. {@code config/m2m-api.yaml}).
   *
   * @param context placeholder values, overriding this loader's defaults
   * @throws ConfigException with every problem found, including a file that is missing or unreadable
   */
  public LakegateConfig load(Path file, Map<String, String> context) {
    String name = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(name, reader, context);
    } catch (NoSuchFileException e) {
      throw single(name, "no such file");
    } catch (IOException e) {
      throw single(name, "cannot be read: " + e.getMessage());
    }
  }

  /**
   * Loads a file from a stream, e.g. a classpath resource; {@code fileName} is what problems call
   * it. The stream is read to its end but not closed.
   *
   * @throws ConfigException with every problem found
   */
  public LakegateConfig load(String fileName, InputStream in, Map<String, String> context) {
    try {
      return load(fileName, new InputStreamReader(in, StandardCharsets.UTF_8), context);
    } catch (IOException e) {
      throw single(fileName, "cannot be read: " + e.getMessage());
    }
  }

  private LakegateConfig load(String fileName, Reader reader, Map<String, String> context) throws IOException {
    Map<String, String> merged = new LinkedHashMap<>(baseContext);
    context.forEach((k, v) -> merged.put(Objects.requireNonNull(k, "context key"), Objects.requireNonNull(v, "context value")));
    Problems problems = new Problems(fileName);
    ValueReader values = new ValueReader(problems, new Placeholders(merged));
    Optional<YamlNode> root = new YamlTreeParser(problems).parse(reader);
    problems.throwIfAny();
    Optional<LakegateConfig> config = MappingReader.of(values, new MappingReader.Item(root.orElseThrow(), KeyPath.ROOT, 1), 1)
        .flatMap(top -> read(top));
    problems.throwIfAny();
    return config.orElseThrow(() -> new IllegalStateException("no problem recorded but no configuration built"));
  }

  private Optional<LakegateConfig> read(MappingReader top) {
    top.allowOnly(TOP_LEVEL_KEYS);
    Optional<ApiConfig> api = top.requiredMapping("api").flatMap(a -> new ApiSectionReader(a).read());
    MappingReader standaloneSection = top.optionalMapping("standalone")
        .orElseGet(() -> MappingReader.empty(top.values(), KeyPath.ROOT.key("standalone"), 1));
    Optional<StandaloneConfig> standalone = new StandaloneSectionReader(standaloneSection, workingDirectory).read();
    return api.flatMap(a -> standalone.map(s -> new LakegateConfig(a, s)));
  }

  private static ConfigException single(String file, String message) {
    return new ConfigException(List.of(new ConfigProblem(file, 0, "", message)));
  }

  private static Map<String, String> defaultContext() {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("partition", "aws");
    context.put("account", "000000000000");
    context.put("region", "us-east-1");
    context.put("org", "lakegate");
    context.put("env", "local");
    context.put("domain", "data");
    context.put("module_name", "m2m-api");
    return context;
  }
}
