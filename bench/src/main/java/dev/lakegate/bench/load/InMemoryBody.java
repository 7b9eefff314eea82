package dev.lakegate.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body held in memory and sent again with every request, by many workers at once. The
 * harness's socket transport writes its bytes to the socket as they are; {@code java.net.http}'s
 * own {@code ofByteArray} publisher, which the JDK transport still uses, copies them into new
 * buffers for every request, harness CPU taken from the server on shared cores.
 */
public final class InMemoryBody implements HttpRequest.BodyPublisher {
  private final byte[] bytes;
  private final HttpRequest.BodyPublisher publisher;

  private InMemoryBody(byte[] bytes) {
    this.bytes = bytes;
    this.publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
  }

  /** A body of {@code bytes}, which the caller must not change while it is in use. */
  public static InMemoryBody of(byte[] bytes) {
    return new InMemoryBody(bytes);
  }

  @Override
  public long contentLength() {
    return bytes.length;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    publisher.subscribe(subscriber);
  }

  /** Writes the body to {@code out} in one call. */
  void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }
}
