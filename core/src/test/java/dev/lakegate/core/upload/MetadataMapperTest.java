package dev.lakegate.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataMapperTest {

  /** The comprehensive sample's mappings, in its order. */
  private static Map<String, String> comprehensiveMappings() {
    Map<String, String> mappings = new LinkedHashMap<>();
    mappings.put("Resource", "resource");
    mappings.put("Host", "headers.Host");
    mappings.put("UserAgent", "headers.User-Agent");
    mappings.put("IPForwarding", "headers.X-Forwarded-For");
    mappings.put("RequestTime", "requestContext.requestTime");
    mappings.put("queryStringParameters", "queryStringParameters");
    return mappings;
  }

  @Test
  void mapsTheComprehensiveSampleWithAbsentHeaderAsNull() {
    RequestEvent event = TestEvents.get("unipart").query("md5", "x").build();

    ObjectNode document = new MetadataMapper(comprehensiveMappings()).map(event);

    assertThat(document.toString()).isEqualTo(
        "{\"Resource\":\"/upload/{proxy+}\",\"Host\":\"127.0.0.1:8443\",\"UserAgent\":\"partner-agent/1.0\","
            + "\"IPForwarding\":null,\"RequestTime\":\"24/Nov/2026:04:13:49 +0000\","
            + "\"queryStringParameters\":{\"md5\":\"x\"}}");
  }

  @Test
  void matchesHeaderNamesCaseInsensitively() {
    RequestEvent event = TestEvents.get("unipart").withoutHeader("User-Agent").header("user-agent", "lower/1").build();

    ObjectNode document = new MetadataMapper(Map.of("UserAgent", "headers.USER-AGENT")).map(event);

    assertThat(document.get("UserAgent").asText()).isEqualTo("lower/1");
  }

  @Test
  void readsClaimsAndIdentityFromRequestContext() {
    RequestEvent event = TestEvents.get("unipart").client("partner-7").sourceIp("10.1.2.3").build();
    Map<String, String> mappings = new LinkedHashMap<>();
    mappings.put("client", "requestContext.authorizer.claims.client_id");
    mappings.put("ip", "requestContext.identity.sourceIp");

    ObjectNode document = new MetadataMapper(mappings).map(event);

    assertThat(document.get("client").asText()).isEqualTo("partner-7");
    assertThat(document.get("ip").asText()).isEqualTo("10.1.2.3");
  }

  @Test
  void pathThroughAScalarOrMissingObjectYieldsNull() {
    RequestEvent event = TestEvents.get("unipart").build();
    Map<String, String> mappings = new LinkedHashMap<>();
    mappings.put("deeper", "resource.length");
    mappings.put("nothing", "requestContext.nope.nope");
    mappings.put("noQuery", "queryStringParameters.md5");

    ObjectNode document = new MetadataMapper(mappings).map(event);

    assertThat(document.get("deeper").isNull()).isTrue();
    assertThat(document.get("nothing").isNull()).isTrue();
    assertThat(document.get("noQuery").isNull()).isTrue();
  }

  @Test
  void requestEventSurvivesItsJsonForm() {
    RequestEvent event = TestEvents.get("multi_upload").query("uuid", "u").header("X-Forwarded-For", "10.0.0.1").build();

    assertThat(RequestEventJson.fromJson(RequestEventJson.toJson(event))).isEqualTo(event);
  }
}
