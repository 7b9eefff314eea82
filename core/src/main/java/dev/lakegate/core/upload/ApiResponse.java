package dev.lakegate.core.upload;

import java.util.Map;
import java.util.Objects;

/**
 * What an edge sends back for an upload-API request: status, extra headers and a JSON body. Both
 * edges write it as it is, so the two deployments answer alike.
 */
public record ApiResponse(int status, Map<String, String> headers, String body) {
  public ApiResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
