package dev.lakegate.client;

import dev.lakegate.client.http.Retrier;
import dev.lakegate.client.token.TokenSource;
import dev.lakegate.client.transfer.UploadApi;
import dev.lakegate.client.transfer.UploadEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A partner's handle on a Lakegate deployment (standalone server or AWS, {@code contract.md} §2
 * and §4): fetches access tokens and renews them before they expire, and uploads files, streams of
 * known length and directories, in one PUT or in parallel parts, with retries and resume. Build
 * one with {@link #builder()}, share it between threads, close it when done.
 */
public final class LakegateClient implements AutoCloseable {
  private final HttpClient http;
  private final TokenSource tokens;
  private final UploadEngine engine;
  private final int parallelism;

  private LakegateClient(HttpClient http, TokenSource tokens, UploadEngine engine, int parallelism) {
    this.http = http;
    this.tokens = tokens;
    this.engine = engine;
    this.parallelism = parallelism;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Gets an access token now, so that wrong credentials or an unreachable token endpoint show
   * before any upload starts rather than once per file.
   */
  public void checkCredentials() throws UploadException {
    tokens.current();
  }

  /** Uploads one regular file; a multipart upload of it interrupted earlier is continued. */
  public UploadResult upload(Path file) throws UploadException {
    return upload(file, UploadListener.NONE);
  }

  public UploadResult upload(Path file, UploadListener listener) throws UploadException {
    return engine.uploadFile(file, listener);
  }

  /** Uploads exactly {@code length} bytes read from {@code in}; {@code name} labels the result. */
  public UploadResult upload(InputStream in, long length, String name, UploadListener listener) throws UploadException {
    return engine.uploadStream(in, length, name, listener);
  }

  /**
   * Uploads files and every regular file under directories (recursively, in path order), up to
   * {@code parallelism} files at a time. One file failing does not stop the others; the outcomes
   * come back in input order.
   *
   * @throws IOException when a directory cannot be listed (nothing is uploaded then)
   */
  public List<UploadOutcome> uploadAll(List<Path> paths, UploadListener listener) throws IOException {
    List<Path> files = expand(paths);
    Semaphore fileSlots = new Semaphore(parallelism);
    List<Future<UploadOutcome>> futures = new ArrayList<>();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Path file : files) {
        futures.add(workers.submit(() -> {
          fileSlots.acquire();
          try {
            return new UploadOutcome.Uploaded(engine.uploadFile(file, listener));
          } catch (UploadException e) {
            return new UploadOutcome.Failed(file.toString(), e);
          } finally {
            fileSlots.release();
          }
        }));
      }
    }
    List<UploadOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      outcomes.add(futures.get(i).resultNow());
    }
    return List.copyOf(outcomes);
  }

  /** The regular files {@code paths} name, directories expanded recursively in path order. */
  public static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> tree = Files.walk(path)) {
          tree.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else {
        files.add(path);
      }
    }
    return List.copyOf(files);
  }

  @Override
  public void close() {
    http.close();
  }

  /** Collects what a client needs; {@link #build()} checks it. */
  public static final class Builder {
    private @Nullable URI tokenUrl;
    private @Nullable URI apiUrl;
    private @Nullable String clientId;
    private @Nullable ClientSecret secret;
    private Map<String, String> parameters = Map.of();
    private UploadSettings settings = UploadSettings.defaults();
    private @Nullable SSLContext sslContext;
    private @Nullable ProxySelector proxy;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder() {}

    /** The token endpoint, e.g. {@code https://host:8443/oauth2/token}. */
    public Builder tokenUrl(URI value) {
      tokenUrl = value;
      return this;
    }

    /** The stage's upload base, e.g. {@code https://host:8443/prod/upload}. */
    public Builder apiUrl(URI value) {
      apiUrl = value;
      return this;
    }

    public Builder clientId(String value) {
      clientId = value;
      return this;
    }

    public Builder clientSecret(ClientSecret value) {
      secret = value;
      return this;
    }

    /** Extra query parameters sent with every API call (the deployment's {@code requestParameters}). */
    public Builder queryParameters(Map<String, String> value) {
      parameters = Map.copyOf(value);
      return this;
    }

    public Builder settings(UploadSettings value) {
      settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** TLS trust; the JVM's default (system CAs) unless given, see {@link TrustedCertificates}. */
    public Builder sslContext(SSLContext value) {
      sslContext = value;
      return this;
    }

    /** An HTTP proxy for every call; none unless given. */
    public Builder proxy(ProxySelector value) {
      proxy = value;
      return this;
    }

    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The randomness of the retry jitter. */
    public Builder random(RandomGenerator value) {
      random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * The client, once token URL, API URL, client id and secret are all given.
     *
     * @throws IllegalArgumentException naming every missing or malformed setting
     */
    public LakegateClient build() {
      List<String> problems = new ArrayList<>();
      checkCredentialSettings(problems);
      requireHttpUrl(apiUrl, "API URL", problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      HttpClient http = httpClient();
      Retrier retrier = new Retrier(settings.retry(), clock, random);
      TokenSource tokens = new TokenSource(http, Objects.requireNonNull(tokenUrl), Objects.requireNonNull(clientId),
          Objects.requireNonNull(secret), retrier, clock);
      UploadApi api = new UploadApi(http, Objects.requireNonNull(apiUrl), parameters, tokens, retrier);
      return new LakegateClient(http, tokens, new UploadEngine(http, api, retrier, settings, clock),
          settings.parallelism());
    }

    /**
     * Only the token side, for callers that want a bearer token for their own requests: needs the
     * token URL, client id and secret.
     *
     * @throws IllegalArgumentException naming every missing or malformed setting
     */
    public TokenSource buildTokenSource() {
      List<String> problems = new ArrayList<>();
      checkCredentialSettings(problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new TokenSource(httpClient(), Objects.requireNonNull(tokenUrl), Objects.requireNonNull(clientId),
          Objects.requireNonNull(secret), new Retrier(settings.retry(), clock, random), clock);
    }

    private void checkCredentialSettings(List<String> problems) {
      requireHttpUrl(tokenUrl, "token URL", problems);
      if (clientId == null || clientId.isBlank()) {
        problems.add("a client id is required");
      }
      if (secret == null) {
        problems.add("a client secret is required");
      }
    }

    private HttpClient httpClient() {
      HttpClient.Builder httpBuilder = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(15))
          .followRedirects(HttpClient.Redirect.NEVER);
      if (sslContext != null) {
        httpBuilder.sslContext(sslContext);
      }
      if (proxy != null) {
        httpBuilder.proxy(proxy);
      }
      return httpBuilder.build();
    }

    private static void requireHttpUrl(@Nullable URI url, String name, List<String> problems) {
      if (url == null) {
        problems.add("a " + name + " is required");
      } else if (!url.isAbsolute() || url.getHost() == null
          || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
        problems.add("the " + name + " must be an absolute http(s) URL, got " + url);
      }
    }
  }
}
