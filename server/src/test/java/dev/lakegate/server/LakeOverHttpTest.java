package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.lake.local.FileSystemLake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local lake on the server's listener ({@code contract.md} §6), over the wire: what a presigned
 * {@code PUT} and any other request on a lake path get, how a refused body leaves the connection,
 * and that lake requests are logged and counted like the API's.
 */
class LakeOverHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] CONTENT = "rows,of,data\n1,2,3\n".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension
  final TestServer server = TestServer.builder().standalone(s -> s.plainHttp(true)).build();

  @Test
  void presignedPutThatWaitsForContinueLands() throws IOException {
    Presigned url = presign(CONTENT);

    HttpResponse<String> put = server.send(HttpRequest.newBuilder(url.uri()).expectContinue(true)
        .header("Content-MD5", UploadFlowTest.md5(CONTENT)).PUT(HttpRequest.BodyPublishers.ofByteArray(CONTENT)).build());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).startsWith("\"").endsWith("\""));
    assertThat(put.headers().firstValue("x-amz-request-id")).isPresent();
    assertThat(Files.readAllBytes(object(url))).isEqualTo(CONTENT);
  }

  @Test
  void getOnAnObjectIs405WithS3ErrorAllowingPut() {
    HttpResponse<String> get = server.get("/landing/incoming/anything");

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("PUT");
    assertThat(get.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(get.body()).contains("<Code>MethodNotAllowed</Code>", "<Resource>/landing/incoming/anything</Resource>",
        "<RequestId>" + get.headers().firstValue("x-amz-request-id").orElseThrow() + "</RequestId>");
  }

  @Test
  void headOnTheLakeIs405WithoutABody() {
    HttpResponse<String> head = server.send(HttpRequest.newBuilder(server.uri("/landing/incoming/anything"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void applicationLogTellsHowMidSizedBodiesAreHashed() throws Exception {
    awaitMidSizedMd5Line();

    assertThat(server.logLines("application"))
        .anySatisfy(line -> assertThat(line).contains("lake: mid-sized bodies are hashed in batches of up to 16 bodies"));
  }

  @Test
  void metricsCountTheBodiesHashedInVectorLanesAndTheirBatches() throws Exception {
    awaitMidSizedMd5Line();
    // Concurrent 64 KiB bodies, which the lanes may take in batches of their moment.
    List<Presigned> urls = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      byte[] content = new byte[64 * 1024];
      new SplittableRandom(i).nextBytes(content);
      contents.add(content);
      urls.add(presign(content));
    }
    try (ExecutorService uploads = Executors.newFixedThreadPool(16)) {
      List<Future<HttpResponse<String>>> puts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        int n = i;
        puts.add(uploads.submit(() -> put(urls.get(n).uri(), contents.get(n), UploadFlowTest.md5(contents.get(n)))));
      }
      for (Future<HttpResponse<String>> put : puts) {
        assertThat(put.get().statusCode()).isEqualTo(200);
      }
    }
    long bodiesBefore = FileSystemLake.bodiesHashedInLanes();
    long batchesBefore = FileSystemLake.batchesHashedInLanes();

    String metrics = server.get("/metrics").body();

    long bodies = (long) Exposition.counter(metrics, "lakegate_lake_md5_lane_bodies_total");
    long batches = (long) Exposition.counter(metrics, "lakegate_lake_md5_lane_batches_total");
    assertThat(bodies).isBetween(bodiesBefore, FileSystemLake.bodiesHashedInLanes());
    assertThat(batches).isBetween(batchesBefore, FileSystemLake.batchesHashedInLanes());
    // A batch holds 4 bodies at least: fewer are hashed one by one.
    assertThat(bodies).isGreaterThanOrEqualTo(4 * batches);
  }

  /**
   * Waits for the lake's settled line on how it hashes mid-sized bodies, known once the lanes have
   * warmed up (not one saying "for now", which a JVM too busy to compile them in time says first).
   */
  private void awaitMidSizedMd5Line() throws InterruptedException {
    // The tests' JVM loads the vector module on a CPU of 16 lanes. The lanes have 120 s to warm up,
    // then are checked once a minute: three checks more at most, on a machine slowed that much.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(310);
    while (server.logLines("application").stream()
            .noneMatch(line -> line.contains("mid-sized bodies are hashed") && !line.contains("for now"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** The value of an untagged counter in a Prometheus text exposition. */
  @Test
  void putWithAlteredSignatureIs403AndStoresNothing() throws IOException {
    Presigned url = presign(CONTENT);

    HttpResponse<String> put = put(tampered(url.uri()), CONTENT, UploadFlowTest.md5(CONTENT));

    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(put.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    assertThat(object(url)).doesNotExist();
    assertThat(server.logLines("application")).anySatisfy(line -> assertThat(line).contains("lake request", "refused"));
  }

  @Test
  void putWithoutContentLengthIs411AndStoresNothing() throws IOException {
    Presigned url = presign(CONTENT);

    // With 100-continue the client sends no body before the answer: without it, the server's
    // close after the 411 could reach the client mid-body, as a broken pipe instead of the answer.
    HttpResponse<String> put = server.send(HttpRequest.newBuilder(url.uri()).header("Content-MD5", UploadFlowTest.md5(CONTENT))
        .expectContinue(true).PUT(unknownLength(CONTENT)).build());

    assertThat(put.statusCode()).isEqualTo(411);
    assertThat(put.body()).contains("<Code>MissingContentLength</Code>");
    assertThat(object(url)).doesNotExist();
  }

  @Test
  void refusedBodyIsNeverReadAsTheNextRequest() throws IOException {
    Presigned url = presign(CONTENT);
    // A body that is itself a request: if the server left it unread on a kept connection, it would answer it.
    byte[] body = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    URI target = tampered(url.uri());
    String requests = "PUT " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\nHost: x\r\nContent-MD5: "
        + UploadFlowTest.md5(body) + "\r\nContent-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.US_ASCII)
        + "GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    String responses = exchange(requests);

    assertThat(responses).startsWith("HTTP/1.1 403");
    assertThat(responses).doesNotContain("{\"status\":\"UP\"}\r\nHTTP").doesNotContain("HTTP/1.1 400");
    assertThat(statusLines(responses)).isIn(1L, 2L);
    if (statusLines(responses) == 2) {
      assertThat(responses.substring(responses.indexOf("HTTP/1.1", 1))).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"UP\"}");
    }
  }

  @Test
  void pathBesideTheBucketIsLeftToTheApi() {
    HttpResponse<String> response = server.get("/landingzone/incoming/anything");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  @Test
  void lakeRequestsAreAccessLoggedAndCounted() throws IOException {
    Presigned url = presign(CONTENT);
    assertThat(put(url.uri(), CONTENT, UploadFlowTest.md5(CONTENT)).statusCode()).isEqualTo(200);
    assertThat(server.get("/landing/incoming/" + url.uuid()).statusCode()).isEqualTo(405);

    server.get("/health/live");
    String metrics = server.get("/metrics").body();
    server.stop();

    assertThat(metrics).contains("lakegate_http_requests_total{method=\"PUT\",route=\"lake\",status=\"200\"} 1.0",
        "lakegate_http_requests_total{method=\"GET\",route=\"lake\",status=\"405\"} 1.0");
    assertThat(Files.readAllLines(server.logDir().resolve("access.log")))
        .anySatisfy(line -> assertThat(line).contains("\"httpMethod\":\"PUT\"", "\"resourcePath\":\"/landing/incoming/" + url.uuid() + "\"",
            "\"status\":200", "\"ip\":\"127.0.0.1\""))
        .anySatisfy(line -> assertThat(line).contains("\"httpMethod\":\"GET\"", "\"status\":405"));
  }

  private record Presigned(URI uri, String uuid) {}

  private Presigned presign(byte[] content) throws IOException {
    HttpResponse<String> response =
        server.get("/prod/upload/unipart?md5=" + UploadFlowTest.encode(UploadFlowTest.md5(content)), "Authorization", "Bearer " + server.accessToken());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    return new Presigned(URI.create(body.get("url").asText()), body.get("uuid").asText());
  }

  private Path object(Presigned url) {
    return server.bucketDir().resolve("incoming").resolve(url.uuid());
  }

  /** The URL with the last character of its signature changed. */
  private static URI tampered(URI url) {
    String raw = url.toString();
    char last = raw.charAt(raw.length() - 1);
    return URI.create(raw.substring(0, raw.length() - 1) + (last == '0' ? '1' : '0'));
  }

  private HttpResponse<String> put(URI url, byte[] content, String contentMd5) {
    return server.send(HttpRequest.newBuilder(url).header("Content-MD5", contentMd5).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
  }

  /** A body whose length the client does not declare, so it is sent chunked. */
  private static HttpRequest.BodyPublisher unknownLength(byte[] content) {
    HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofByteArray(content);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
        bytes.subscribe(subscriber);
      }
    };
  }

  /** Writes {@code requests} on one connection and reads until the server closes it (a reset ends it too). */
  private String exchange(String requests) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.server().port()), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
      } catch (SocketException reset) {
        // A server that closes with bytes unread resets the connection; what arrived before is the answer.
      }
      return received.toString(StandardCharsets.US_ASCII);
    }
  }

  private static long statusLines(String responses) {
    return Stream.of(responses.split("\r\n")).filter(line -> line.startsWith("HTTP/1.1 ")).count();
  }
}
