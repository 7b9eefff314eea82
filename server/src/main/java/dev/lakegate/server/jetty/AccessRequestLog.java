package dev.lakegate.server.jetty;

import dev.lakegate.server.http.RequestScope;
import dev.lakegate.server.log.AccessLog;
import dev.lakegate.server.metrics.ServerMetrics;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * Writes one access-log line ({@code contract.md} §7) for every request Jetty completes, including
 * those Jetty rejected itself but not those the network filter blocked (they are the firewall
 * log's), with the id, source address and
 * caller of the request's {@link RequestScope}.
 */
final class AccessRequestLog implements RequestLog {
  private final AccessLog accessLog;
  private final ServerMetrics metrics;
  private final Function<String, String> routeOf;

  /** @param routeOf the route group of a path, as the metrics tag it */
  AccessRequestLog(AccessLog accessLog, ServerMetrics metrics, Function<String, String> routeOf) {
    this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.routeOf = Objects.requireNonNull(routeOf, "routeOf");
  }

  @Override
  public void log(Request request, Response response) {
    if (request.getAttribute(NetworkFilterHandler.BLOCKED) != null) {
      return;
    }
    RequestScope scope = request.getAttribute(RequestScope.ATTRIBUTE) instanceof RequestScope known
        ? known
        // Rejected before any handler ran (a malformed request): no id or filter decision exists.
        : new RequestScope("-", NetworkFilterHandler.peerAddress(request).getHostAddress(), Instant.ofEpochMilli(Request.getTimeStamp(request)));
    accessLog.record(new AccessLog.Entry(
        scope.requestId(),
        scope.sourceIp(),
        scope.caller().orElse(null),
        scope.requestTime(),
        request.getMethod(),
        request.getHttpURI().getPath(),
        response.getStatus(),
        request.getConnectionMetaData().getProtocol(),
        Response.getContentBytesWritten(response)));
    metrics.request(routeOf.apply(request.getHttpURI().getPath()), request.getMethod(), response.getStatus(),
        NanoTime.since(request.getBeginNanoTime()));
  }
}
