package dev.lakegate.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the edge knows about one request beyond HTTP: its id, the source address the network
 * filter decided on, when it arrived, and, once a token was verified, the calling client. Created
 * by the outermost handler and carried as a request attribute, so the upload API, the access log
 * and the auth event log all report the same id and address.
 */
public final class RequestScope {
  /** The request attribute holding it. */
  public static final String ATTRIBUTE = RequestScope.class.getName();

  /** API Gateway's {@code requestTime} format; English month names whatever the machine's locale. */
  public static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  // The text has whole seconds, and a server answers thousands of requests in one: format each second once.
  private static volatile FormattedSecond lastFormatted = new FormattedSecond(Long.MIN_VALUE, "");

  private record FormattedSecond(long epochSecond, String text) {}

  private final String requestId;
  private final String sourceIp;
  private final Instant receivedAt;
  private volatile @Nullable String caller;

  public RequestScope(String requestId, String sourceIp, Instant receivedAt) {
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.sourceIp = Objects.requireNonNull(sourceIp, "sourceIp");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public String requestId() {
    return requestId;
  }

  public String sourceIp() {
    return sourceIp;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  /** {@link #receivedAt()} as API Gateway writes {@code requestTime}: {@code 24/Nov/2026:04:22:29 +0000}. */
  public String requestTime() {
    FormattedSecond last = lastFormatted;
    if (last.epochSecond() != receivedAt.getEpochSecond()) {
      last = new FormattedSecond(receivedAt.getEpochSecond(), REQUEST_TIME.format(receivedAt));
      lastFormatted = last;
    }
    return last.text();
  }

  /** The app client id whose token this request carried, once verified. */
  public Optional<String> caller() {
    return Optional.ofNullable(caller);
  }

  public void caller(String clientId) {
    this.caller = Objects.requireNonNull(clientId, "clientId");
  }

  /**
   * The scope the outermost handler attached to this request.
   *
   * @throws IllegalStateException when the request did not pass the network filter handler (a
   *     wiring bug: every request must)
   */
  public static RequestScope of(Context ctx) {
    return fromAttribute(ctx.req().getAttribute(ATTRIBUTE));
  }

  /**
   * The scope in a request's {@link #ATTRIBUTE}, for handlers that see Jetty's request rather than
   * Javalin's context.
   *
   * @throws IllegalStateException when there is none (the request did not pass the network filter handler)
   */
  public static RequestScope fromAttribute(@Nullable Object attribute) {
    if (attribute instanceof RequestScope scope) {
      return scope;
    }
    throw new IllegalStateException("request reached a route without passing the network filter");
  }

  @Override
  public String toString() {
    return "RequestScope[" + requestId + " from " + sourceIp + "]";
  }
}
