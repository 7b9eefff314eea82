package dev.lakegate.server.log;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;

/**
 * The firewall log: one JSON line per request the network filter blocked ({@code contract.md}
 * §3), with the request's headers, {@code authorization} and {@code cookie} redacted as the
 * module's WAF logging does.
 */
public final class FirewallLog {
  private static final List<String> REDACTED = List.of("authorization", "cookie", "proxy-authorization");

  private final Logger logger;

  FirewallLog(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /**
   * One blocked request.
   *
   * @param headers header name as received to its values, in order
   */
  public record Blocked(Instant time, String requestId, String ip, String peer, String method, String path, Map<String, List<String>> headers) {
    public Blocked {
      headers = Map.copyOf(headers);
    }
  }

  public void blocked(Blocked request) {
    Map<String, Object> headers = new LinkedHashMap<>();
    request.headers().forEach((name, values) ->
        headers.put(name, REDACTED.contains(name.toLowerCase(Locale.ROOT)) ? "REDACTED" : String.join(", ", values)));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", request.time().toString());
    fields.put("action", "BLOCK");
    fields.put("requestId", request.requestId());
    fields.put("ip", request.ip());
    fields.put("peer", request.peer());
    fields.put("httpMethod", request.method());
    fields.put("path", request.path());
    fields.put("headers", headers);
    logger.info(Markers.appendEntries(fields), "blocked");
  }
}
