package dev.lakegate.server.jetty;

import dev.lakegate.lake.local.LakeRequest;
import dev.lakegate.lake.local.LakeResponse;
import dev.lakegate.lake.local.LocalLakeEndpoint;
import dev.lakegate.server.http.RequestScope;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * Mounts the filesystem lake on the server's listener ({@code contract.md} §6): every request whose
 * path is the bucket's ({@code /{bucket}} or {@code /{bucket}/...}) goes to lake-local's endpoint,
 * which checks the presigned URL and streams a {@code PUT} body to disk; any other request goes on
 * to the handler inside (the API's routes). It sits inside the network filter, so presigned URLs
 * work only from allowed networks, and the access log and the metrics count its requests like any
 * other. Lake requests are answered on Jetty's own request and response, ahead of the servlet layer
 * and the router, which cost about a tenth of the server's CPU for a 64 KiB {@code PUT}. Answers
 * are written as the lake gives them (S3's XML errors).
 */
public final class LakeHandler extends Handler.Wrapper {
  private final LocalLakeEndpoint lake;
  private final Logger log;

  public LakeHandler(LocalLakeEndpoint lake, Logger log) {
    this.lake = Objects.requireNonNull(lake, "lake");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String rawPath = request.getHttpURI().getPath();
    if (rawPath == null || !lake.owns(rawPath)) {
      return super.handle(request, response, callback);
    }
    RequestScope scope = RequestScope.fromAttribute(request.getAttribute(RequestScope.ATTRIBUTE));
    String method = request.getMethod();
    long length = request.getLength();
    String query = request.getHttpURI().getQuery();
    LakeResponse answer = lake.handle(new LakeRequest(
        method,
        rawPath,
        query == null ? "" : query,
        RequestHeaders.asMap(request),
        length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
        Content.Source.asInputStream(request),
        scope.requestId()));
    answer.failureDetail().ifPresent(detail -> log.info("lake request {} {} refused: {}", scope.requestId(), method, detail));
    response.setStatus(answer.status());
    answer.headers().forEach(response.getHeaders()::put);
    byte[] body = answer.body();
    if (body.length > 0 && !HttpMethod.HEAD.is(method)) {
      response.write(true, ByteBuffer.wrap(body), callback);
    } else {
      callback.succeeded();
    }
    return true;
  }

  /** The lake reads the body with blocking calls and waits for the disk before it answers. */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.BLOCKING;
  }
}
