package dev.lakegate.server.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import net.logstash.logback.marker.Markers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The access log: one JSON line per request with API Gateway's standard access-log fields
 * ({@code contract.md} §7). Writes nothing of the request but these fields.
 */
public final class AccessLog {
  private final Logger logger;

  AccessLog(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /**
   * One request as the access log shows it.
   *
   * @param caller the app client id when a token was verified, else null
   * @param requestTime {@code dd/MMM/yyyy:HH:mm:ss Z}
   */
  public record Entry(
      String requestId,
      String ip,
      @Nullable String caller,
      String requestTime,
      String httpMethod,
      String resourcePath,
      int status,
      String protocol,
      long responseLength) {}

  public void record(Entry entry) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("requestId", entry.requestId());
    fields.put("ip", entry.ip());
    fields.put("caller", entry.caller() == null ? "-" : entry.caller());
    fields.put("user", entry.caller() == null ? "-" : entry.caller());
    fields.put("requestTime", entry.requestTime());
    fields.put("httpMethod", entry.httpMethod());
    fields.put("resourcePath", entry.resourcePath());
    fields.put("status", entry.status());
    fields.put("protocol", entry.protocol());
    fields.put("responseLength", entry.responseLength());
    logger.info(Markers.appendEntries(fields), "access");
  }
}
