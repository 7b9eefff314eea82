package dev.lakegate.core.config;

import dev.lakegate.core.net.Cidr;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configurations for tests, as builders with sane defaults so that a test states only what it
 * changes: {@code TestConfigs.api().concurrencyLimit(1).build()}. The defaults match the embedded
 * {@code standalone.yaml}: bucket {@code landing}, prefix {@code incoming}, loopback allowed, one app
 * client {@code demo-client}, concurrency 10; the standalone server on {@code 127.0.0.1:0} over HTTPS.
 */
public final class TestConfigs {
  private TestConfigs() {}

  /** An {@code api:} section builder with the defaults above. */
  public static ApiBuilder api() {
    return new ApiBuilder();
  }

  /** A {@code standalone:} section builder: {@code 127.0.0.1:0}, HTTPS (self-signed), local lake under {@code dataDir/lake}. */
  public static StandaloneBuilder standalone(Path dataDir) {
    return new StandaloneBuilder(dataDir);
  }

  /** A whole configuration with both default sections. */
  public static LakegateConfig config(Path dataDir) {
    return new LakegateConfig(api().build(), standalone(dataDir).build());
  }

  /** Builds an {@link ApiConfig}; {@code metadataTargetPrefix} follows {@code targetPrefix} unless set. */
  public static final class ApiBuilder {
    private List<AdminRole> adminRoles =
        List.of(new AdminRole(AdminRole.Reference.NAME, "lakegate-admin", Optional.empty(), Optional.empty()));
    private String targetBucketName = "landing";
    private String targetPrefix = "incoming";
    private Optional<String> metadataTargetPrefix = Optional.empty();
    private int concurrencyLimit = 10;
    private List<Cidr> allowedCidrs = List.of(Cidr.parse("127.0.0.0/8"));
    private String stageName = ApiConfig.DEFAULT_STAGE_NAME;
    private Optional<String> kmsKeyArn = Optional.empty();
    private Optional<String> integrationLambdaRoleArn = Optional.empty();
    private boolean setAccountCloudWatchRole;
    private Map<String, String> wafArns = new LinkedHashMap<>();
    private Map<String, AppClientSettings> appClients = new LinkedHashMap<>(Map.of("demo-client", AppClientSettings.defaults()));
    private Map<String, Boolean> requestParameters = new LinkedHashMap<>();
    private Map<String, String> eventMetadataMappings = new LinkedHashMap<>();

    private ApiBuilder() {}

    public ApiBuilder adminRoles(AdminRole... roles) {
      this.adminRoles = List.of(roles);
      return this;
    }

    public ApiBuilder targetBucketName(String bucket) {
      this.targetBucketName = bucket;
      return this;
    }

    public ApiBuilder targetPrefix(String prefix) {
      this.targetPrefix = prefix;
      return this;
    }

    public ApiBuilder metadataTargetPrefix(String prefix) {
      this.metadataTargetPrefix = Optional.of(prefix);
      return this;
    }

    public ApiBuilder concurrencyLimit(int limit) {
      this.concurrencyLimit = limit;
      return this;
    }

    /** Replaces the allowed blocks, e.g. {@code allowedCidrs("10.0.0.0/8", "192.168.0.0/16")}. */
    public ApiBuilder allowedCidrs(String... cidrs) {
      this.allowedCidrs = Arrays.stream(cidrs).map(Cidr::parse).toList();
      return this;
    }

    public ApiBuilder stageName(String stage) {
      this.stageName = stage;
      return this;
    }

    public ApiBuilder kmsKeyArn(String arn) {
      this.kmsKeyArn = Optional.of(arn);
      return this;
    }

    public ApiBuilder integrationLambdaRoleArn(String arn) {
      this.integrationLambdaRoleArn = Optional.of(arn);
      return this;
    }

    public ApiBuilder setAccountCloudWatchRole(boolean set) {
      this.setAccountCloudWatchRole = set;
      return this;
    }

    public ApiBuilder wafArn(String name, String arn) {
      this.wafArns.put(name, arn);
      return this;
    }

