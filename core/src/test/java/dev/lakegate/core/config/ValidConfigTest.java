package dev.lakegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values on the edge of each range are accepted, and a file with several mistakes reports them all. */
class ValidConfigTest {

  static Stream<Arguments> boundaries() {
    return Stream.of(
        row(18, "      accessTokenValidityMinutes: 5", c -> client(c).accessTokenValidityMinutes(), 5),
        row(18, "      accessTokenValidityMinutes: 1440", c -> client(c).accessTokenValidityMinutes(), 1440),
        row(19, "      idTokenValidityMinutes: 5", c -> client(c).idTokenValidityMinutes(), 5),
        row(19, "      idTokenValidityMinutes: 1440", c -> client(c).idTokenValidityMinutes(), 1440),
        row(20, "      refreshTokenValidityHours: 1", c -> client(c).refreshTokenValidityHours(), 1),
        row(20, "      refreshTokenValidityHours: 87600", c -> client(c).refreshTokenValidityHours(), 87600),
        row(4, "  targetBucketName: " + "b".repeat(63), c -> c.api().targetBucketName(), "b".repeat(63)),
        row(4, "  targetBucketName: abc", c -> c.api().targetBucketName(), "abc"),
        row(4, "  targetBucketName: my.landing-bucket.1", c -> c.api().targetBucketName(), "my.landing-bucket.1"),
        row(4, "  targetBucketName: ssm:/{{org}}/{{domain}}/datalake/bucket/raw/name", c -> c.api().targetBucketName(),
            "ssm:/lakegate/data/datalake/bucket/raw/name"),
        row(10, "  stageName: " + "s".repeat(128), c -> c.api().stageName(), "s".repeat(128)),
        row(10, "  stageName: Dev_stage-2", c -> c.api().stageName(), "Dev_stage-2"),
        row(7, "  concurrencyLimit: 1", c -> c.api().concurrencyLimit(), 1),
        row(5, "  targetPrefix: raw/partner-a/in.box", c -> c.api().targetPrefix(), "raw/partner-a/in.box"),
        row(9, "    - 0.0.0.0/0", c -> c.api().allowedCidrs().get(0).toString(), "0.0.0.0/0"),
        row(9, "    - 203.0.113.7/32", c -> c.api().allowedCidrs().get(0).toString(), "203.0.113.7/32"),
        row(13, "  setAccountCloudWatchRole: true", c -> c.api().setAccountCloudWatchRole(), true),
        row(10, "  stageName:", c -> c.api().stageName(), "prod"),
        row(6, "", c -> c.api().metadataTargetPrefix(), "incoming"),
        row(17, "    demo client@partner.example:", c -> c.api().appClients().keySet().iterator().next(), "demo client@partner.example"),
        row(35, "    idleTimeout: PT1M", c -> c.standalone().limits().idleTimeout().toSeconds(), 60L),
        row(35, "    idleTimeout: 1h", c -> c.standalone().limits().idleTimeout().toSeconds(), 3600L),
        row(31, "      abandonedUploadAge: 1h", c -> ((StandaloneConfig.LocalLake) c.standalone().lake()).abandonedUploadAge().toHours(), 1L));
  }

  private static Arguments row(int line, String text, Function<LakegateConfig, Object> value, Object expected) {
    return Arguments.of(line, text, value, expected);
  }

  private static AppClientSettings client(LakegateConfig config) {
    return java.util.Objects.requireNonNull(config.api().appClients().get("demo-client"));
  }

  @ParameterizedTest(name = "line {0}: [{1}]")
  @MethodSource("boundaries")
  void acceptsValueOnTheEdgeOfItsRule(int line, String text, Function<LakegateConfig, Object> value, Object expected) {
    LakegateConfig config = ConfigDocuments.load(ConfigDocuments.withLines(Map.of(line, text)));

    assertThat(value.apply(config)).isEqualTo(expected);
  }

  @Test
  void reportsEveryMistakeOfAFileAtOnceInLineOrder() {
    String document = ConfigDocuments.withLines(Map.of(
        4, "  targetBucketName: Landing_Bucket",
        7, "  concurrencyLimit: 0",
        9, "    - 10.0.0.0/33",
        10, "  stage: prod",
        18, "      accessTokenValidityMinutes: 2000",
        26, "  listen: nowhere"));

    assertThatThrownBy(() -> ConfigDocuments.load(document))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
            .containsExactly(
                "m2m-api.yaml:4 api.targetBucketName: \"Landing_Bucket\" is not a valid S3 bucket name: "
                    + "may contain only lower-case letters, digits, '.' and '-'",
                "m2m-api.yaml:7 api.concurrencyLimit: 0 is out of range (1..)",
                "m2m-api.yaml:9 api.allowedCidrs[0]: \"10.0.0.0/33\" is not an IPv4 CIDR: prefix /33 is over /32",
                "m2m-api.yaml:10 api.stage: unknown key (did you mean \"stageName\"?)",
                "m2m-api.yaml:18 api.appClients.demo-client.accessTokenValidityMinutes: 2000 is out of range (5..1440)",
                "m2m-api.yaml:26 standalone.listen: \"nowhere\" is not host:port (e.g. 127.0.0.1:8443, [::1]:8443, 0.0.0.0:443)"))
        .hasMessageContaining("m2m-api.yaml:4 api.targetBucketName")
        .hasMessageContaining("\nm2m-api.yaml:26 standalone.listen");
  }

  @Test
  void appClientWithoutSettingsGetsDefaultLifetimes() {
    String document = ConfigDocuments.withLines(Map.of(17, "    demo-client:", 18, "", 19, "", 20, ""));

    assertThat(ConfigDocuments.load(document).api().appClients())
        .containsExactly(entry("demo-client", AppClientSettings.defaults()));
  }

  @Test
  void missingApiSectionIsReportedOnTheFirstLine() {
    assertThatThrownBy(() -> ConfigDocuments.load("standalone:\n  plainHttp: true\n"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
            .containsExactly("m2m-api.yaml:1 api: required key is missing"));
  }

  @Test
  void emptyFileIsReportedAsSuch() {
    assertThatThrownBy(() -> ConfigDocuments.load("# nothing here\n"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
            .containsExactly("m2m-api.yaml: the file is empty; expected a map with an \"api:\" key"));
  }

  @Test
  void fileThatIsAListIsRejected() {
    assertThatThrownBy(() -> ConfigDocuments.load("- api\n"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::message)
            .containsExactly("expected a map, found a list"));
  }

  @Test
  void missingFileIsAProblemNamingTheFile() {
    assertThatThrownBy(() -> ConfigLoader.withDefaults().load(java.nio.file.Path.of("no-such-dir/m2m-api.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("no-such-dir/m2m-api.yaml: no such file");
  }
}
