package dev.lakegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.lakegate.core.net.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The module's two samples, kept in {@code examples/}, load unchanged with the values they state. */
class ExampleConfigsTest {
  private static final Path EXAMPLES = Path.of("../examples");

  @Test
  void minimalSampleLoadsWithDefaultsForEverythingItLeavesOut() {
    LakegateConfig config = ConfigLoader.withDefaults().load(EXAMPLES.resolve("m2m-api-minimal.yaml"), Map.of());

    ApiConfig api = config.api();
    assertThat(api.adminRoles()).containsExactly(new AdminRole(AdminRole.Reference.ARN,
        "arn:aws:iam::000000000000:role/test-admin-role-arn", Optional.empty(), Optional.empty()));
    assertThat(api.targetBucketName()).isEqualTo("landing-bucket-name");
    assertThat(api.bucketIsSsmReference()).isFalse();
    assertThat(api.targetPrefix()).isEqualTo("testing");
    assertThat(api.metadataTargetPrefix()).isEqualTo("testing");
    assertThat(api.concurrencyLimit()).isEqualTo(10);
    assertThat(api.allowedCidrs()).containsExactly(Cidr.parse("10.0.0.0/8"));
    assertThat(api.stageName()).isEqualTo("prod");
    assertThat(api.kmsKeyArn()).isEmpty();
    assertThat(api.integrationLambdaRoleArn()).isEmpty();
    assertThat(api.setAccountCloudWatchRole()).isFalse();
    assertThat(api.wafArns()).isEmpty();
    assertThat(api.appClients()).isEmpty();
    assertThat(api.requestParameters()).isEmpty();
    assertThat(api.eventMetadataMappings()).isEmpty();
  }

  @Test
  void comprehensiveSampleLoadsEveryValueWithPlaceholdersResolvedFromTheContext() {
    LakegateConfig config = ConfigLoader.strict().load(EXAMPLES.resolve("m2m-api-comprehensive.yaml"),
        Map.of("partition", "aws-cn", "account", "123456789012", "region", "cn-north-1"));

    ApiConfig api = config.api();
    assertThat(api.adminRoles()).containsExactly(
        new AdminRole(AdminRole.Reference.NAME, "M2MAdmin", Optional.empty(), Optional.empty()),
        new AdminRole(AdminRole.Reference.NAME, "test-admin-role-name", Optional.empty(), Optional.empty()),
        new AdminRole(AdminRole.Reference.ARN, "arn:aws-cn:iam::123456789012:role/test-admin-role-arn",
            Optional.of(true), Optional.of(false)));
    assertThat(api.targetBucketName()).isEqualTo("landing-bucket-name");
    assertThat(api.targetPrefix()).isEqualTo("testing");
    assertThat(api.metadataTargetPrefix()).isEqualTo("metadata-testing");
    assertThat(api.concurrencyLimit()).isEqualTo(10);
    assertThat(api.kmsKeyArn()).contains("arn:aws-cn:kms:cn-north-1:123456789012:key/test-kms-key-id");
    assertThat(api.stageName()).isEqualTo("prod");
    assertThat(api.setAccountCloudWatchRole()).isFalse();
    assertThat(api.wafArns()).containsExactly(entry("test-waf", "test-waf-arn"));
    assertThat(api.allowedCidrs()).containsExactly(
        Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.0.0/16"), Cidr.parse("172.16.0.0/12"));
    assertThat(api.integrationLambdaRoleArn()).contains("arn:aws-cn:iam::123456789012:role/some-lambda-role-arn");
    assertThat(api.appClients()).containsExactly(entry("test-client", new AppClientSettings(24, 60, 24)));
    assertThat(api.requestParameters()).containsExactly(entry("test_required_param", true), entry("test_opt_param", false));
    assertThat(api.eventMetadataMappings()).containsExactly(
        entry("Resource", "resource"),
        entry("Host", "headers.Host"),
        entry("UserAgent", "headers.User-Agent"),
        entry("IPForwarding", "headers.X-Forwarded-For"),
        entry("RequestTime", "requestContext.requestTime"),
        entry("queryStringParameters", "queryStringParameters"));
  }

  @Test
  void samplesWithoutAStandaloneSectionGetTheStandaloneDefaults() {
    Path workingDirectory = Path.of("/srv/lakegate");
    StandaloneConfig standalone = ConfigLoader.withDefaults().resolvingPathsAgainst(workingDirectory)
        .load(EXAMPLES.resolve("m2m-api-minimal.yaml"), Map.of()).standalone();

    assertThat(standalone.listen()).isEqualTo(new StandaloneConfig.Listen("127.0.0.1", 8443));
    assertThat(standalone.publicUrl()).isEmpty();
    assertThat(standalone.baseUrl()).hasToString("https://127.0.0.1:8443");
    assertThat(standalone.plainHttp()).isFalse();
    assertThat(standalone.tls()).isEmpty();
    assertThat(standalone.dataDir()).isEqualTo(Path.of("/srv/lakegate/data"));
    assertThat(standalone.logDir()).isEqualTo(Path.of("/srv/lakegate/data/logs"));
    assertThat(standalone.lake()).isEqualTo(new StandaloneConfig.LocalLake(Path.of("/srv/lakegate/data/lake"), Duration.ofDays(7)));
    assertThat(standalone.trustedProxies()).isEmpty();
    assertThat(standalone.protectTokenEndpoint()).isTrue();
    assertThat(standalone.limits()).isEqualTo(StandaloneConfig.Limits.defaults());
  }

  @Test
  void testFixtureDefaultsDescribeALoopbackServerWithOneDemoClient() {
    LakegateConfig config = TestConfigs.config(Path.of("/tmp/lake-test"));

    assertThat(config.api().targetBucketName()).isEqualTo("landing");
    assertThat(config.api().metadataTargetPrefix()).isEqualTo("incoming");
    assertThat(config.api().appClients()).containsOnlyKeys("demo-client");
    assertThat(config.standalone().listen().port()).isZero();
    assertThat(config.standalone().plainHttp()).isFalse();
    assertThat(TestConfigs.api().targetPrefix("in").metadataTargetPrefix("meta").build().metadataTargetPrefix()).isEqualTo("meta");
  }
}
