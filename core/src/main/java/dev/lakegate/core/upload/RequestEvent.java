package dev.lakegate.core.upload;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An upload-API request in API Gateway's REST proxy event shape ({@code contract.md} §5). Each
 * edge builds it once per request (the standalone server from HTTP, the Lambda handler from the
 * event it receives); everything after the edge reads only this.
 *
 * @param resource the API resource, {@code /upload/{proxy+}}
 * @param path the request path below the stage, {@code /upload/unipart}
 * @param headers header name as received to its last value
 * @param multiValueHeaders header name as received to all its values
 * @param queryStringParameters query parameter to its last value
 * @param pathParameters {@code proxy} to the operation
 */
public record RequestEvent(
    String resource,
    String path,
    String httpMethod,
    Map<String, String> headers,
    Map<String, List<String>> multiValueHeaders,
    Map<String, String> queryStringParameters,
    Map<String, String> pathParameters,
    RequestContext requestContext) {

  public static final String RESOURCE = "/upload/{proxy+}";

  public RequestEvent {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(httpMethod, "httpMethod");
    headers = Map.copyOf(headers);
    multiValueHeaders = Map.copyOf(multiValueHeaders);
    queryStringParameters = Map.copyOf(queryStringParameters);
    pathParameters = Map.copyOf(pathParameters);
    Objects.requireNonNull(requestContext, "requestContext");
  }

  /** The operation: the {@code proxy} path parameter, empty when absent. */
  public String operation() {
    return pathParameters.getOrDefault("proxy", "");
  }

  /** The app client on whose behalf the request is made: {@code authorizer.claims.client_id}. */
  public @Nullable String clientId() {
    return requestContext.authorizer().claims().get("client_id");
  }

  /**
   * {@code requestContext} of the event.
   *
   * @param requestTime {@code dd/MMM/yyyy:HH:mm:ss Z}, as API Gateway writes it
   * @param requestTimeEpoch milliseconds since the epoch
   */
  public record RequestContext(
      String requestId,
      String requestTime,
      long requestTimeEpoch,
      String stage,
      String resourcePath,
      String httpMethod,
      Identity identity,
      Authorizer authorizer) {
    public RequestContext {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(requestTime, "requestTime");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(resourcePath, "resourcePath");
      Objects.requireNonNull(httpMethod, "httpMethod");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(authorizer, "authorizer");
    }
  }

  /** {@code requestContext.identity}: the caller's address (after the network filter's decision) and agent. */
  public record Identity(String sourceIp, @Nullable String userAgent) {
    public Identity {
      Objects.requireNonNull(sourceIp, "sourceIp");
    }
  }

  /** {@code requestContext.authorizer}: the verified access token's claims, as strings. */
  public record Authorizer(Map<String, String> claims) {
    public Authorizer {
      claims = Map.copyOf(claims);
    }
  }
}
