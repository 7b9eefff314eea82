package dev.lakegate.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lakegate.core.upload.ApiResponse;
import dev.lakegate.core.upload.RequestEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Converts between API Gateway's REST proxy event types and the core's {@link RequestEvent} and
 * {@link ApiResponse} ({@code contract.md} §5): the Lambda edge's one parse and one produce step.
 * API Gateway leaves absent maps {@code null}; they become empty here. Authorizer claims are
 * turned into strings, as API Gateway's Cognito authorizer passes them.
 */
final class ProxyEvents {
  private ProxyEvents() {}

  /**
   * The request event of a proxy event.
   *
   * @throws IllegalArgumentException when the event lacks what every API Gateway event has
   */
  static RequestEvent toRequestEvent(APIGatewayProxyRequestEvent event) {
    APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
    if (context == null || event.getPath() == null || event.getHttpMethod() == null || context.getRequestId() == null) {
      throw new IllegalArgumentException("not an API Gateway proxy event: path, httpMethod or requestContext missing");
    }
    APIGatewayProxyRequestEvent.RequestIdentity identity = context.getIdentity();
    return new RequestEvent(
        orElse(event.getResource(), RequestEvent.RESOURCE),
        event.getPath(),
        event.getHttpMethod(),
        orEmpty(event.getHeaders()),
        orEmpty(event.getMultiValueHeaders()),
        orEmpty(event.getQueryStringParameters()),
        orEmpty(event.getPathParameters()),
        new RequestEvent.RequestContext(
            context.getRequestId(),
            orElse(context.getRequestTime(), ""),
            Optional.ofNullable(context.getRequestTimeEpoch()).orElse(0L),
            orElse(context.getStage(), ""),
            orElse(context.getResourcePath(), RequestEvent.RESOURCE),
            orElse(context.getHttpMethod(), event.getHttpMethod()),
            new RequestEvent.Identity(
                identity == null ? "" : orElse(identity.getSourceIp(), ""),
                identity == null ? null : identity.getUserAgent()),
            new RequestEvent.Authorizer(claims(context.getAuthorizer()))));
  }

  /** The proxy response of an upload-API response. */
  static APIGatewayProxyResponseEvent toResponse(ApiResponse response) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(response.status())
        .withHeaders(new LinkedHashMap<>(response.headers()))
        .withBody(response.body())
        .withIsBase64Encoded(false);
  }

  private static Map<String, String> claims(@Nullable Map<String, Object> authorizer) {
    Map<String, String> claims = new LinkedHashMap<>();
    if (authorizer != null && authorizer.get("claims") instanceof Map<?, ?> raw) {
      raw.forEach((name, value) -> {
        if (name != null && value != null) {
          claims.put(name.toString(), value.toString());
        }
      });
    }
    return claims;
  }

  private static <K, V> Map<K, V> orEmpty(@Nullable Map<K, V> map) {
    if (map == null) {
      return Map.of();
    }
    // Map.copyOf in RequestEvent refuses null values, which API Gateway may send for empty values.
    Map<K, V> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (k != null && v != null) {
        copy.put(k, v);
      }
    });
    return copy;
  }

  private static String orElse(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }
}
