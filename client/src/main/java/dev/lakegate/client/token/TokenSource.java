package dev.lakegate.client.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.client.ClientSecret;
import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import dev.lakegate.client.http.Retrier;
import dev.lakegate.client.http.ServerMessage;
import dev.lakegate.client.http.ServerResponseException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Gets access tokens with the client-credentials grant ({@code contract.md} §2, RFC 6749 §4.4,
 * client authentication {@code client_secret_basic}) and keeps the current one until shortly
 * before it expires, so that no request fails for a token the client could have renewed. Threads
 * share one token; one of them fetches while the others wait. A refused credential fails at once
 * with {@link UploadFailure.CredentialsRefused}; 429, 5xx and I/O errors are retried.
 */
public final class TokenSource {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI tokenUrl;
  private final String clientId;
  private final ClientSecret secret;
  private final Retrier retrier;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable AccessToken current;

  public TokenSource(HttpClient http, URI tokenUrl, String clientId, ClientSecret secret, Retrier retrier, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.retrier = Objects.requireNonNull(retrier, "retrier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A token valid for a while yet: the cached one, or a new one when it is due for renewal. */
  public AccessToken current() throws UploadException {
    // A lock rather than synchronized: callers are virtual threads, which a monitor would pin.
    lock.lock();
    try {
      AccessToken token = current;
      if (token == null || !token.usableAt(clock.instant())) {
        token = retrier.call("token request", this::fetch);
        current = token;
      }
      return token;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops {@code rejected} after the API refused it (the server restarted with new keys, or the
   * clocks disagree), so that the next {@link #current()} fetches a fresh one.
   */
  public void invalidate(AccessToken rejected) {
    lock.lock();
    try {
      if (rejected.equals(current)) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private AccessToken fetch() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(tokenUrl)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + basicCredentials())
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String message = response.statusCode() == 200 ? "" : ServerMessage.of(response.body());
    // 401 from the standalone server; Cognito answers a bad client with 400 invalid_client.
    if (response.statusCode() == 401 || (response.statusCode() == 400 && message.startsWith("invalid_client"))) {
      throw new UploadException(new UploadFailure.CredentialsRefused(response.statusCode(), message));
    }
    if (response.statusCode() != 200) {
      throw new ServerResponseException(
          "token request", response.statusCode(), message, ServerMessage.retryAfter(response.headers()));
    }
    return parse(response.body());
  }

  private AccessToken parse(String body) throws IOException {
    JsonNode node = json.readTree(body);
    JsonNode token = node.get("access_token");
    JsonNode expiresIn = node.get("expires_in");
    if (token == null || !token.isTextual() || expiresIn == null || !expiresIn.canConvertToLong()
        || expiresIn.asLong() <= 0) {
      throw new ServerResponseException("token request", 502,
          "the token endpoint answered 200 without access_token and a positive expires_in", Optional.empty());
    }
    return AccessToken.issued(token.asText(), clock.instant(), Duration.ofSeconds(expiresIn.asLong()));
  }

  /** RFC 6749 §2.3.1: id and secret are form-urlencoded before the Basic encoding. */
  private String basicCredentials() {
    String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(secret.reveal(), StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "TokenSource[" + tokenUrl + ", clientId=" + clientId + "]";
  }
}
