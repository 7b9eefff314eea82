package dev.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.LakegateServer;
import dev.lakegate.server.ServerEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lakegate serve} in-process: what it prints, that the printed credentials work, and a clean stop. */
class ServeCommandTest {
  private static final Pattern CREDENTIALS = Pattern.compile("demo-client {2}client_id=(\\S+) {2}client_secret=(\\S+)");

  @TempDir
  Path dir;

  @Test
  void firstStartPrintsWorkingCredentialsAndWalkthroughThenStopsCleanly() throws Exception {
    Path config = writeConfig(true);
    Running serve = Running.start(config);

    assertThat(serve.out()).contains("Lakegate is serving", "/prod/upload/", "/oauth2/token", "Certificate  none (plain HTTP)",
        "TOKEN=$(curl", "--upload-file hello.txt", "multi_init", "Stop with Ctrl-C.");
    Matcher credentials = CREDENTIALS.matcher(serve.out());
    assertThat(credentials.find()).isTrue();
    HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(serve.server().baseUrl() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + credentials.group(1)
            + "&client_secret=" + java.net.URLEncoder.encode(credentials.group(2), java.nio.charset.StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).isEqualTo(200);

    assertThat(serve.stop()).isZero();
  }

  @Test
  void laterStartPrintsNoSecretAndTheCertificatePath() throws Exception {
    Path config = writeConfig(false);
    Running first = Running.start(config);
    assertThat(first.stop()).isZero();

    Running second = Running.start(config);

    assertThat(second.out()).contains("created on an earlier start", dir.resolve("data/tls/certificate.pem").toString())
        .doesNotContain("client_secret=");
    assertThat(second.stop()).isZero();
  }

  @Test
  void invalidConfigurationExitsWith2() throws IOException {
    Path config = dir.resolve("broken.yaml");
    Files.writeString(config, "api:\n  concurrencyLimit: 0\n");
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new ServeCommand(environment(), new CompletableFuture<>(), server -> { }));
    line.setErr(new PrintWriter(err, true));

    assertThat(line.execute("--config", config.toString())).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("broken.yaml");
  }

  private Path writeConfig(boolean plainHttp) throws IOException {
    Path config = dir.resolve("lakegate.yaml");
    Files.writeString(config, """
        api:
          adminRoles:
            - name: lake-admin
          targetBucketName: landing
          targetPrefix: incoming
          concurrencyLimit: 4
          allowedCidrs:
            - 127.0.0.0/8
          appClients:
            demo-client:
              accessTokenValidityMinutes: 60
        standalone:
          listen: 127.0.0.1:0
          plainHttp: %s
          dataDir: %s
        """.formatted(plainHttp, dir.resolve("data")));
    return config;
  }

  private static ServerEnvironment environment() {
    return new ServerEnvironment(Map.of(), Clock.systemUTC(), new SecureRandom(), UnaryOperator.identity());
  }

  /** A {@code lakegate serve} running on a thread of its own until {@link #stop()}. */
  private record Running(CompletableFuture<Integer> exit, CompletableFuture<Void> stopRequested, LakegateServer server, StringWriter output) {
    static Running start(Path config) throws Exception {
      CompletableFuture<Void> stop = new CompletableFuture<>();
      CompletableFuture<LakegateServer> started = new CompletableFuture<>();
      StringWriter out = new StringWriter();
      CommandLine line = new CommandLine(new ServeCommand(environment(), stop, started::complete));
      line.setOut(new PrintWriter(out, true));
      line.setErr(new PrintWriter(out, true));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> line.execute("--config", config.toString()));
      LakegateServer server = CompletableFuture.anyOf(started, exit).thenApply(done -> started.getNow(null)).get(120, TimeUnit.SECONDS);
      if (server == null) {
        throw new IllegalStateException("serve ended before serving: " + out);
      }
      return new Running(exit, stop, server, out);
    }

    String out() {
      return output.toString();
    }

    int stop() throws Exception {
      stopRequested.complete(null);
      return exit.get(60, TimeUnit.SECONDS);
    }
  }
}
