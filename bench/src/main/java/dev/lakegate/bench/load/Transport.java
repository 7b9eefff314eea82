package dev.lakegate.bench.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * How a load worker sends requests: each worker opens one {@link Connection} and sends all its
 * requests on it. {@link #jdk} uses {@code java.net.http} (any body, TLS); {@link #socket} speaks
 * HTTP/1.1 on a plain socket and costs far less CPU per request, which matters when the harness
 * shares a small machine's cores with the server it measures.
 */
public interface Transport {

  /** A new connection for one worker. */
  Connection open();

  /** One worker's keep-alive connection. Not thread-safe: one worker, one connection. */
  interface Connection extends AutoCloseable {
    /** Sends the request, reads the whole answer, and returns its status. */
    int exchange(HttpRequest request) throws IOException, InterruptedException;

    @Override
    void close();
  }

  /** Every worker sends through {@code client}, whose pool keeps one connection per busy worker. */
  static Transport jdk(HttpClient client) {
    return () -> new Connection() {
      @Override
      public int exchange(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      }

      @Override
      public void close() {
        // the client owns its connections
      }
    };
  }

  /** Plain-socket HTTP/1.1, one socket per worker; plain {@code http} targets only. */
  static Transport socket() {
    return SocketConnection::new;
  }
}
