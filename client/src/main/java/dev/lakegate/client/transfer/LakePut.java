package dev.lakegate.client.transfer;

import dev.lakegate.client.UploadListener;
import dev.lakegate.client.http.ServerMessage;
import dev.lakegate.client.http.ServerResponseException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One attempt to PUT a body to a presigned URL with its {@code Content-MD5} ({@code contract.md}
 * §4 and §6): the body streams from its source with a known length, sent bytes are counted for
 * progress and taken back when the attempt fails, and the answer's ETag is returned without its
 * quotes. The presigned URL is a credential: it never appears in a message.
 */
final class LakePut {
  /** Generous, since a slow link is no error: two minutes plus one second per MiB. */
  private static final Duration BASE_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http;
  private final UploadListener listener;
  private final AtomicLong bytesSent = new AtomicLong();

  LakePut(HttpClient http, UploadListener listener) {
    this.http = Objects.requireNonNull(http, "http");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Body bytes handed to the network so far, retried ones included. */
  long bytesSent() {
    return bytesSent.get();
  }

  String put(URI url, ContentMd5 md5, PartBody body) throws IOException, InterruptedException {
    AtomicLong attempt = new AtomicLong();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(BASE_TIMEOUT.plusSeconds(body.length() >> 20))
        .header("Content-MD5", md5.base64())
        .PUT(body.length() == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counted(body, attempt)), body.length()))
        .build();
    boolean stored = false;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ServerResponseException("PUT to the lake", response.statusCode(),
            ServerMessage.of(response.body()), ServerMessage.retryAfter(response.headers()));
      }
      stored = true;
      return response.headers().firstValue("ETag").map(UploadApi::unquote).orElseGet(md5::hex);
    } finally {
      if (!stored) {
        listener.bytesSent(-attempt.get());
      }
    }
  }

  private InputStream counted(PartBody body, AtomicLong attempt) {
    try {
      return new FilterInputStream(body.open()) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            attempt.addAndGet(n);
            bytesSent.addAndGet(n);
            listener.bytesSent(n);
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
