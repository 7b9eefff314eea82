package dev.lakegate.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Objects;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;

/**
 * The one exception mapper of the Javalin side ({@code style.md} rule 6): statuses Javalin raises
 * itself (404 for an unknown path, 405 for a method a path does not take) in the JSON error shape,
 * a client that went away at debug, and anything else as a generic 500 logged once with the
 * request id and never shown to the caller.
 */
public final class ErrorMapping {
  private final Logger log;

  public ErrorMapping(Logger log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  public void mount(RoutesConfig routes) {
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus()));
    routes.exception(EofException.class, (e, ctx) -> log.debug("client went away during {}", ctx.path()));
    routes.exception(Exception.class, (e, ctx) -> {
      log.error("request {} {} {} failed", requestId(ctx), ctx.method(), ctx.path(), e);
      write(ctx, 500);
    });
    routes.error(404, ctx -> {
      if (!isJson(ctx)) {
        write(ctx, 404);
      }
    });
  }

  /** Writes the JSON error body for {@code status}. */
  public static void write(Context ctx, int status) {
    ctx.status(status).contentType(ErrorBody.CONTENT_TYPE).result(ErrorBody.forStatus(status));
  }

  private static boolean isJson(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith(ErrorBody.CONTENT_TYPE);
  }

  private static String requestId(Context ctx) {
    return ctx.req().getAttribute(RequestScope.ATTRIBUTE) instanceof RequestScope scope ? scope.requestId() : "-";
  }
}
