package dev.lakegate.core.config;

import dev.lakegate.core.config.StandaloneConfig.LakeSettings;
import dev.lakegate.core.config.StandaloneConfig.Limits;
import dev.lakegate.core.config.StandaloneConfig.Listen;
import dev.lakegate.core.config.StandaloneConfig.LocalLake;
import dev.lakegate.core.config.StandaloneConfig.S3Lake;
import dev.lakegate.core.config.StandaloneConfig.TlsFiles;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the {@code standalone:} section and builds a {@link StandaloneConfig}, filling every
 * absent key with its default (an absent section is all defaults). Relative paths are resolved
 * against the given working directory. Every problem is recorded; the loader uses the result only when
 * the file has none.
 */
final class StandaloneSectionReader {
  static final String DEFAULT_LISTEN = "127.0.0.1:8443";
  static final String DEFAULT_DATA_DIR = "./data";
  static final Duration MIN_ABANDONED_UPLOAD_AGE = Duration.ofHours(1);
  static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(1);

  private static final List<String> KEYS = List.of("listen", "publicUrl", "plainHttp", "tls", "dataDir", "logDir",
      "lake", "trustedProxies", "protectTokenEndpoint", "limits");
  private static final List<String> TLS_KEYS = List.of("certificate", "privateKey");
  private static final List<String> LAKE_KEYS = List.of("local", "s3");
  private static final List<String> LOCAL_KEYS = List.of("dir", "abandonedUploadAge");
  private static final List<String> S3_KEYS = List.of("region", "endpoint", "pathStyle");
  private static final List<String> LIMIT_KEYS =
      List.of("maxHeaderBytes", "maxTokenRequestBytes", "idleTimeout", "maxConnectionsPerPeer");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

  private final MappingReader section;
  private final ValueReader values;
  private final Path workingDirectory;

  StandaloneSectionReader(MappingReader section, Path workingDirectory) {
    this.section = section;
    this.values = section.values();
    this.workingDirectory = workingDirectory;
  }

