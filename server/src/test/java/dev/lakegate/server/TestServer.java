package dev.lakegate.server;

import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.core.config.TestConfigs;
import dev.lakegate.core.lake.Lake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@link LakegateServer} on {@code 127.0.0.1:0} over a fresh temporary data directory, for
 * tests of this module and of the client and bench modules. Register it with
 * {@code @RegisterExtension}: it starts before each test, stops after it, prints the server's log
 * files only when the test failed, and deletes its directory. Change the defaults of {@link
 * TestConfigs} through the builder: {@code TestServer.builder().api(a -> a.concurrencyLimit(1)).build()}.
 * It hands out an {@link HttpClient} that trusts the server's self-signed certificate, the
 * credentials of the configured clients, and a token helper.
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  private final UnaryOperator<TestConfigs.ApiBuilder> api;
  private final UnaryOperator<TestConfigs.StandaloneBuilder> standalone;
  private final UnaryOperator<Lake> lakeDecorator;
  private final Map<String, String> variables;
  private final Clock clock;
  private Path dir;
  private LakegateConfig config;
  private LakegateServer server;
  private HttpClient http;
  private SSLContext sslContext;
  private final List<ClientCredentials> credentials = new ArrayList<>();

  private TestServer(Builder builder) {
    this.api = builder.api;
    this.standalone = builder.standalone;
    this.lakeDecorator = builder.lakeDecorator;
    this.variables = Map.copyOf(builder.variables);
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A server with every default: local lake, loopback allowed, one client {@code demo-client}. */
  public static TestServer withDefaults() {
    return builder().build();
  }

  /** Starts the server on a new temporary directory (first start) and returns this. */
  public TestServer start() {
    try {
      dir = Files.createTempDirectory("lakegate-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config = new LakegateConfig(api.apply(TestConfigs.api()).build(), standalone.apply(TestConfigs.standalone(dir.resolve("data"))).build());
    launch();
    credentials.addAll(server.createdClients());
    return this;
  }

  /** Stops the server and starts a new one on the same directories and configuration. */
  public TestServer restart() {
    server.stop();
    launch();
    return this;
  }

  private void launch() {
    server = LakegateServer.create(config, new ServerEnvironment(variables, clock, new SecureRandom(), lakeDecorator)).start();
    sslContext = trusting(server.certificateFile());
    http = HttpClient.newBuilder()
        .sslContext(sslContext)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** The running server. */
  public LakegateServer server() {
    return server;
  }

  public LakegateConfig config() {
    return config;
  }

  /** The base URL, e.g. {@code https://127.0.0.1:40123}. */
  public URI baseUrl() {
    return server.baseUrl();
  }

  /** {@code baseUrl} followed by {@code path}. */
  public URI uri(String path) {
    return URI.create(baseUrl() + path);
  }

  /** An HTTP client that trusts the server's certificate. */
  public HttpClient http() {
    return http;
  }

  /** A TLS context that trusts the server's certificate, for raw sockets. */
  public SSLContext sslContext() {
    return sslContext;
  }

  public Path dataDir() {
    return config.standalone().dataDir();
  }

  public Path logDir() {
    return config.standalone().logDir();
  }

  /** The bucket directory of the local lake. */
  public Path bucketDir() {
    return dataDir().resolve("lake").resolve(config.api().targetBucketName());
  }

  /** The credentials of the first configured client, created at the first start. */
  public ClientCredentials credentials() {
    return credentials.getFirst();
  }

  /** The credentials of the client configured under {@code name}. */
  public ClientCredentials credentials(String name) {
    return credentials.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** {@code Authorization: Basic ...} for a client id and secret, form-encoded as RFC 6749 §2.3.1 asks. */
  public static String basic(String clientId, String secret) {
    String pair = java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** A token request with the given headers (name, value, ...) and form body. */
  public HttpResponse<String> postToken(String form, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  /** An access token of the first client, fetched with HTTP Basic. */
  public String accessToken() {
    ClientCredentials client = credentials();
    HttpResponse<String> response = postToken("grant_type=client_credentials", "Authorization", basic(client.clientId(), client.clientSecret().reveal()));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
    }
    String body = response.body();
    int start = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
    return body.substring(start, body.indexOf('"', start));
  }

  /** {@code GET path} with the given headers (name, value, ...). */
  public HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  /** Sends a request with this server's client and reads the body as a string. */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The lines of one log file ({@code access}, {@code firewall}, {@code auth}, {@code application}). */
  public List<String> logLines(String kind) {
    if (server != null) {
      server.flushLogs();
    }
    try {
      return Files.readAllLines(logDir().resolve(kind + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      printLogs(context.getDisplayName());
    }
    close();
  }

  /**
   * Stops the server but keeps its directory, so a test can read the logs whole: the access log's
   * line for a request is written after its response, and stopping waits for it.
   */
  public void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    stop();
    credentials.clear();
    if (dir != null) {
      deleteRecursively(dir);
      dir = null;
    }
  }

  private void printLogs(String test) {
    try (Stream<Path> files = Files.list(logDir())) {
      for (Path file : files.sorted().toList()) {
        System.err.println("---- " + test + ": " + file.getFileName());
        System.err.println(Files.readString(file));
      }
    } catch (IOException e) {
      System.err.println("cannot print the server logs: " + e);
    }
  }

  private static SSLContext trusting(Optional<Path> certificate) {
    try {
      if (certificate.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(certificate.get())) {
        trust.setCertificateEntry("lakegate", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** Configuration changes for a {@link TestServer}, each optional. */
  public static final class Builder {
    private UnaryOperator<TestConfigs.ApiBuilder> api = UnaryOperator.identity();
    private UnaryOperator<TestConfigs.StandaloneBuilder> standalone = UnaryOperator.identity();
    private UnaryOperator<Lake> lakeDecorator = UnaryOperator.identity();
    private Map<String, String> variables = Map.of();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The clock the server reads (token lifetimes, presigned URL expiry); the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Changes to the {@code api:} section. */
    public Builder api(UnaryOperator<TestConfigs.ApiBuilder> change) {
      this.api = change;
      return this;
    }

    /** Changes to the {@code standalone:} section (whose data directory is the test's). */
    public Builder standalone(UnaryOperator<TestConfigs.StandaloneBuilder> change) {
      this.standalone = change;
      return this;
    }

    /** Wraps the lake the upload operations use. */
    public Builder lakeDecorator(UnaryOperator<Lake> decorator) {
      this.lakeDecorator = decorator;
      return this;
    }

    /** The process environment the server sees (e.g. {@code LAKEGATE_MASTER_KEY}); empty by default. */
    public Builder environment(Map<String, String> environment) {
      this.variables = Map.copyOf(environment);
      return this;
    }

    public TestServer build() {
      return new TestServer(this);
    }
  }
}
