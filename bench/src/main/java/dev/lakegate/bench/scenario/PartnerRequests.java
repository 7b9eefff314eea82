package dev.lakegate.bench.scenario;

import dev.lakegate.bench.server.ServerUnderTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.bench.load.InMemoryBody;
import dev.lakegate.bench.load.LoadHarness;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests a partner system makes, as {@code contract.md} §2 and §4 define them: a token
 * request with HTTP Basic client authentication, a {@code unipart} call with the bearer token, and
 * the {@code PUT} to the presigned URL with its {@code Content-MD5}. Set-up calls (a token, a pool
 * of presigned URLs) go through the harness's loopback gate like the timed load.
 */
public final class PartnerRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCOPE = "m2m-api/m2m-custom";

  private final ServerUnderTest server;
  private final LoadHarness harness;

  public PartnerRequests(ServerUnderTest server, LoadHarness harness) {
    this.server = Objects.requireNonNull(server, "server");
    this.harness = Objects.requireNonNull(harness, "harness");
  }

  /** {@code POST /oauth2/token}, {@code client_credentials}, {@code client_secret_basic}. */
  public HttpRequest tokenRequest() {
    String basic = Base64.getEncoder().encodeToString(
        (form(server.clientId()) + ":" + form(server.clientSecret())).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(server.resolve("/oauth2/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(InMemoryBody.of(("grant_type=client_credentials&scope=" + form(SCOPE)).getBytes(StandardCharsets.US_ASCII)))
        .build();
  }

  /** A fresh access token for the demo client. */
  public String accessToken() throws IOException, InterruptedException {
    return field(harness.send(tokenRequest(), HttpResponse.BodyHandlers.ofString()), "access_token");
  }

  /** {@code GET /{stage}/upload/unipart?md5=...} with the bearer token. */
  public HttpRequest unipart(String token, String contentMd5) {
    return HttpRequest.newBuilder(server.resolve("/" + server.stage() + "/upload/unipart?md5=" + form(contentMd5)))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  /** The presigned URL of one new {@code unipart} upload. */
  public URI presignedUrl(String token, String contentMd5) throws IOException, InterruptedException {
    return URI.create(field(harness.send(unipart(token, contentMd5), HttpResponse.BodyHandlers.ofString()), "url"));
  }

  /**
   * Up to {@code count} presigned URLs for content of that MD5, fetched on {@code threads}
   * connections until {@code deadlineNanos} (of {@link System#nanoTime()}) passes.
   */
  public List<URI> presignedUrls(String token, String contentMd5, long count, int threads, long deadlineNanos)
      throws InterruptedException {
    List<URI> urls = Collections.synchronizedList(new ArrayList<>());
    AtomicLong taken = new AtomicLong();
    List<Thread> fetchers = new ArrayList<>();
    List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < threads; i++) {
      fetchers.add(Thread.ofPlatform().name("presign-" + i).start(() -> {
        try {
          while (taken.getAndIncrement() < count && System.nanoTime() < deadlineNanos) {
            urls.add(presignedUrl(token, contentMd5));
          }
        } catch (IOException | InterruptedException | RuntimeException e) {
          failures.add(e);
        }
      }));
    }
    for (Thread fetcher : fetchers) {
      fetcher.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("fetching presigned URLs failed: " + failures.getFirst().getMessage(),
          failures.getFirst());
    }
    return List.copyOf(urls);
  }

  /** The {@code PUT} of {@code body} to a presigned URL. */
  public static HttpRequest put(URI url, String contentMd5, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(url).header("Content-MD5", contentMd5).PUT(body).build();
  }

  private static String field(HttpResponse<String> response, String name) throws IOException {
    if (response.statusCode() != 200) {
      throw new IOException(response.request().method() + " " + response.request().uri().getPath()
          + " answered " + response.statusCode() + ": " + abbreviated(response.body()));
    }
    JsonNode value = JSON.readTree(response.body()).get(name);
    if (value == null || !value.isTextual()) {
      throw new IOException("answer of " + response.request().uri().getPath() + " has no \"" + name + "\"");
    }
    return value.asText();
  }

  // Error bodies are the server's JSON errors: short, and free of secrets; cut anyway to keep lines readable.
  private static String abbreviated(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
