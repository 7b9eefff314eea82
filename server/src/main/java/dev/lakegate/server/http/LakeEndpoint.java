package dev.lakegate.server.http;

import dev.lakegate.lake.local.LakeRequest;
import dev.lakegate.lake.local.LakeResponse;
import dev.lakegate.lake.local.LocalLakeEndpoint;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;

/**
 * Mounts the filesystem lake on the server's listener ({@code contract.md} §6): every request whose
 * first path segment is the bucket goes to lake-local's endpoint, which checks the presigned URL
 * and streams a {@code PUT} body to disk. The network filter has already run, so presigned URLs
 * work only from allowed networks. Answers are written as the lake gives them (S3's XML errors).
 */
public final class LakeEndpoint {
  private static final List<HandlerType> METHODS =
      List.of(HandlerType.PUT, HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.DELETE, HandlerType.PATCH);

  private final LocalLakeEndpoint lake;
  private final String bucket;
  private final Logger log;

  public LakeEndpoint(LocalLakeEndpoint lake, String bucket, Logger log) {
    this.lake = Objects.requireNonNull(lake, "lake");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.log = Objects.requireNonNull(log, "log");
  }

  public void mount(RoutesConfig routes) {
    for (HandlerType method : METHODS) {
      routes.addHttpHandler(method, "/" + bucket, this::handle);
      routes.addHttpHandler(method, "/" + bucket + "/<key>", this::handle);
    }
  }

  private void handle(Context ctx) throws IOException {
    RequestScope scope = RequestScope.of(ctx);
    HttpServletRequest req = ctx.req();
    long length = req.getContentLengthLong();
    LakeRequest request = new LakeRequest(
        req.getMethod(),
        req.getRequestURI(),
        req.getQueryString() == null ? "" : req.getQueryString(),
        headersOf(req),
        length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
        req.getInputStream(),
        scope.requestId());
    LakeResponse response = lake.handle(request);
    response.failureDetail().ifPresent(detail -> log.info("lake request {} {} refused: {}", scope.requestId(), req.getMethod(), detail));
    ctx.status(response.status());
    response.headers().forEach(ctx::header);
    byte[] body = response.body();
    if (body.length > 0 && !req.getMethod().equals("HEAD")) {
      ctx.result(body);
    }
  }

  private static Map<String, List<String>> headersOf(HttpServletRequest req) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
    }
    return headers;
  }
}
