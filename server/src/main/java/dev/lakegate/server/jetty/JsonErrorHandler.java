package dev.lakegate.server.jetty;

import dev.lakegate.server.http.ErrorBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Renders what Jetty rejects by itself (headers too large → 431, a malformed request line → 400,
 * URI too long → 414, idle timeouts) in the edge's one JSON error shape, {@code {"message":
 * "..."}}, with the project's own text and never Jetty's message, cause or stack trace
 * ({@code style.md} rule 6).
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, @Nullable String message, @Nullable Throwable cause, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, body(code), callback);
  }

  private static ByteBuffer body(int status) {
    return ByteBuffer.wrap(ErrorBody.forStatus(status).getBytes(StandardCharsets.UTF_8));
  }
}
