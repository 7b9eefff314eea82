package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTPS by default with a self-signed certificate kept in the data directory ({@code contract.md} §8). */
class TransportTest {
  @RegisterExtension
  final TestServer server = TestServer.withDefaults();

  @Test
  void servesHttpsWithGeneratedCertificateAndOwnerOnlyKey() throws IOException {
    Path tls = server.dataDir().resolve("tls");

    assertThat(server.baseUrl().getScheme()).isEqualTo("https");
    assertThat(server.server().certificateFile()).hasValue(tls.resolve("certificate.pem"));
    assertThat(Files.readString(tls.resolve("certificate.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("private-key.pem")))).isEqualTo("rw-------");
    assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void restartReusesTheCertificate() throws IOException {
    String before = Files.readString(server.dataDir().resolve("tls/certificate.pem"));

    server.restart();

    assertThat(Files.readString(server.dataDir().resolve("tls/certificate.pem"))).isEqualTo(before);
    assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void curlTrustsTheCertificateFileAndGetsAToken() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")), "curl is not installed");
    String pair = server.credentials().clientId() + ":" + server.credentials().clientSecret().reveal();
    Process curl = new ProcessBuilder("curl", "-sS", "--noproxy", "*", "--cacert", server.dataDir().resolve("tls/certificate.pem").toString(),
        "-u", pair, "-d", "grant_type=client_credentials", server.baseUrl() + "/oauth2/token")
        .redirectErrorStream(true)
        .start();
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(curl.exitValue()).as(output).isZero();
    assertThat(output).contains("\"token_type\":\"Bearer\"");
  }

  @Test
  void healthReadyReportsWritableLake() {
    assertThat(server.get("/health/ready").body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void metricsCountAndTimeRequestsAndCountTokensInPrometheusFormat() {
    server.accessToken();
    server.get("/health/live");

    HttpResponse<String> metrics = server.get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("lakegate_tokens_total{outcome=\"granted\"} 1.0")
        // The request counter is updated when a request completes; the token request completed two requests earlier.
        .contains("lakegate_http_requests_total{method=\"POST\",route=\"token\",status=\"200\"} 1.0")
        .contains("lakegate_http_request_duration_seconds_count{route=\"token\"} 1")
        // A token takes a signature, well within ten seconds and longer than nothing.
        .contains("lakegate_http_request_duration_seconds_bucket{route=\"token\",le=\"10.0\"} 1")
        .containsPattern("lakegate_http_request_duration_seconds_sum\\{route=\"token\"} (0\\.0*)?[1-9]")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void unknownPathGets404InJson() {
    assertThat(server.get("/nothing/here").body()).isEqualTo("{\"message\":\"Not Found\"}");
    assertThat(server.get("/nothing/here").statusCode()).isEqualTo(404);
  }

  @Test
  void otherMethodThanGetOnUploadApiGets405InJson() {
    var response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/prod/upload/unipart"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEqualTo("{\"message\":\"Method Not Allowed\"}");
  }

  @Test
  void logsAreOwnerOnlyJsonLinesWithoutSecrets() throws IOException {
    String token = server.accessToken();
    server.get("/prod/upload/unipart?md5=" + UploadFlowTest.encode("XrY7u+Ae7tCTyyK7j1rNww=="), "Authorization", "Bearer " + token, "Cookie", "c=secret-cookie");
    server.stop();

    for (String kind : List.of("access", "firewall", "auth", "application")) {
      Path file = server.logDir().resolve(kind + ".log");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      for (String line : Files.readAllLines(file)) {
        assertThat(line).startsWith("{").endsWith("}")
            .doesNotContain(token).doesNotContain(server.credentials().clientSecret().reveal()).doesNotContain("secret-cookie");
      }
    }
    assertThat(server.logLines("access")).anySatisfy(line -> assertThat(line)
        .contains("\"requestId\":", "\"ip\":\"127.0.0.1\"", "\"caller\":\"" + server.credentials().clientId() + "\"", "\"httpMethod\":\"GET\"",
            "\"resourcePath\":\"/prod/upload/unipart\"", "\"status\":200", "\"protocol\":\"HTTP/1.1\"", "\"responseLength\":", "\"requestTime\":"));
  }
}
