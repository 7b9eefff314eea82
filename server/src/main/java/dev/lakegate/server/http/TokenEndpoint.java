package dev.lakegate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.token.OAuthError;
import dev.lakegate.auth.token.TokenRequest;
import dev.lakegate.auth.token.TokenResult;
import dev.lakegate.server.log.AuthEventLog;
import dev.lakegate.server.metrics.ServerMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * {@code POST /oauth2/token} ({@code contract.md} §2, RFC 6749 §4.4 and §5): parses HTTP (the
 * form body, capped at {@code limits.maxTokenRequestBytes}, and the {@code Authorization} header)
 * into auth's {@link TokenRequest}, lets the {@link AuthorizationServer} decide, and writes the
 * answer with {@code Cache-Control: no-store}. Every request that reaches the grant is one line in
 * the auth event log, granted or refused. Another method gets 405 and a body that is not a form
 * gets {@code invalid_request}, both in the RFC's error shape.
 */
public final class TokenEndpoint {
  public static final String PATH = AuthorizationServer.TOKEN_PATH;
  private static final String FORM = "application/x-www-form-urlencoded";

  private final AuthorizationServer auth;
  private final AuthEventLog authEvents;
  private final ServerMetrics metrics;
  private final int maxBodyBytes;

  public TokenEndpoint(AuthorizationServer auth, AuthEventLog authEvents, ServerMetrics metrics, int maxBodyBytes) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.authEvents = Objects.requireNonNull(authEvents, "authEvents");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.maxBodyBytes = maxBodyBytes;
  }

  public void mount(RoutesConfig routes) {
    routes.post(PATH, this::handle);
    for (HandlerType other : List.of(HandlerType.GET, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH)) {
      routes.addHttpHandler(other, PATH, ctx -> {
        ctx.header("Allow", "POST");
        writeError(ctx, 405, OAuthError.INVALID_REQUEST);
      });
    }
  }

  private void handle(Context ctx) throws IOException {
    RequestScope scope = RequestScope.of(ctx);
    String contentType = Optional.ofNullable(ctx.req().getContentType()).orElse("");
    int parameters = contentType.indexOf(';');
    String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals(FORM)) {
      refuse(ctx, scope, "content type is not " + FORM + ": " + contentType);
      return;
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      tooLarge(ctx, scope, declared);
      return;
    }
    Optional<byte[]> body = readCapped(ctx.req().getInputStream());
    if (body.isEmpty()) {
      tooLarge(ctx, scope, -1);
      return;
    }
    Map<String, List<String>> form = new LinkedHashMap<>();
    try {
      UrlEncoded.decodeTo(new String(body.get(), StandardCharsets.UTF_8),
          (name, value) -> form.computeIfAbsent(name, n -> new ArrayList<>()).add(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      refuse(ctx, scope, "form body is not valid URL encoding");
      return;
    }
    TokenRequest request = TokenRequest.fromHttp(Optional.ofNullable(ctx.header("Authorization")), form);
    write(ctx, scope, auth.token(request), request.scope());
  }

  /** The body, or empty when it is longer than the cap; never reads more than one byte past it. */
  private Optional<byte[]> readCapped(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(maxBodyBytes + 1);
    return bytes.length > maxBodyBytes ? Optional.empty() : Optional.of(bytes);
  }

  private void write(Context ctx, RequestScope scope, TokenResult result, Optional<String> requestedScope) throws JsonProcessingException {
    switch (result) {
      case TokenResult.Granted granted -> {
        scope.caller(granted.clientId());
        metrics.token("granted");
        authEvents.record(new AuthEventLog.Event(scope.requestId(), scope.sourceIp(), "granted", "",
            granted.clientId(), granted.clientName(), granted.scope()));
      }
      case TokenResult.Refused refused -> {
        metrics.token("refused");
        authEvents.record(new AuthEventLog.Event(scope.requestId(), scope.sourceIp(), "refused",
            refused.error().code() + ": " + refused.reasonForLog(), refused.clientId().orElse(null), null, requestedScope.orElse(null)));
        refused.wwwAuthenticate().ifPresent(value -> ctx.header("WWW-Authenticate", value));
      }
    }
    noStore(ctx);
    ctx.status(result.httpStatus()).contentType(ErrorBody.CONTENT_TYPE).result(ResponseJson.write(result.responseBody()));
  }

  private void refuse(Context ctx, RequestScope scope, String reason) {
    metrics.token("refused");
    authEvents.record(new AuthEventLog.Event(scope.requestId(), scope.sourceIp(), "refused",
        OAuthError.INVALID_REQUEST.code() + ": " + reason, null, null, null));
    writeError(ctx, 400, OAuthError.INVALID_REQUEST);
  }

  private void tooLarge(Context ctx, RequestScope scope, long declared) {
    metrics.token("refused");
    authEvents.record(new AuthEventLog.Event(scope.requestId(), scope.sourceIp(), "refused",
        "body over " + maxBodyBytes + " bytes" + (declared > 0 ? " (Content-Length " + declared + ")" : ""), null, null, null));
    // The rest of an oversized body is never read, so the connection cannot carry another request.
    ctx.header("Connection", "close");
    noStore(ctx);
    ErrorMapping.write(ctx, 413);
  }

  private static void writeError(Context ctx, int status, OAuthError error) {
    noStore(ctx);
    ctx.status(status).contentType(ErrorBody.CONTENT_TYPE).result(ErrorBody.write(Map.of("error", error.code())));
  }

  private static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
  }
}
