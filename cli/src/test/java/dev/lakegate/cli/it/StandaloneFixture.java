package dev.lakegate.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A standalone deployment for process-level tests: a configuration file on a free loopback port
 * with plain HTTP, a local lake and one app client, and the commands to run against it.
 */
final class StandaloneFixture {
  static final String CLIENT = "demo-client";
  static final String BUCKET = "landing";
  static final String PREFIX = "incoming";

  final Path dir;
  final Path config;
  final Path lakeDir;
  final URI base;
  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  StandaloneFixture(Path dir, int concurrencyLimit) throws IOException {
    this.dir = dir;
    int port = ServerProcess.freePort();
    this.base = URI.create("http://127.0.0.1:" + port);
    this.lakeDir = dir.resolve("lake");
    this.config = dir.resolve("lakegate.yaml");
    Files.writeString(config, """
        api:
          adminRoles:
            - name: lake-admin
          targetBucketName: %s
          targetPrefix: %s
          concurrencyLimit: %d
          allowedCidrs:
            - 127.0.0.0/8
          appClients:
            %s:
              accessTokenValidityMinutes: 60
        standalone:
          listen: 127.0.0.1:%d
          plainHttp: true
          dataDir: %s
          lake:
            local:
              dir: %s
        """.formatted(BUCKET, PREFIX, concurrencyLimit, CLIENT, port, dir.resolve("data"), lakeDir));
  }

  /** Starts {@code lakegate serve} on this configuration in its own JVM and waits until it is ready. */
  ServerProcess serve(String name, List<String> jvmOptions) throws Exception {
    ServerProcess server = ServerProcess.start(dir.resolve(name + ".log"), jvmOptions, "serve", "--config", config.toString());
    server.awaitReady(http, base, Duration.ofSeconds(60));
    return server;
  }

  /** A partner authenticated as the app client. */
  Partner partner() throws Exception {
    JsonNode credentials = rotateSecret();
    Partner partner = new Partner(http, base, "prod");
    partner.authenticate(credentials.get("client_id").asText(), credentials.get("client_secret").asText());
    return partner;
  }

  /** Fresh credentials of the app client, through {@code lakegate clients rotate-secret --json}. */
  JsonNode rotateSecret() throws Exception {
    return new ObjectMapper().readTree(
        ServerProcess.run(dir, "clients", "rotate-secret", CLIENT, "--json", "--config", config.toString()));
  }

  Path bucketDir() {
    return lakeDir.resolve(BUCKET);
  }
}
