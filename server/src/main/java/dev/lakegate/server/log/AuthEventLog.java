package dev.lakegate.server.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import net.logstash.logback.marker.Markers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The auth event log: one JSON line per token request, granted or refused ({@code contract.md}
 * §2), with the reason, the client id and name when known, never a secret or token.
 */
public final class AuthEventLog {
  private final Logger logger;

  AuthEventLog(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /**
   * One token request's outcome.
   *
   * @param outcome {@code granted} or {@code refused}
   * @param reason the error code and, for the log only, the detailed reason; empty when granted
   * @param clientId as presented by the caller, when any
   * @param clientName the configured name of the client, when the id is known
   * @param scope the granted scope, or the requested one when refused
   */
  public record Event(
      String requestId,
      String ip,
      String outcome,
      String reason,
      @Nullable String clientId,
      @Nullable String clientName,
      @Nullable String scope) {}

  public void record(Event event) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event", "token");
    fields.put("requestId", event.requestId());
    fields.put("ip", event.ip());
    fields.put("outcome", event.outcome());
    fields.put("reason", event.reason());
    fields.put("clientId", event.clientId() == null ? "-" : event.clientId());
    fields.put("clientName", event.clientName() == null ? "-" : event.clientName());
    fields.put("scope", event.scope() == null ? "-" : event.scope());
    logger.info(Markers.appendEntries(fields), "token " + event.outcome());
  }
}
