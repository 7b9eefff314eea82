package dev.lakegate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionEnvironmentTest {

  @Test
  void readsEveryVariableOfTheModulesFunction() {
    FunctionEnvironment env = FunctionEnvironment.from(Map.of(
        "TARGET_BUCKET", "lake-bucket",
        "TARGET_PREFIX", "incoming/partners",
        "METADATA_TARGET_PREFIX", "metadata",
        "EVENT_METADATA_MAPPINGS", "{\"z_client\": \"requestContext.authorizer.claims.client_id\", \"a_ip\": \"requestContext.identity.sourceIp\"}",
        "EXPIRY_TIME_SECONDS", "300",
        "LOG_LEVEL", "debug",
        "REQUEST_PARAMETERS", "{\"batch\": true, \"note\": false}",
        "AWS_REGION", "eu-west-1"));

    assertThat(env.bucket()).isEqualTo("lake-bucket");
    assertThat(env.upload().objectKey("u")).isEqualTo("incoming/partners/u");
    assertThat(env.upload().metadataKey("u")).isEqualTo("metadata/u.metadata.json");
    assertThat(env.upload().eventMetadataMappings()).containsExactly(
        Map.entry("z_client", "requestContext.authorizer.claims.client_id"),
        Map.entry("a_ip", "requestContext.identity.sourceIp"));
    assertThat(env.upload().requestParameters()).containsExactly(Map.entry("batch", true), Map.entry("note", false));
    assertThat(env.upload().urlValidity()).isEqualTo(Duration.ofMinutes(5));
    assertThat(env.logLevel()).isEqualTo("debug");
    assertThat(env.region()).contains("eu-west-1");
    assertThat(env.endpoint()).isEmpty();
  }

  @Test
  void defaultsMetadataPrefixToTargetPrefixAndValidityTo600Seconds() {
    FunctionEnvironment env = FunctionEnvironment.from(Map.of("TARGET_BUCKET", "b", "TARGET_PREFIX", "in"));

    assertThat(env.upload().metadataKey("u")).isEqualTo("in/u.metadata.json");
    assertThat(env.upload().urlValidity()).isEqualTo(Duration.ofMinutes(10));
    assertThat(env.upload().eventMetadataMappings()).isEmpty();
    assertThat(env.upload().requestParameters()).isEmpty();
    assertThat(env.logLevel()).isEqualTo("info");
  }

  @Test
  void s3CompatibleEndpointComesFromTheSdksOwnVariable() {
    FunctionEnvironment env = FunctionEnvironment.from(Map.of(
        "TARGET_BUCKET", "b", "TARGET_PREFIX", "in", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"));

    assertThat(env.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> FunctionEnvironment.from(Map.of(
            "TARGET_PREFIX", "/in/../x",
            "EVENT_METADATA_MAPPINGS", "[1]",
            "REQUEST_PARAMETERS", "{\"batch\": \"yes\"}",
            "EXPIRY_TIME_SECONDS", "0",
            "LOG_LEVEL", "LOUD")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TARGET_BUCKET is required")
        .hasMessageContaining("TARGET_PREFIX must be a key prefix")
        .hasMessageContaining("EVENT_METADATA_MAPPINGS must be a JSON object")
        .hasMessageContaining("REQUEST_PARAMETERS.batch has a value of the wrong type")
        .hasMessageContaining("EXPIRY_TIME_SECONDS must be a whole number")
        .hasMessageContaining("LOG_LEVEL must be one of");
  }

  @Test
  void expiryOfSevenDaysIsAcceptedAndOneSecondMoreIsRefused() {
    assertThat(FunctionEnvironment.from(Map.of("TARGET_BUCKET", "b", "TARGET_PREFIX", "in", "EXPIRY_TIME_SECONDS", "604800"))
        .upload().urlValidity()).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> FunctionEnvironment.from(
            Map.of("TARGET_BUCKET", "b", "TARGET_PREFIX", "in", "EXPIRY_TIME_SECONDS", "604801")))
        .hasMessageContaining("EXPIRY_TIME_SECONDS");
  }

  @Test
  void mappingsThatAreNotJsonAreRefusedWithTheParserMessage() {
    assertThatThrownBy(() -> FunctionEnvironment.from(
            Map.of("TARGET_BUCKET", "b", "TARGET_PREFIX", "in", "EVENT_METADATA_MAPPINGS", "{not json")))
        .hasMessageContaining("EVENT_METADATA_MAPPINGS is not JSON");
  }
}
