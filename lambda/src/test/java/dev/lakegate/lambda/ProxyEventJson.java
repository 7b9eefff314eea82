package dev.lakegate.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.core.upload.RequestEvent;
import dev.lakegate.core.upload.RequestEventJson;

/**
 * Proxy events for tests, made the way the Lambda runtime makes them: API Gateway's JSON
 * document bound onto {@link APIGatewayProxyRequestEvent}.
 */
final class ProxyEventJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ProxyEventJson() {}

  static APIGatewayProxyRequestEvent of(RequestEvent event) {
    return JSON.convertValue(RequestEventJson.toJson(event), APIGatewayProxyRequestEvent.class);
  }

  static APIGatewayProxyRequestEvent parse(String json) throws java.io.IOException {
    return JSON.readValue(json, APIGatewayProxyRequestEvent.class);
  }
}
