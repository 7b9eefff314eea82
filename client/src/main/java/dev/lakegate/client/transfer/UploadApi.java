package dev.lakegate.client.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.client.UploadException;
import dev.lakegate.client.http.Retrier;
import dev.lakegate.client.http.ServerMessage;
import dev.lakegate.client.http.ServerResponseException;
import dev.lakegate.client.token.AccessToken;
import dev.lakegate.client.token.TokenSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The four calls of the upload API ({@code contract.md} §4) under the {@link Retrier}: {@code
 * unipart}, {@code multi_init}, {@code multi_upload} and {@code multi_complete}, each a GET on the
 * stage's upload base with a bearer token and the caller's extra query parameters (those the
 * configuration's {@code requestParameters} demand). A 401 makes the client drop its token and try
 * once more with a new one before it counts as a refusal.
 */
public final class UploadApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI base;
  private final Map<String, String> extraParameters;
  private final TokenSource tokens;
  private final Retrier retrier;
  private final ObjectMapper json = new ObjectMapper();

  /** A presigned URL to PUT the bytes to, and the uuid of the object it makes. */
  public record PresignedTarget(URI url, String uuid) {}

  /** A multipart upload the server has started. */
  public record MultipartStart(String uuid, String uploadId) {}

  /** A completed multipart upload: the object's ETag and its part count. */
  public record Completion(String uuid, String etag, int parts) {}

  public UploadApi(HttpClient http, URI base, Map<String, String> extraParameters, TokenSource tokens, Retrier retrier) {
    this.http = Objects.requireNonNull(http, "http");
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.extraParameters = Map.copyOf(extraParameters);
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.retrier = Objects.requireNonNull(retrier, "retrier");
  }

  /** The API base every call goes to, as given. */
  public URI base() {
    return base;
  }

  public PresignedTarget unipart(String md5) throws UploadException {
    return call("unipart", Map.of("md5", md5),
        body -> new PresignedTarget(url(body, "unipart"), text(body, "uuid", "unipart")));
  }

  public MultipartStart multiInit() throws UploadException {
    return call("multi_init", Map.of(),
        body -> new MultipartStart(text(body, "uuid", "multi_init"), text(body, "upload_id", "multi_init")));
  }

  public PresignedTarget multiUpload(MultipartStart upload, int partNumber, String md5) throws UploadException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("md5", md5);
    query.put("uuid", upload.uuid());
    query.put("part_num", Integer.toString(partNumber));
    query.put("upload_id", upload.uploadId());
    return call("multi_upload", query, body -> new PresignedTarget(url(body, "multi_upload"), upload.uuid()));
  }

  public Completion multiComplete(MultipartStart upload) throws UploadException {
    return call("multi_complete", Map.of("uuid", upload.uuid(), "upload_id", upload.uploadId()), body -> {
      JsonNode parts = body.get("parts");
      int count = parts == null ? 0 : parts.isArray() ? parts.size() : parts.asInt();
      return new Completion(text(body, "uuid", "multi_complete"), unquote(text(body, "etag", "multi_complete")), count);
    });
  }

  /** Reads the fields of a 200 answer; a missing field is a broken answer. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(JsonNode body) throws ServerResponseException;
  }

  /** An ETag without the quotes HTTP puts around it. */
  static String unquote(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  private <T> T call(String operation, Map<String, String> parameters, Reader<T> reader) throws UploadException {
    Map<String, String> query = new LinkedHashMap<>(extraParameters);
    query.putAll(parameters);
    URI uri = URI.create(base + "/" + operation + (query.isEmpty() ? "" : "?" + encode(query)));
    return retrier.call(operation, () -> {
      AccessToken token = tokens.current();
      HttpResponse<String> response = send(uri, token);
      if (response.statusCode() == 401) {
        tokens.invalidate(token);
        response = send(uri, tokens.current());
      }
      if (response.statusCode() != 200) {
        throw new ServerResponseException(operation, response.statusCode(), ServerMessage.of(response.body()),
            ServerMessage.retryAfter(response.headers()));
      }
      return reader.read(parseBody(operation, response.body()));
    });
  }

  private HttpResponse<String> send(URI uri, AccessToken token) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token.value())
        .header("Accept", "application/json")
        .GET()
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode parseBody(String operation, String body) throws ServerResponseException {
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // Reported below: a 200 that is not a JSON object is a broken answer, worth a retry.
    }
    throw new ServerResponseException(operation, 502, "the answer is not a JSON object", Optional.empty());
  }

  private static URI url(JsonNode body, String operation) throws ServerResponseException {
    String value = text(body, "url", operation);
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // Reported below.
    }
    throw new ServerResponseException(operation, 502, "the answer's \"url\" is not an http(s) URL", Optional.empty());
  }

  private static String text(JsonNode body, String field, String operation) throws ServerResponseException {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new ServerResponseException(operation, 502, "the answer lacks \"" + field + "\"", Optional.empty());
    }
    return value.asText();
  }

  private static String encode(Map<String, String> query) {
    return query.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
