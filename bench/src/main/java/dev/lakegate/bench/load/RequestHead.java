package dev.lakegate.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The head of an HTTP/1.1 request (RFC 9112) as the harness's own transports write it: request
 * line, {@code Host}, the request's headers, and a {@code Content-Length} for any body, whose
 * length must be known before it is sent.
 */
final class RequestHead {
  private RequestHead() {}

  /** The length of the request's body; refuses what a plain-socket transport cannot send. */
  static long bodyLength(HttpRequest request) {
    if (!"http".equalsIgnoreCase(request.uri().getScheme())) {
      throw new IllegalArgumentException("the socket transports speak plain http only");
    }
    long length = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
    if (length < 0) {
      throw new IllegalArgumentException("the socket transports send bodies of known length only");
    }
    return length;
  }

  /** {@code host:port} of the request's target, the port 80 when the URL has none. */
  static String authority(URI url) {
    return url.getHost() + ":" + port(url);
  }

  static int port(URI url) {
    return url.getPort() < 0 ? 80 : url.getPort();
  }

  /** The head's bytes, blank line included. */
  static byte[] of(HttpRequest request, long length, String authority) {
    URI url = request.uri();
    StringBuilder head = new StringBuilder(256)
        .append(request.method()).append(' ')
        .append(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
        .append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
    for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
      for (String value : header.getValue()) {
        head.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    if (length > 0 || !request.method().equals("GET")) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
