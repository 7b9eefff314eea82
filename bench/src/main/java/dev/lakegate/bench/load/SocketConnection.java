package dev.lakegate.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A keep-alive HTTP/1.1 connection on a plain socket (RFC 9112): writes the request with a
 * {@code Content-Length} body, reads the status line, the headers and the body (fixed length,
 * chunked, or up to the close), and reconnects when the server closed the connection or the
 * request names another host. Written by hand because {@code java.net.http} spends several times
 * the server's CPU per small request, and on two shared cores that CPU is taken from the server.
 */
final class SocketConnection implements Transport.Connection {
  private static final int BUFFER = 64 * 1024;
  private static final Object END_OF_BODY = new Object();

  private @Nullable Socket socket;
  private @Nullable InputStream in;
  private @Nullable OutputStream out;
  private String authority = "";
  private final byte[] skip = new byte[BUFFER];

  @Override
  public int exchange(HttpRequest request) throws IOException, InterruptedException {
    long length = RequestHead.bodyLength(request);
    URI url = request.uri();
    int port = RequestHead.port(url);
    String target = RequestHead.authority(url);
    if (socket == null || !target.equals(authority)) {
      connect(url.getHost(), port, target);
    }
    try {
      writeRequest(request, length, target);
      return readResponse(request.method());
    } catch (IOException | RuntimeException e) {
      // The stream may be mid-message: the next request starts on a fresh connection.
      close();
      throw e;
    }
  }

  private void connect(String host, int port, String target) throws IOException {
    close();
    Socket opened = new Socket();
    opened.setTcpNoDelay(true);
    opened.connect(new InetSocketAddress(host, port), 10_000);
    socket = opened;
    in = new BufferedInputStream(opened.getInputStream(), BUFFER);
    out = new BufferedOutputStream(opened.getOutputStream(), BUFFER);
    authority = target;
  }

  private void writeRequest(HttpRequest request, long length, String target)
      throws IOException, InterruptedException {
    OutputStream o = Objects.requireNonNull(out, "connected");
    o.write(RequestHead.of(request, length, target));
    if (length > 0) {
      HttpRequest.BodyPublisher body = request.bodyPublisher().orElseThrow();
      if (body instanceof InMemoryBody memory) {
        memory.writeTo(o);
      } else {
        writeBody(body, o);
      }
    }
    o.flush();
  }

  private int readResponse(String method) throws IOException {
    InputStream i = Objects.requireNonNull(in, "connected");
    String status = line(i);
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String header = line(i); !header.isEmpty(); header = line(i)) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> closes = value.contains("close");
        default -> { }
      }
    }
    boolean noBody = method.equals("HEAD") || code == 204 || code == 304 || code / 100 == 1;
    if (!noBody) {
      if (chunked) {
        skipChunks(i);
      } else if (length >= 0) {
        skipExactly(i, length);
      } else {
        skipToEnd(i);
        closes = true;
      }
    }
    if (closes) {
      close();
    }
    return code;
  }

  private void skipChunks(InputStream i) throws IOException {
    while (true) {
      String size = line(i);
      int extension = size.indexOf(';');
      long n = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
      if (n == 0) {
        while (!line(i).isEmpty()) {
          // trailer fields
        }
        return;
      }
      skipExactly(i, n);
      line(i);
    }
  }

  private void skipExactly(InputStream i, long n) throws IOException {
    for (long left = n; left > 0; ) {
      int read = i.read(skip, 0, (int) Math.min(skip.length, left));
      if (read < 0) {
        throw new EOFException("connection closed inside a response body");
      }
      left -= read;
    }
  }

  private void skipToEnd(InputStream i) throws IOException {
    while (i.read(skip) >= 0) {
      // the body ends with the connection
    }
  }

  private static String line(InputStream i) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = i.read(); c != '\n'; c = i.read()) {
      if (c < 0) {
        throw new EOFException("connection closed before the end of a response");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /**
   * Streams the request's body to the socket as its publisher produces it, one buffer at a time,
   * so a large object is never held.
   */
  private static void writeBody(HttpRequest.BodyPublisher publisher, OutputStream o)
      throws IOException, InterruptedException {
    BlockingQueue<Object> items = new ArrayBlockingQueue<>(4);
    AtomicReference<Flow.@Nullable Subscription> subscription = new AtomicReference<>();
    publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Flow.Subscription given) {
        subscription.set(given);
        given.request(1);
      }

      @Override
      public void onNext(ByteBuffer item) {
        items.add(item);
      }

      @Override
      public void onError(Throwable failure) {
        items.add(failure);
      }

      @Override
      public void onComplete() {
        items.add(END_OF_BODY);
      }
    });
    while (true) {
      Object item = items.take();
      if (item == END_OF_BODY) {
        return;
      }
      if (item instanceof Throwable failure) {
        throw new IOException("request body failed: " + failure, failure);
      }
      ByteBuffer buffer = (ByteBuffer) item;
      if (buffer.hasArray()) {
        o.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      } else {
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        o.write(copy);
      }
      Objects.requireNonNull(subscription.get(), "subscribed").request(1);
    }
  }

  @Override
  public void close() {
    Socket open = socket;
    socket = null;
    in = null;
    out = null;
    authority = "";
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // closing a socket we are done with; nothing to do
      }
    }
  }
}
