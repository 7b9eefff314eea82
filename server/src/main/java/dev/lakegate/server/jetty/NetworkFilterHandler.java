package dev.lakegate.server.jetty;

import dev.lakegate.server.filter.FilterDecision;
import dev.lakegate.server.filter.NetworkFilter;
import dev.lakegate.server.http.ErrorBody;
import dev.lakegate.server.http.RequestScope;
import dev.lakegate.server.log.FirewallLog;
import dev.lakegate.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: gives each request its id and runs the network filter ({@code
 * contract.md} §3) on the TCP peer address before any other handler, before the body is read and
 * before any header but {@code X-Forwarded-For} from a trusted proxy is looked at. A blocked
 * request gets 403 {@code {"message":"Forbidden"}}, one firewall log line, and nothing else (as
 * with the module, where the WAF stops it before API Gateway's access log).
 * Paths the configuration leaves open ({@code protectTokenEndpoint: false}) skip the decision
 * but still get their scope.
 */
public final class NetworkFilterHandler extends Handler.Wrapper {
  /** Request attribute marking a request the filter blocked; the access log leaves it to the firewall log. */
  static final String BLOCKED = NetworkFilterHandler.class.getName() + ".blocked";
  private static final byte[] FORBIDDEN = ErrorBody.forStatus(403).getBytes(StandardCharsets.UTF_8);

  private final NetworkFilter filter;
  private final Predicate<String> unfilteredPath;
  private final FirewallLog firewallLog;
  private final ServerMetrics metrics;
  private final Clock clock;
  private final Supplier<UUID> requestIds;

  /**
   * @param unfilteredPath paths the filter lets through whatever the address (none by default)
   * @param requestIds the source of request ids (UUIDs)
   */
  public NetworkFilterHandler(NetworkFilter filter, Predicate<String> unfilteredPath, FirewallLog firewallLog, ServerMetrics metrics,
      Clock clock, Supplier<UUID> requestIds) {
    this.filter = Objects.requireNonNull(filter, "filter");
    this.unfilteredPath = Objects.requireNonNull(unfilteredPath, "unfilteredPath");
    this.firewallLog = Objects.requireNonNull(firewallLog, "firewallLog");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Instant now = clock.instant();
    String requestId = requestIds.get().toString();
    InetAddress peer = peerAddress(request);
    FilterDecision decision = filter.decide(peer, forwardedFor(request, peer));
    request.setAttribute(RequestScope.ATTRIBUTE, new RequestScope(requestId, decision.sourceIp(), now));
    if (decision.allowed() || unfilteredPath.test(Request.getPathInContext(request))) {
      return super.handle(request, response, callback);
    }
    request.setAttribute(BLOCKED, true);
    metrics.blocked();
    firewallLog.blocked(new FirewallLog.Blocked(now, requestId, decision.sourceIp(), NetworkFilter.display(peer),
        request.getMethod(), request.getHttpURI().getPath(), RequestHeaders.asMap(request)));
    response.setStatus(403);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE);
    // The body is never read, so the connection cannot be reused safely for a next request.
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.write(true, ByteBuffer.wrap(FORBIDDEN), callback);
    return true;
  }

  private List<String> forwardedFor(Request request, InetAddress peer) {
    return filter.trusts(peer) ? request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR) : List.of();
  }

  static InetAddress peerAddress(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress();
    }
    // Not an IP connection (never configured): "::" matches no IPv4 block, so the request is blocked.
    try {
      return InetAddress.getByAddress(new byte[16]);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }
}
