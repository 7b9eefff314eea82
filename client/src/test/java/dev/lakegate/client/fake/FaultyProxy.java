package dev.lakegate.client.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A plain-HTTP forward proxy on 127.0.0.1 that sits between a client and a server and breaks
 * chosen PUTs: it answers some with 500 without passing them on, and resets the connection of
 * others half-way through the body. Everything else is forwarded as it is, one request per
 * connection. Clients reach it through {@link #selector()}.
 */
public final class FaultyProxy implements AutoCloseable {

  /** What happens to one PUT. */
  public enum Fault { NONE, ERROR_500, RESET }

  private final ServerSocket listener;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final IntFunction<Fault> faults;
  private final AtomicInteger puts = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private final AtomicLong forwardedPutBytes = new AtomicLong();

  /** Starts a proxy that applies {@code faults} to PUT number n (1-based, counted over all PUTs). */
  public FaultyProxy(IntFunction<Fault> faults) throws IOException {
    this.faults = faults;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    workers.execute(this::accept);
  }

  /** Routes every request of a client through this proxy. */
  public ProxySelector selector() {
    return ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
  }

  /** PUTs that were answered 500 or reset. */
  public int injectedFaults() {
    return injected.get();
  }

  /** Body bytes of PUTs passed on to the server. */
  public long forwardedPutBytes() {
    return forwardedPutBytes.get();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    workers.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        workers.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      URI target = URI.create(requestLine[1]);
      long length = contentLength(head);
      Fault fault = "PUT".equals(requestLine[0]) ? faults.apply(puts.incrementAndGet()) : Fault.NONE;
      switch (fault) {
        case ERROR_500 -> {
          injected.incrementAndGet();
          in.skipNBytes(length);
          byte[] body = "<Error><Code>InternalError</Code><Message>injected by the proxy</Message></Error>"
              .getBytes(StandardCharsets.UTF_8);
          OutputStream out = client.getOutputStream();
          out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\nContent-Length: "
              + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(body);
          out.flush();
        }
        case RESET -> {
          injected.incrementAndGet();
          in.skipNBytes(length / 2);
          client.setSoLinger(true, 0);
        }
        case NONE -> forward(client, in, head, requestLine, target, length);
      }
    } catch (IOException e) {
      // The client went away or the server closed: nothing to pass on.
    }
  }

  private void forward(Socket client, InputStream in, List<String> head, String[] requestLine, URI target, long length)
      throws IOException {
    try (Socket origin = new Socket(target.getHost(), target.getPort())) {
      OutputStream toOrigin = origin.getOutputStream();
      StringBuilder request = new StringBuilder()
          .append(requestLine[0]).append(' ').append(target.getRawPath())
          .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
      for (String header : head.subList(1, head.size())) {
        String name = header.substring(0, header.indexOf(':')).strip().toLowerCase(Locale.ROOT);
        if (!name.equals("connection") && !name.equals("proxy-connection")) {
          request.append(header).append("\r\n");
        }
      }
      request.append("Connection: close\r\n\r\n");
      toOrigin.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      copy(in, toOrigin, length);
      toOrigin.flush();
      if ("PUT".equals(requestLine[0])) {
        forwardedPutBytes.addAndGet(length);
      }
      // Connection: close makes the server end its answer with the connection, so relay to EOF,
      // telling the client too that this connection ends, so that it does not reuse it.
      InputStream fromOrigin = origin.getInputStream();
      List<String> answer = readHead(fromOrigin);
      StringBuilder relayed = new StringBuilder();
      for (String header : answer) {
        if (!header.toLowerCase(Locale.ROOT).startsWith("connection:")) {
          relayed.append(header).append("\r\n");
        }
      }
      relayed.append("Connection: close\r\n\r\n");
      OutputStream toClient = client.getOutputStream();
      toClient.write(relayed.toString().getBytes(StandardCharsets.ISO_8859_1));
      fromOrigin.transferTo(toClient);
      toClient.flush();
    }
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (long left = length; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("the client ended the body early");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static long contentLength(List<String> head) {
    for (String header : head) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(header.substring(header.indexOf(':') + 1).strip());
      }
    }
    return 0;
  }

  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return List.of();
  }
}
