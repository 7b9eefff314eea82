package dev.lakegate.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server's error answer into one short line: the JSON error of the upload API and token
 * endpoint ({@code message}, or RFC 6749 §5.2 {@code error} and {@code error_description}), or the
 * XML error of S3 and the standalone lake ({@code Code} and {@code Message}), else the body's
 * first characters.
 */
public final class ServerMessage {
  private static final int MAX_LENGTH = 300;
  private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServerMessage() {}

  /** The one-line message of an error body; {@code "(empty body)"} when there is nothing to read. */
  public static String of(String body) {
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return "(empty body)";
    }
    if (trimmed.startsWith("{")) {
      Optional<String> json = fromJson(trimmed);
      if (json.isPresent()) {
        return shorten(json.get());
      }
    }
    if (trimmed.startsWith("<")) {
      Matcher code = XML_CODE.matcher(trimmed);
      Matcher message = XML_MESSAGE.matcher(trimmed);
      if (code.find()) {
        return shorten(code.group(1) + (message.find() ? ": " + message.group(1) : ""));
      }
    }
    return shorten(trimmed.replaceAll("\\s+", " "));
  }

  /** The delay a 429 or 503 asks for in {@code Retry-After}, when given in seconds. */
  public static Optional<Duration> retryAfter(HttpHeaders headers) {
    return headers.firstValue("Retry-After").flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
      } catch (NumberFormatException e) {
        // The HTTP-date form is not worth a parser here: the exponential backoff applies instead.
        return Optional.empty();
      }
    });
  }

  private static Optional<String> fromJson(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node.hasNonNull("error")) {
        String error = node.get("error").asText();
        return Optional.of(node.hasNonNull("error_description")
            ? error + ": " + node.get("error_description").asText()
            : error);
      }
      if (node.hasNonNull("message")) {
        return Optional.of(node.get("message").asText());
      }
      return Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static String shorten(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
  }
}
