package dev.lakegate.core.vectors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One deployment's edge as the shared test vectors drive it: the standalone server over HTTP, or
 * the Lambda handler with API Gateway events. The edge is configured with {@link VectorSettings}
 * and a lake it can read back from.
 */
public interface VectorEdge {

  /** Sends one upload-API request as a partner would, through this edge, as the named app client. */
  VectorResponse call(VectorCall call);

  /** The client id this edge gives the vectors' client {@code name}. */
  String clientId(String name);

  /** The object of that key in the lake; empty when absent. */
  Optional<byte[]> read(String key);

  /** Uploads {@code body} to a presigned URL with its {@code Content-MD5}, as a partner would; the status. */
  default int put(URI url, String contentMd5, byte[] body) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request = HttpRequest.newBuilder(url)
          .header("Content-MD5", contentMd5)
          .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
