package dev.lakegate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event loop against a server that answers exactly as scripted, byte for byte. */
class EventLoopLoadTest {
  private final AtomicInteger connections = new AtomicInteger();
  private ServerSocket listener;

  @AfterEach
  void stop() throws IOException {
    if (listener != null) {
      listener.close();
    }
  }

  /** Serves each request head it reads with {@code answer(method)}; a null answer leaves the request unanswered. */
  private URI serve(Function<String, byte[]> answer) throws IOException {
    return serve(answer, false);
  }

  /** As {@link #serve(Function)}; with {@code reset}, each connection is reset right after its first answer. */
  private URI serve(Function<String, byte[]> answer, boolean reset) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(() -> {
      while (!listener.isClosed()) {
        try {
          Socket accepted = listener.accept();
          connections.incrementAndGet();
          Thread.ofPlatform().daemon().start(() -> converse(accepted, answer, reset));
        } catch (IOException closed) {
          return;
        }
      }
    });
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
  }

  private static void converse(Socket socket, Function<String, byte[]> answer, boolean reset) {
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        byte[] reply = answer.apply(head.substring(0, head.indexOf(' ')));
        if (reply == null) {
          in.readAllBytes();
          return;
        }
        out.write(reply);
        out.flush();
        if (reset) {
          socket.setSoLinger(true, 0);
          return;
        }
        String sent = new String(reply, StandardCharsets.ISO_8859_1);
        if (sent.startsWith("HTTP/1.0") || sent.contains("\r\nConnection: close\r\n")) {
          return;
        }
      }
    } catch (IOException ignored) {
      // the harness closed the connection
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      head.append((char) c);
    }
    return head.toString();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static LoadReport run(URI url, String method, int concurrency, long requests) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return new EventLoopLoad(new LoopbackTarget(), LoadPlan.closed(concurrency, Duration.ofSeconds(30), requests),
        seq -> Optional.of(request), Duration.ofMillis(300)).run(method);
  }

  @Test
  void reportsAPacedLoadSentOnTimeAsNotLate() throws Exception {
    URI url = serve(method -> ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    HttpRequest request = HttpRequest.newBuilder(url).build();

    LoadReport report = new EventLoopLoad(new LoopbackTarget(), LoadPlan.closed(4, Duration.ofSeconds(30), 20).atRate(100),
        seq -> Optional.of(request)).run("on time");

    assertThat(report.succeeded()).isEqualTo(20);
    // Slots 10 ms apart on four free connections: a request waits for its slot, not for a
    // connection. Counted from the load's start instead, the last would be 190 ms late; the bound
    // leaves room for a busy machine's scheduling stalls (16 ms seen in a full build).
    assertThat(report.p99LateMicros()).isLessThan(60_000);
  }

  @Test
  void reconnectsWhenTheServerClosesAfterEachAnswer() throws Exception {
    URI url = serve(method -> ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));

    LoadReport report = run(url, "GET", 2, 10);

    assertThat(report.succeeded()).isEqualTo(10);
    assertThat(report.failed()).isZero();
    assertThat(connections).hasValue(10);
  }

  @Test
  void keepsTheConnectionWhenTheAnswerAllowsIt() throws Exception {
    URI url = serve(method -> ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));

    LoadReport report = run(url, "GET", 2, 40);

    assertThat(report.succeeded()).isEqualTo(40);
    assertThat(connections).hasValue(2);
  }

  @Test
  void anIdleConnectionResetByTheServerLosesNoRequest() throws Exception {
    URI url = serve(method -> ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), true);
    HttpRequest request = HttpRequest.newBuilder(url).build();

    // Slots 150 ms apart on one connection: each reset arrives while the connection waits for the next slot.
    LoadReport report = new EventLoopLoad(new LoopbackTarget(), LoadPlan.closed(1, Duration.ofSeconds(30), 3).atRate(1e9 / 150e6),
        seq -> Optional.of(request), Duration.ofMillis(300)).run("reset");

    assertThat(report.succeeded()).isEqualTo(3);
    assertThat(report.errors()).isEmpty();
    assertThat(connections).hasValue(3);
  }

  @Test
  void readsAnAnswerThatEndsWithTheConnection() throws Exception {
    URI url = serve(method -> ascii("HTTP/1.0 200 OK\r\n\r\na body without a length"));

    LoadReport report = run(url, "GET", 1, 3);

    assertThat(report.succeeded()).isEqualTo(3);
    assertThat(report.failed()).isZero();
  }

  @Test
  void readsAHeadAnswerWithoutTheBodyItsLengthAnnounces() throws Exception {
    URI url = serve(method -> ascii(method.equals("HEAD")
        ? "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" : "HTTP/1.1 405 No\r\nContent-Length: 0\r\n\r\n"));

    LoadReport report = run(url, "HEAD", 1, 5);

    assertThat(report.succeeded()).isEqualTo(5);
    assertThat(connections).hasValue(1);
  }

  @Test
  void countsAnAnswerCutShortAsAnError() throws Exception {
    URI url = serve(method -> ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\nonly this"));

    LoadReport report = run(url, "GET", 1, 4);

    assertThat(report.succeeded()).isZero();
    assertThat(report.errors()).containsExactly(Map.entry("EOFException", 4L));
  }

  @Test
  void countsAnAnswerThatIsNotHttpAsAnError() throws Exception {
    URI url = serve(method -> ascii("SSH-2.0-OpenSSH\r\n\r\n"));

    LoadReport report = run(url, "GET", 1, 2);

    assertThat(report.succeeded()).isZero();
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.errors().keySet()).allSatisfy(kind -> assertThat(kind).startsWith("bad answer"));
  }

  @Test
  void countsARefusedConnectionAsAnError() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }

    LoadReport report = run(URI.create("http://127.0.0.1:" + closedPort + "/"), "GET", 2, 6);

    assertThat(report.succeeded()).isZero();
    assertThat(report.errors()).containsExactly(Map.entry("ConnectException", 6L));
  }

  @Test
  void countsAnswersThatNeverComeAsLostOnceTheDrainIsOver() throws Exception {
    URI url = serve(method -> null);
    HttpRequest request = HttpRequest.newBuilder(url).build();

    LoadReport report = new EventLoopLoad(new LoopbackTarget(), LoadPlan.closed(3, Duration.ofMillis(200), 100),
        seq -> Optional.of(request), Duration.ofMillis(300)).run("silent");

    assertThat(report.succeeded()).isZero();
    assertThat(report.errors()).containsExactly(Map.entry("no answer", 3L));
    assertThat(report.elapsed()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  @Test
  void measuresAPacedRequestFromItsSlotNotFromWhenAConnectionFreedUp() throws Exception {
    // Answers take 50 ms on one connection while slots come every 10 ms: requests queue behind each other.
    URI url = serve(method -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    });
    HttpRequest request = HttpRequest.newBuilder(url).build();

    LoadReport report = new EventLoopLoad(new LoopbackTarget(), LoadPlan.closed(1, Duration.ofSeconds(30), 10).atRate(100),
        seq -> Optional.of(request)).run("queued");

    assertThat(report.succeeded()).isEqualTo(10);
    // The tenth request's slot is at 90 ms, its answer at about 500 ms: its latency counts the wait
    // for the connection, which is not the harness's own lateness.
    assertThat(report.maxMicros()).isGreaterThan(350_000);
    assertThat(report.maxLateMicros()).isLessThan(40_000);
  }
}
