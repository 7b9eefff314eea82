package dev.lakegate.server.http;

import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.token.Verification;
import dev.lakegate.core.upload.ApiResponse;
import dev.lakegate.core.upload.RequestEvent;
import dev.lakegate.core.upload.UploadOutcome;
import dev.lakegate.core.upload.UploadService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;

/**
 * The upload API at {@code /{stageName}/upload/{operation}} ({@code contract.md} §4), {@code GET}
 * only: the token is checked (missing or invalid 401, without the upload scope 403), the request
 * event is built once, {@link UploadService} decides, and its {@link ApiResponse} is written as it
 * is. At most {@code concurrencyLimit} requests are in flight; one more gets 429 with {@code
 * Retry-After: 1} at once, never a queue, as a Lambda function's reserved concurrency refuses.
 */
public final class UploadApi {
  private final String stage;
  private final AuthorizationServer auth;
  private final RequestEventFactory events;
  private final UploadService service;
  private final Semaphore inFlight;
  private final Logger log;

  /**
   * @param auth verifies the {@code Authorization} header
   * @param concurrencyLimit requests allowed in flight at once
   */
  public UploadApi(String stage, AuthorizationServer auth, UploadService service, int concurrencyLimit, Logger log) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.events = new RequestEventFactory(stage);
    this.service = Objects.requireNonNull(service, "service");
    this.inFlight = new Semaphore(concurrencyLimit);
    this.log = Objects.requireNonNull(log, "log");
  }

  /** The path prefix of the API, {@code /{stageName}/upload/}. */
  public String basePath() {
    return "/" + stage + "/upload/";
  }

  public void mount(RoutesConfig routes) {
    routes.get(basePath() + "<operation>", this::handle);
  }

  private void handle(Context ctx) {
    RequestScope scope = RequestScope.of(ctx);
    Verification verification = auth.verify(Optional.ofNullable(ctx.header("Authorization")));
    switch (verification) {
      case Verification.Rejected rejected -> {
        log.info("request {} token rejected: {}", scope.requestId(), rejected.reason().description());
        unauthorized(ctx);
      }
      case Verification.InsufficientScope insufficient -> {
        scope.caller(insufficient.clientId());
        log.info("request {} client {} lacks the upload scope, has {}", scope.requestId(), insufficient.clientId(), insufficient.scopes());
        ErrorMapping.write(ctx, 403);
      }
      case Verification.Verified verified -> {
        scope.caller(verified.clientId());
        serve(ctx, scope, verified);
      }
    }
  }

  private void serve(Context ctx, RequestScope scope, Verification.Verified verified) {
    if (!inFlight.tryAcquire()) {
      log.info("request {} refused: concurrency limit reached", scope.requestId());
      ctx.header("Retry-After", "1");
      ErrorMapping.write(ctx, 429);
      return;
    }
    try {
      RequestEvent event = events.build(ctx, ctx.pathParam("operation"), verified.claims());
      UploadOutcome outcome = service.decide(event);
      outcome.failure().ifPresent(failure -> log.info("request {} by {} refused: {}", scope.requestId(), verified.clientId(), failure));
      write(ctx, outcome.response());
    } finally {
      inFlight.release();
    }
  }

  private static void write(Context ctx, ApiResponse response) {
    ctx.status(response.status());
    response.headers().forEach(ctx::header);
    if (ctx.res().getContentType() == null) {
      ctx.contentType(ErrorBody.CONTENT_TYPE);
    }
    ctx.result(response.body());
  }

  private static void unauthorized(Context ctx) {
    ctx.header("WWW-Authenticate", "Bearer");
    ErrorMapping.write(ctx, 401);
  }
}
