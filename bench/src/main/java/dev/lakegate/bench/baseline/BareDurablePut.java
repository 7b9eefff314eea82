package dev.lakegate.bench.baseline;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The least a server must do for a durable {@code PUT}, as a floor for scenario 3: an HTTP/1.1
 * listener on {@code 127.0.0.1} that reads each body over the socket, computes its MD5 (which the
 * contract's ETag and {@code Content-MD5} check need), writes it to a new file in one direct write
 * where the file system takes direct I/O (the cheapest durable write measured on this machine),
 * fsyncs it and answers 200 with the ETag. Nothing else: no authentication, no signature, no rename
 * into place, no journal, no logs, one platform thread per connection. Written by hand because
 * any framework would add the very costs this floor leaves out. The files stay in their scratch
 * directory, which the caller removes at the end of its run (see {@link FsyncWrites}).
 */
public final class BareDurablePut implements Closeable {
  /** The largest body accepted; the floor is measured with 64 KiB bodies. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  private static final int MAX_HEAD_BYTES = 16 * 1024;
  private static final int ALIGNMENT = 4096;
  private static final Set<OpenOption> CREATE_DIRECT =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
  private static final Set<OpenOption> CREATE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final Path scratch;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong names = new AtomicLong();
  private volatile boolean direct = true;

  private BareDurablePut(Path scratch, ServerSocket listener) {
    this.scratch = scratch;
    this.listener = listener;
  }

  /** Starts the listener, its files in a new scratch directory under {@code directory}. */
  public static BareDurablePut start(Path directory) throws IOException {
    Path scratch = Files.createTempDirectory(directory, "bare-put-");
    BareDurablePut server = new BareDurablePut(scratch, new ServerSocket(0, 128, InetAddress.getLoopbackAddress()));
    Thread.ofPlatform().name("bare-put-accept").daemon(true).start(server::accept);
    return server;
  }

  /** The URL of a new object; every {@code PUT} stores a new file whatever the path. */
  public URI object(long n) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/o/" + n);
  }

  /** Bodies stored so far. */
  public long stored() {
    return stored.get();
  }

  /** Whether the bodies went to the device with direct I/O (else through the page cache). */
  public boolean directIo() {
    return direct;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        open.add(socket);
        Thread.ofPlatform().name("bare-put").daemon(true).start(() -> serve(socket));
      } catch (IOException e) {
        // Closed by close(), or a connection that failed before it was accepted.
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1024);
      byte[] body = new byte[MAX_BODY_BYTES];
      ByteBuffer aligned = ByteBuffer.allocateDirect(MAX_BODY_BYTES + ALIGNMENT).alignedSlice(ALIGNMENT);
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      while (true) {
        Head head = Head.read(in);
        if (head == null) {
          return;
        }
        if (head.length < 0 || head.length > MAX_BODY_BYTES) {
          answer(out, "400 Bad Request", "");
          return;
        }
        for (int got = 0; got < head.length; ) {
          int n = in.read(body, got, head.length - got);
          if (n < 0) {
            throw new EOFException("connection closed inside a body");
          }
          got += n;
        }
        md5.update(body, 0, head.length);
        byte[] digest = md5.digest();
        if (head.contentMd5 != null && !head.contentMd5.equals(Base64.getEncoder().encodeToString(digest))) {
          answer(out, "400 Bad Request", "");
          continue;
        }
        store(body, head.length, aligned);
        stored.incrementAndGet();
        answer(out, "200 OK", "ETag: \"" + HexFormat.of().formatHex(digest) + "\"\r\n");
      }
    } catch (SocketException | EOFException closed) {
      // The harness closed its connection.
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("the bare PUT server failed: " + e, e);
    } finally {
      open.remove(socket);
    }
  }

  private void store(byte[] body, int length, ByteBuffer aligned) throws IOException {
    Path file = scratch.resolve("o" + names.incrementAndGet());
    boolean whole = length % ALIGNMENT == 0;
    if (direct && whole) {
      try (FileChannel channel = FileChannel.open(file, CREATE_DIRECT)) {
        aligned.clear().put(body, 0, length).flip();
        while (aligned.hasRemaining()) {
          channel.write(aligned);
        }
        channel.force(true);
        return;
      } catch (IOException | UnsupportedOperationException refused) {
        // No direct I/O here: through the page cache from now on.
        Files.deleteIfExists(file);
        direct = false;
      }
    }
    try (FileChannel channel = FileChannel.open(file, CREATE)) {
      ByteBuffer bytes = ByteBuffer.wrap(body, 0, length);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
  }

  private static void answer(OutputStream out, String status, String headers) throws IOException {
    out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The request line and the two header fields the floor needs. */
  private record Head(int length, @Nullable String contentMd5) {
    /** The next request's head (its length -1 when it has none or an invalid one); null when the connection ended between requests. */
    static @Nullable Head read(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder(128);
      int length = -1;
      @Nullable String contentMd5 = null;
      boolean first = true;
      for (int total = 0; total < MAX_HEAD_BYTES; total++) {
        int c = in.read();
        if (c < 0) {
          if (first && line.isEmpty()) {
            return null;
          }
          throw new EOFException("connection closed inside a request head");
        }
        if (c != '\n') {
          if (c != '\r') {
            line.append((char) c);
          }
          continue;
        }
        if (line.isEmpty()) {
          return new Head(length, contentMd5);
        }
        if (!first) {
          int colon = line.indexOf(":");
          String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
          String value = colon < 0 ? "" : line.substring(colon + 1).strip();
          if (name.equals("content-length")) {
            length = parseLength(value);
          } else if (name.equals("content-md5")) {
            contentMd5 = value;
          }
        }
        first = false;
        line.setLength(0);
      }
      throw new IOException("request head longer than " + MAX_HEAD_BYTES + " bytes");
    }

    private static int parseLength(String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : open) {
      socket.close();
    }
  }
}
