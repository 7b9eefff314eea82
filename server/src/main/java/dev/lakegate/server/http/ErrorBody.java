package dev.lakegate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;

/**
 * The one JSON error shape of the HTTP edge, {@code {"message": "..."}} as API Gateway answers,
 * used for every error that is not an OAuth2 error (RFC 6749 §5.2) or an S3 error of the lake:
 * filter blocks, missing routes, wrong methods, limits, Jetty's own rejections, uncaught failures.
 */
public final class ErrorBody {
  public static final String CONTENT_TYPE = "application/json";

  private ErrorBody() {}

  /** {@code {"message": message}}. */
  public static String of(String message) {
    return write(Map.of("message", message));
  }

  /** The body for a status with no more specific message: its standard reason phrase. */
  public static String forStatus(int status) {
    return of(reason(status));
  }

  /** The message used for a bare status. */
  public static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 413 -> "Request Entity Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }

  static String write(Map<String, ?> body) {
    try {
      return ResponseJson.write(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }
}
