package dev.lakegate.lake.local;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One HTTP request on a lake path ({@code /{bucket}/{key}}), as the server received it and before
 * its body is read. The server builds it from whatever HTTP library it uses; this module never
 * sees that library.
 *
 * @param method the HTTP method, upper case ({@code PUT})
 * @param rawPath the path exactly as received, still percent-encoded ({@code /landing/in/a%20b})
 * @param rawQuery the query string as received, without {@code ?}, still percent-encoded; empty
 *     when there is none
 * @param headers every received header; names are matched case-insensitively
 * @param contentLength the {@code Content-Length} header's value; empty when the request had none
 * @param body the request body; read at most {@code contentLength} bytes, and only after the
 *     signature has been checked
 * @param requestId the server's id for this request, echoed in error bodies
 */
public record LakeRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    OptionalLong contentLength,
    InputStream body,
    String requestId) {

  public LakeRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Objects.requireNonNull(contentLength, "contentLength");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(requestId, "requestId");
    headers = lowerCaseNames(headers);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a header, by case-insensitive name. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
    Map<String, List<String>> merged = new java.util.HashMap<>();
    headers.forEach(
        (name, values) ->
            merged.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
    Map<String, List<String>> copy = new java.util.HashMap<>();
    merged.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Map.copyOf(copy);
  }

  @Override
  public String toString() {
    // Headers are left out: a caller may send Authorization or Cookie values.
    return "LakeRequest[" + method + " " + rawPath + ", requestId=" + requestId + "]";
  }
}