    /** Replaces the app clients with these names, each with default token lifetimes. */
    public ApiBuilder appClients(String... names) {
      this.appClients = new LinkedHashMap<>();
      Arrays.stream(names).forEach(n -> appClients.put(n, AppClientSettings.defaults()));
      return this;
    }

    /** Adds (or replaces) one app client. */
    public ApiBuilder appClient(String name, AppClientSettings settings) {
      this.appClients.put(name, settings);
      return this;
    }

    public ApiBuilder requestParameter(String name, boolean required) {
      this.requestParameters.put(name, required);
      return this;
    }

    public ApiBuilder eventMetadataMapping(String field, String path) {
      this.eventMetadataMappings.put(field, path);
      return this;
    }

    public ApiConfig build() {
      return new ApiConfig(adminRoles, targetBucketName, targetPrefix, metadataTargetPrefix.orElse(targetPrefix),
          concurrencyLimit, allowedCidrs, stageName, kmsKeyArn, integrationLambdaRoleArn, setAccountCloudWatchRole,
          wafArns, appClients, requestParameters, eventMetadataMappings);
    }
  }

  /** Builds a {@link StandaloneConfig}; logs under {@code dataDir/logs} and the lake under {@code dataDir/lake} unless set. */
  public static final class StandaloneBuilder {
    private final Path dataDir;
    private StandaloneConfig.Listen listen = new StandaloneConfig.Listen("127.0.0.1", 0);
    private Optional<URI> publicUrl = Optional.empty();
    private boolean plainHttp;
    private Optional<StandaloneConfig.TlsFiles> tls = Optional.empty();
    private Optional<Path> logDir = Optional.empty();
    private Optional<StandaloneConfig.LakeSettings> lake = Optional.empty();
    private List<Cidr> trustedProxies = List.of();
    private boolean protectTokenEndpoint = true;
    private StandaloneConfig.Limits limits = StandaloneConfig.Limits.defaults();

    private StandaloneBuilder(Path dataDir) {
      this.dataDir = dataDir;
    }

    public StandaloneBuilder listen(String host, int port) {
      this.listen = new StandaloneConfig.Listen(host, port);
      return this;
    }

    public StandaloneBuilder publicUrl(String url) {
      this.publicUrl = Optional.of(URI.create(url));
      return this;
    }

    public StandaloneBuilder plainHttp(boolean plain) {
      this.plainHttp = plain;
      return this;
    }

    public StandaloneBuilder tls(Path certificate, Path privateKey) {
      this.tls = Optional.of(new StandaloneConfig.TlsFiles(certificate, privateKey));
      return this;
    }

    public StandaloneBuilder logDir(Path dir) {
      this.logDir = Optional.of(dir);
      return this;
    }

    public StandaloneBuilder lake(StandaloneConfig.LakeSettings settings) {
      this.lake = Optional.of(settings);
      return this;
    }

    /** A local lake in {@code dir} whose abandoned multipart uploads expire after {@code age}. */
    public StandaloneBuilder localLake(Path dir, Duration age) {
      return lake(new StandaloneConfig.LocalLake(dir, age));
    }

    public StandaloneBuilder trustedProxies(String... cidrs) {
      this.trustedProxies = Arrays.stream(cidrs).map(Cidr::parse).toList();
      return this;
    }

    public StandaloneBuilder protectTokenEndpoint(boolean protect) {
      this.protectTokenEndpoint = protect;
      return this;
    }

    public StandaloneBuilder limits(StandaloneConfig.Limits newLimits) {
      this.limits = newLimits;
      return this;
    }

    public StandaloneConfig build() {
      return new StandaloneConfig(listen, publicUrl, plainHttp, tls, dataDir, logDir.orElse(dataDir.resolve("logs")),
          lake.orElseGet(() -> new StandaloneConfig.LocalLake(dataDir.resolve("lake"),
              StandaloneConfig.LocalLake.DEFAULT_ABANDONED_UPLOAD_AGE)),
          trustedProxies, protectTokenEndpoint, limits);
    }
  }
}
