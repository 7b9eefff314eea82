package dev.lakegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholders come from the context; the strict loader has no defaults, so a missing value is named. */
class PlaceholderTest {
  private static final String DOCUMENT = ConfigDocuments.withLines(Map.of(
      4, "  targetBucketName: ssm:/{{org}}/{{env}}/{{domain}}/{{module_name}}/bucket",
      12, "  integrationLambdaRoleArn: arn:{{ partition }}:iam::{{account}}:role/{{env}}-r1"));

  @Test
  void defaultsResolveEveryPlaceholderForStandaloneUse() {
    ApiConfig api = ConfigDocuments.load(DOCUMENT).api();

    assertThat(api.targetBucketName()).isEqualTo("ssm:/lakegate/local/data/m2m-api/bucket");
    assertThat(api.kmsKeyArn()).contains("arn:aws:kms:us-east-1:000000000000:key/k1");
    assertThat(api.integrationLambdaRoleArn()).contains("arn:aws:iam::000000000000:role/local-r1");
  }

  @Test
  void contextOverridesTheDefaults() {
    ApiConfig api = ConfigDocuments.load(ConfigLoader.withDefaults(), DOCUMENT, Map.of("env", "prod", "account", "123456789012")).api();

    assertThat(api.targetBucketName()).isEqualTo("ssm:/lakegate/prod/data/m2m-api/bucket");
    assertThat(api.integrationLambdaRoleArn()).contains("arn:aws:iam::123456789012:role/prod-r1");
  }

  @Test
  void strictLoaderNamesEveryPlaceholderWithoutAValue() {
    Map<String, String> context = Map.of("partition", "aws", "account", "123456789012", "region", "eu-west-1", "org", "acme");

    assertThatThrownBy(() -> ConfigDocuments.load(ConfigLoader.strict(), DOCUMENT, context))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
            .containsExactly(
                "m2m-api.yaml:4 api.targetBucketName: placeholder {{env}} has no value; give one in the context (--context env=...)",
                "m2m-api.yaml:4 api.targetBucketName: placeholder {{domain}} has no value; give one in the context (--context domain=...)",
                "m2m-api.yaml:4 api.targetBucketName: placeholder {{module_name}} has no value; give one in the context (--context module_name=...)",
                "m2m-api.yaml:12 api.integrationLambdaRoleArn: placeholder {{env}} has no value; give one in the context (--context env=...)"));
  }

  @Test
  void contextMayDefineFurtherPlaceholders() {
    String document = ConfigDocuments.withLines(Map.of(5, "  targetPrefix: incoming/{{partner}}"));

    assertThat(ConfigDocuments.load(ConfigLoader.withDefaults(), document, Map.of("partner", "acme")).api().targetPrefix())
        .isEqualTo("incoming/acme");
  }

  @Test
  void unterminatedPlaceholderIsAProblem() {
    String document = ConfigDocuments.withLines(Map.of(5, "  targetPrefix: incoming/{{env"));

    assertThatThrownBy(() -> ConfigDocuments.load(document))
        .isInstanceOf(ConfigException.class)
        .hasMessage("m2m-api.yaml:5 api.targetPrefix: \"incoming/{{env\" has an unterminated placeholder (write {{name}})");
  }
}
