package dev.lakegate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostAuthenticationLoggerTest {

  /** A post-authentication event as Cognito sends it, with user attributes that must not be logged. */
  private static Map<String, Object> event() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "1");
    event.put("triggerSource", "PostAuthentication_Authentication");
    event.put("region", "eu-west-1");
    event.put("userPoolId", "eu-west-1_Abc123");
    event.put("userName", "partner-7");
    event.put("callerContext", Map.of("awsSdkVersion", "aws-sdk-java-2", "clientId", "3k9x0c1q2w8e7r6t5y4u3i2o1p"));
    event.put("request", Map.of("userAttributes", Map.of("email", "ops@partner.example")));
    event.put("response", Map.of());
    return event;
  }

  @Test
  void returnsTheEventUnchangedAsCognitoRequires() {
    Map<String, Object> event = event();

    assertThat(new PostAuthenticationLogger().handleRequest(event, null)).isSameAs(event).isEqualTo(event());
  }

  @Test
  void logLineNamesUserClientAndPoolButNoAttributes() throws Exception {
    String line = PostAuthenticationLogger.line(event());

    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("userName").asText()).isEqualTo("partner-7");
    assertThat(json.get("clientId").asText()).isEqualTo("3k9x0c1q2w8e7r6t5y4u3i2o1p");
    assertThat(json.get("userPoolId").asText()).isEqualTo("eu-west-1_Abc123");
    assertThat(json.get("triggerSource").asText()).isEqualTo("PostAuthentication_Authentication");
    assertThat(line).doesNotContain("ops@partner.example");
  }

  @Test
  void eventWithoutCallerContextStillLogs() throws Exception {
    Map<String, Object> event = event();
    event.remove("callerContext");

    assertThat(new ObjectMapper().readTree(PostAuthenticationLogger.line(event)).get("clientId").isNull()).isTrue();
  }
}
