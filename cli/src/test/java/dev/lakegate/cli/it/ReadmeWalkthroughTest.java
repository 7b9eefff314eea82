package dev.lakegate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough works as written: its shell blocks run with bash, curl and openssl
 * against {@code lakegate serve} on the embedded default configuration (moved to a free port),
 * and the files it promises appear in the lake.
 */
class ReadmeWalkthroughTest {
  private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void readmeWalkthroughUploadsOneFileAndThreePartsWithCurl() throws Exception {
    int port = ServerProcess.freePort();
    String defaults = Files.readString(Path.of("../examples/standalone.yaml"));
    assertThat(defaults).contains("listen: 127.0.0.1:8443");
    Path config = dir.resolve("standalone.yaml");
    Files.writeString(config, defaults.replace("127.0.0.1:8443", "127.0.0.1:" + port));

    try (ServerProcess server = ServerProcess.startIn(dir, dir.resolve("serve.log"), "serve", "--config", config.toString())) {
      server.awaitReady(trusting(dir.resolve("data/tls/certificate.pem"), server), URI.create("https://127.0.0.1:" + port),
          Duration.ofSeconds(60));
      JsonNode credentials = new ObjectMapper().readTree(ServerProcess.run(dir,
          "clients", "rotate-secret", "demo-client", "--json", "--config", config.toString()));

      Path script = dir.resolve("walkthrough.sh");
      Files.writeString(script, "set -euo pipefail\n" + walkthrough().replace("127.0.0.1:8443", "127.0.0.1:" + port));
      ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(dir.toFile()).redirectErrorStream(true);
      bash.environment().put("CLIENT_ID", credentials.get("client_id").asText());
      bash.environment().put("CLIENT_SECRET", credentials.get("client_secret").asText());
      Process run = bash.start();
      String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

      assertThat(run.exitValue()).as(output + "\n--- server:\n" + server.output()).isZero();
      assertThat(output).contains("identical").contains("\"parts\":3").contains("-3\\\"");
      Path incoming = dir.resolve("data/lake/landing/incoming");
      try (Stream<Path> objects = Files.list(incoming)) {
        assertThat(objects.map(ReadmeWalkthroughTest::content)).contains("hello, lake\n");
      }
      try (Stream<Path> metadata = Files.list(dir.resolve("data/lake/landing/incoming-metadata"))) {
        assertThat(metadata.filter(p -> p.toString().endsWith(".metadata.json"))).hasSize(2);
      }
    }
  }

  /** Every shell block between the README's walkthrough markers, in order. */
  private static String walkthrough() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int begin = readme.indexOf("<!-- walkthrough:begin -->");
    int end = readme.indexOf("<!-- walkthrough:end -->");
    assertThat(begin).as("walkthrough markers in README.md").isNotNegative().isLessThan(end);
    List<String> blocks = new ArrayList<>();
    Matcher m = SHELL_BLOCK.matcher(readme.substring(begin, end));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).hasSize(2);
    return String.join("\n", blocks);
  }

  /** An HTTP client trusting the certificate the server generates on its first start. */
  private static HttpClient trusting(Path certificate, ServerProcess server) throws Exception {
    for (int i = 0; i < 600 && !Files.exists(certificate); i++) {
      if (!server.isAlive()) {
        throw new IllegalStateException("server exited:\n" + server.output());
      }
      // the certificate is written by the child process during its start-up; nothing to wait on but the file
      Thread.sleep(100);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (var in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("lakegate", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static String content(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
