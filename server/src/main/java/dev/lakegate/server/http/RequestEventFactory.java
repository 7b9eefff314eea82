package dev.lakegate.server.http;

import dev.lakegate.core.upload.RequestEvent;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one upload-API request into the API Gateway REST proxy event ({@code contract.md} §5),
 * once, at the edge: resource {@code /upload/{proxy+}}, path {@code /upload/<op>}, headers with
 * their last and all values, query parameters with their last value, {@code pathParameters.proxy},
 * and the request context with the id, time and source address the network filter decided on and
 * the verified token's claims.
 */
public final class RequestEventFactory {
  private final String stage;

  public RequestEventFactory(String stage) {
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  /** The event for {@code ctx}, whose operation is {@code operation} and whose token had {@code claims}. */
  public RequestEvent build(Context ctx, String operation, Map<String, String> claims) {
    RequestScope scope = RequestScope.of(ctx);
    HttpServletRequest req = ctx.req();
    Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      List<String> values = new ArrayList<>(Collections.list(req.getHeaders(name)));
      multiValueHeaders.put(name, List.copyOf(values));
      headers.put(name, values.getLast());
    }
    Map<String, String> query = new LinkedHashMap<>();
    ctx.queryParamMap().forEach((name, values) -> {
      if (!values.isEmpty()) {
        query.put(name, values.getLast());
      }
    });
    var context = new RequestEvent.RequestContext(
        scope.requestId(),
        scope.requestTime(),
        scope.receivedAt().toEpochMilli(),
        stage,
        RequestEvent.RESOURCE,
        req.getMethod(),
        new RequestEvent.Identity(scope.sourceIp(), req.getHeader("User-Agent")),
        new RequestEvent.Authorizer(claims));
    return new RequestEvent(
        RequestEvent.RESOURCE,
        "/upload/" + operation,
        req.getMethod(),
        headers,
        multiValueHeaders,
        query,
        Map.of("proxy", operation),
        context);
  }
}