  Optional<StandaloneConfig> read() {
    section.allowOnly(KEYS);
    var listen = listen();
    var publicUrl = section.optionalText("publicUrl", value -> urlProblem(value, "publicUrl", true)).map(URI::create);
    boolean plainHttp = section.optionalBool("plainHttp").orElse(false);
    var tls = section.optionalMapping("tls").flatMap(this::tls);
    if (plainHttp && section.has("tls")) {
      values.problem(section.optional("tls").orElseThrow().keyLine(), section.path().key("tls"),
          "a certificate is given but plainHttp is true; remove one of them");
    }
    // A bad dataDir is reported; the default stands in so that the keys derived from it are still checked.
    Path dataDir = section.optionalText("dataDir", this::pathProblem).map(this::resolve)
        .orElseGet(() -> resolve(DEFAULT_DATA_DIR));
    var logDir = section.optionalText("logDir", this::pathProblem).map(this::resolve);
    var lake = lake(dataDir);
    var trustedProxies = section.optional("trustedProxies").flatMap(section::cidrs);
    boolean protectTokenEndpoint = section.optionalBool("protectTokenEndpoint").orElse(true);
    var limits = section.optionalMapping("limits").map(this::limits).orElse(Limits.defaults());
    if (listen.isEmpty() || lake.isEmpty()
        || (section.has("trustedProxies") && trustedProxies.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new StandaloneConfig(listen.get(), publicUrl, plainHttp, tls, dataDir,
        logDir.orElse(dataDir.resolve("logs")), lake.get(), trustedProxies.orElse(List.of()),
        protectTokenEndpoint, limits));
  }

  private Optional<Listen> listen() {
    Optional<String> text = section.optionalText("listen", value -> {
      Matcher m = HOST_PORT.matcher(value);
      if (!m.matches()) {
        return Optional.of("\"" + value + "\" is not host:port (e.g. 127.0.0.1:8443, [::1]:8443, 0.0.0.0:443)");
      }
      return Integer.parseInt(m.group(2)) > 65535
          ? Optional.of("port " + m.group(2) + " is out of range (0..65535)") : Optional.empty();
    });
    if (text.isEmpty() && section.has("listen")) {
      return Optional.empty();
    }
    Matcher m = HOST_PORT.matcher(text.orElse(DEFAULT_LISTEN));
    if (!m.matches()) {
      throw new IllegalStateException("listen was validated");
    }
    String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
    return Optional.of(new Listen(host, Integer.parseInt(m.group(2))));
  }

  private Optional<TlsFiles> tls(MappingReader tls) {
    tls.allowOnly(TLS_KEYS);
    var certificate = tls.requiredText("certificate", this::pathProblem).map(this::resolve);
    var privateKey = tls.requiredText("privateKey", this::pathProblem).map(this::resolve);
    return certificate.isPresent() && privateKey.isPresent()
        ? Optional.of(new TlsFiles(certificate.get(), privateKey.get())) : Optional.empty();
  }

  private Optional<LakeSettings> lake(Path dataDir) {
    Optional<MappingReader> lake = section.optionalMapping("lake");
    if (lake.isEmpty() || lake.get().isEmpty()) {
      return Optional.of(new LocalLake(dataDir.resolve("lake"), LocalLake.DEFAULT_ABANDONED_UPLOAD_AGE));
    }
    MappingReader kinds = lake.get();
    kinds.allowOnly(LAKE_KEYS);
    boolean local = kinds.containsKey("local");
    boolean s3 = kinds.containsKey("s3");
    if (local && s3) {
      values.problem(kinds.line(), kinds.path(), "give exactly one of local, s3; both are given");
      return Optional.empty();
    }
    if (!local && !s3) {
      // Only unknown keys were given, and each is already reported with the expected ones.
      return Optional.empty();
    }
    return local
        ? kinds.optionalMapping("local").flatMap(m -> localLake(m, dataDir))
        : kinds.optionalMapping("s3").flatMap(this::s3Lake);
  }

  private Optional<LakeSettings> localLake(MappingReader local, Path dataDir) {
    local.allowOnly(LOCAL_KEYS);
    var dir = local.optionalText("dir", this::pathProblem).map(this::resolve);
    var age = local.optionalDuration("abandonedUploadAge").filter(d -> atLeast(local, "abandonedUploadAge", d, MIN_ABANDONED_UPLOAD_AGE));
    if ((local.has("dir") && dir.isEmpty()) || (local.has("abandonedUploadAge") && age.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new LocalLake(dir.orElse(dataDir.resolve("lake")), age.orElse(LocalLake.DEFAULT_ABANDONED_UPLOAD_AGE)));
  }

  private Optional<LakeSettings> s3Lake(MappingReader s3) {
    s3.allowOnly(S3_KEYS);
    var region = s3.optionalText("region", value -> REGION.matcher(value).matches()
        ? Optional.empty() : Optional.of("\"" + value + "\" is not an AWS region name (e.g. eu-west-1)"));
    var endpoint = s3.optionalText("endpoint", value -> urlProblem(value, "endpoint", false)).map(URI::create);
    boolean pathStyle = s3.optionalBool("pathStyle").orElse(false);
    if ((s3.has("region") && region.isEmpty()) || (s3.has("endpoint") && endpoint.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new S3Lake(region, endpoint, pathStyle));
  }

  private Limits limits(MappingReader limits) {
    limits.allowOnly(LIMIT_KEYS);
    Limits defaults = Limits.defaults();
    return new Limits(
        limits.optionalInt("maxHeaderBytes", 1024, 1024 * 1024).orElse(defaults.maxHeaderBytes()),
        limits.optionalInt("maxTokenRequestBytes", 256, 1024 * 1024).orElse(defaults.maxTokenRequestBytes()),
        limits.optionalDuration("idleTimeout")
            .filter(d -> atLeast(limits, "idleTimeout", d, Duration.ofSeconds(1)) && atMost(limits, "idleTimeout", d, MAX_IDLE_TIMEOUT))
            .orElse(defaults.idleTimeout()),
        limits.optionalInt("maxConnectionsPerPeer", 1, 100_000).orElse(defaults.maxConnectionsPerPeer()));
  }

  private boolean atLeast(MappingReader map, String key, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      MappingReader.Item item = map.optional(key).orElseThrow();
      values.problem(item.node(), item.path(), value + " is shorter than the minimum " + min);
      return false;
    }
    return true;
  }

  private boolean atMost(MappingReader map, String key, Duration value, Duration max) {
    if (value.compareTo(max) > 0) {
      MappingReader.Item item = map.optional(key).orElseThrow();
      values.problem(item.node(), item.path(), value + " is longer than the maximum " + max);
      return false;
    }
    return true;
  }

  private Optional<String> pathProblem(String value) {
    if (value.isBlank()) {
      return Optional.of("must not be empty");
    }
    try {
      var unused = Path.of(value);
      return Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.of("\"" + value + "\" is not a valid path: " + e.getReason());
    }
  }

  private Path resolve(String value) {
    return workingDirectory.resolve(value).normalize();
  }

  /** An http(s) URL with a host; a public URL may not carry a path, since routes are absolute. */
  private static Optional<String> urlProblem(String value, String what, boolean noPath) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (java.net.URISyntaxException e) {
      return Optional.of("\"" + value + "\" is not a URL: " + e.getReason());
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
      return Optional.of("\"" + value + "\" is not an http(s) URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of(what + " must not have user info, a query or a fragment");
    }
    if (noPath && uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
      return Optional.of(what + " must not have a path (\"" + uri.getRawPath() + "\"); give scheme://host[:port]");
    }
    return Optional.empty();
  }
}
