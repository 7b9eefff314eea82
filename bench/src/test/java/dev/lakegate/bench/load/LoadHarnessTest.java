package dev.lakegate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadHarnessTest {
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicLong received = new AtomicLong();
  private final Queue<byte[]> kept = new ConcurrentLinkedQueue<>();
  private HttpServer server;
  private URI base;
  private LoadHarness harness;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> {
      served.incrementAndGet();
      exchange.sendResponseHeaders(200, 2);
      exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
      exchange.close();
    });
    server.createContext("/busy", exchange -> {
      served.incrementAndGet();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.createContext("/chunked", exchange -> {
      served.incrementAndGet();
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().write("a body of unknown length".getBytes(StandardCharsets.US_ASCII));
      exchange.close();
    });
    server.createContext("/upload", exchange -> {
      received.addAndGet(exchange.getRequestBody().readAllBytes().length);
      exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 200 : 405, -1);
      exchange.close();
    });
    server.createContext("/keep", exchange -> {
      kept.add(exchange.getRequestBody().readAllBytes());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    harness = LoadHarness.create();
  }

  @AfterEach
  void stopServer() {
    harness.close();
    server.stop(0);
  }

  @Test
  void stopsAtTheRequestBoundBeforeTheDuration() throws Exception {
    HttpRequest ok = HttpRequest.newBuilder(base.resolve("/ok")).build();
    LoadReport report = harness.run("bounded", LoadPlan.closed(3, Duration.ofSeconds(30), 50), seq -> Optional.of(ok));

    assertThat(report.succeeded()).isEqualTo(50);
    assertThat(served).hasValue(50);
    assertThat(report.failed()).isZero();
    assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(30));
    assertThat(report.throughput()).isPositive();
    assertThat(report.p50Micros()).isPositive().isLessThanOrEqualTo(report.p99Micros());
    assertThat(report.p99Micros()).isLessThanOrEqualTo(report.p999Micros());
    assertThat(report.p999Micros()).isLessThanOrEqualTo(report.maxMicros());
  }

  @Test
  void stopsAtTheDurationBeforeTheRequestBound() throws Exception {
    HttpRequest ok = HttpRequest.newBuilder(base.resolve("/ok")).build();
    LoadReport report = harness.run("timed", LoadPlan.closed(2, Duration.ofMillis(300), Long.MAX_VALUE),
        seq -> Optional.of(ok));

    assertThat(report.succeeded()).isPositive();
    assertThat(report.elapsed()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
  }

  @Test
  void countsNon2xxAnswersAsErrorsByStatus() throws Exception {
    HttpRequest busy = HttpRequest.newBuilder(base.resolve("/busy")).build();
    LoadReport report = harness.run("busy", LoadPlan.closed(2, Duration.ofSeconds(30), 20), seq -> Optional.of(busy));

    assertThat(report.succeeded()).isZero();
    assertThat(report.errors()).containsExactly(java.util.Map.entry("status 503", 20L));
    assertThat(report.summary()).contains("status 503");
  }

  @Test
  void endsWhenTheSourceIsSpent() throws Exception {
    HttpRequest ok = HttpRequest.newBuilder(base.resolve("/ok")).build();
    LoadReport report = harness.run("spent", LoadPlan.closed(4, Duration.ofSeconds(30), 1_000),
        seq -> seq < 7 ? Optional.of(ok) : Optional.empty());

    assertThat(report.succeeded()).isEqualTo(7);
  }

  @Test
  void pacesRequestsAtTheGivenRate() throws Exception {
    HttpRequest ok = HttpRequest.newBuilder(base.resolve("/ok")).build();
    LoadReport report = harness.run("paced", LoadPlan.closed(2, Duration.ofSeconds(30), 20).atRate(40),
        seq -> Optional.of(ok));

    // 20 requests at 40/s are scheduled over 475 ms: the run cannot be much faster than that.
    assertThat(report.succeeded()).isEqualTo(20);
    assertThat(report.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(470));
  }

  @Test
  void readsChunkedAnswersAndKeepsTheConnection() throws Exception {
    HttpRequest chunked = HttpRequest.newBuilder(base.resolve("/chunked")).build();
    LoadReport report = harness.run("chunked", LoadPlan.closed(2, Duration.ofSeconds(30), 40),
        seq -> Optional.of(chunked));

    assertThat(report.succeeded()).isEqualTo(40);
    assertThat(report.failed()).isZero();
  }

  @Test
  void sendsRequestBodiesOnEveryTransport() throws Exception {
    HttpRequest put = HttpRequest.newBuilder(base.resolve("/upload"))
        .PUT(InMemoryBody.of(new byte[65_536])).build();
    LoadReport loop = harness.run("loop", LoadPlan.closed(2, Duration.ofSeconds(30), 10), seq -> Optional.of(put));
    LoadReport socket = harness.run("socket", LoadPlan.closed(2, Duration.ofSeconds(30), 10), seq -> Optional.of(put),
        Transport.socket());
    LoadReport jdk = harness.run("jdk", LoadPlan.closed(2, Duration.ofSeconds(30), 10), seq -> Optional.of(put),
        harness.jdk());

    assertThat(loop.succeeded()).isEqualTo(10);
    assertThat(socket.succeeded()).isEqualTo(10);
    assertThat(jdk.succeeded()).isEqualTo(10);
    assertThat(received).hasValue(30L * 65_536);
  }

  @Test
  void sendsAnInMemoryBodyByteForByteOnEveryTransport() throws Exception {
    byte[] bytes = new byte[70_001];
    new Random(5).nextBytes(bytes);

    assertSentByteForByteOnEveryTransport(InMemoryBody.of(bytes), bytes);
  }

  /** Sends {@code body} four times over each transport; the server must receive {@code expected} each time. */
  private void assertSentByteForByteOnEveryTransport(HttpRequest.BodyPublisher body, byte[] expected) throws Exception {
    HttpRequest put = HttpRequest.newBuilder(base.resolve("/keep")).PUT(body).build();

    LoadReport loop = harness.run("loop", LoadPlan.closed(2, Duration.ofSeconds(30), 4), seq -> Optional.of(put));
    LoadReport socket = harness.run("socket", LoadPlan.closed(2, Duration.ofSeconds(30), 4), seq -> Optional.of(put),
        Transport.socket());
    LoadReport jdk = harness.run("jdk", LoadPlan.closed(2, Duration.ofSeconds(30), 4), seq -> Optional.of(put),
        harness.jdk());

    assertThat(loop.succeeded()).isEqualTo(4);
    assertThat(socket.succeeded()).isEqualTo(4);
    assertThat(jdk.succeeded()).isEqualTo(4);
    assertThat(kept).hasSize(12).allSatisfy(received -> assertThat(received).isEqualTo(expected));
  }

  @Test
  void sendsARepeatedBlockByteForByteOnEveryTransport() throws Exception {
    byte[] block = new byte[4_099];
    new Random(6).nextBytes(block);
    int length = 3 * block.length + 1_000;
    byte[] expected = new byte[length];
    for (int at = 0; at < length; at += block.length) {
      System.arraycopy(block, 0, expected, at, Math.min(block.length, length - at));
    }

    assertSentByteForByteOnEveryTransport(InMemoryBody.repeating(block, length), expected);
  }

  @Test
  void aRepeatedBlockRefusesANegativeLengthAndAnEmptyBlock() {
    assertThatThrownBy(() -> InMemoryBody.repeating(new byte[1], -1)).hasMessageContaining("length must be >= 0");
    assertThatThrownBy(() -> InMemoryBody.repeating(new byte[0], 1)).hasMessageContaining("an empty block");
    assertThat(InMemoryBody.repeating(new byte[0], 0).contentLength()).isZero();
  }

  @Test
  void streamsALargeBodyOfKnownLengthOverTheSocket() throws Exception {
    long size = 20L << 20;
    HttpRequest put = HttpRequest.newBuilder(base.resolve("/upload"))
        .PUT(HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[(int) size])), size))
        .build();
    LoadReport report = harness.run("large", LoadPlan.closed(1, Duration.ofSeconds(30), 1), seq -> Optional.of(put),
        Transport.socket());

    assertThat(report.succeeded()).isEqualTo(1);
    assertThat(received).hasValue(size);
  }

  @Test
  void eventLoopWritesALargeRepeatedBodyAsTheSocketTakesIt() throws Exception {
    long size = 20L << 20;
    HttpRequest put = HttpRequest.newBuilder(base.resolve("/upload"))
        .PUT(InMemoryBody.repeating(new byte[1 << 20], size)).build();
    LoadReport report = harness.run("large", LoadPlan.closed(1, Duration.ofSeconds(30), 1), seq -> Optional.of(put));

    assertThat(report.succeeded()).isEqualTo(1);
    assertThat(received).hasValue(size);
  }

  @Test
  void eventLoopRefusesABodyNotHeldInMemory() throws Exception {
    HttpRequest put = HttpRequest.newBuilder(base.resolve("/upload"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build();
    LoadReport report = harness.run("streamed", LoadPlan.closed(1, Duration.ofSeconds(5), 3), seq -> Optional.of(put));

    assertThat(report.errors()).containsExactly(java.util.Map.entry("IllegalArgumentException", 3L));
    assertThat(received).hasValue(0);
  }

  @Test
  void socketTransportsRefuseHttps() throws Exception {
    HttpRequest secure = HttpRequest.newBuilder(URI.create("https://127.0.0.1:1/")).build();
    LoadReport loop = harness.run("tls", LoadPlan.closed(1, Duration.ofSeconds(5), 2), seq -> Optional.of(secure));
    LoadReport socket = harness.run("tls", LoadPlan.closed(1, Duration.ofSeconds(5), 2), seq -> Optional.of(secure),
        Transport.socket());

    assertThat(loop.errors()).containsEntry("IllegalArgumentException", 2L);
    assertThat(socket.errors()).containsEntry("IllegalArgumentException", 2L);
  }

  @Test
  void refusesANonLoopbackRequestWithoutSendingIt() {
    HttpRequest away = HttpRequest.newBuilder(URI.create("http://192.0.2.1/")).build();

    assertThatThrownBy(() -> harness.send(away, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-loopback");
  }

  @Test
  void countsANonLoopbackRequestInALoadAsAnError() throws Exception {
    HttpRequest away = HttpRequest.newBuilder(URI.create("http://192.0.2.1/")).build();
    LoadReport report = harness.run("away", LoadPlan.closed(1, Duration.ofSeconds(5), 3), seq -> Optional.of(away));

    assertThat(report.succeeded()).isZero();
    assertThat(report.errors()).containsEntry("IllegalArgumentException", 3L);
  }

  @Test
  void aPacedPlanSpacesItsRequestsEvenlyFromTheStart() {
    LoadPlan paced = LoadPlan.closed(1, Duration.ofSeconds(1), 10).atRate(4_000);

    assertThat(paced.slot(1_000, 0)).isEqualTo(1_000);
    assertThat(paced.slot(1_000, 3)).isEqualTo(1_000 + 750_000);
    assertThatThrownBy(() -> LoadPlan.closed(1, Duration.ofSeconds(1), 10).slot(0, 1))
        .isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void rejectsPlansThatCannotRun() {
    assertThatThrownBy(() -> LoadPlan.closed(0, Duration.ofSeconds(1), 1)).hasMessageContaining("concurrency");
    assertThatThrownBy(() -> LoadPlan.closed(1, Duration.ZERO, 1)).hasMessageContaining("duration");
    assertThatThrownBy(() -> LoadPlan.closed(1, Duration.ofSeconds(1), 0)).hasMessageContaining("maxRequests");
    assertThatThrownBy(() -> LoadPlan.closed(1, Duration.ofSeconds(1), 1).atRate(0)).hasMessageContaining("rate");
  }
}
