package dev.lakegate.core.vectors;

import java.util.Map;
import java.util.Objects;

/**
 * One upload-API request of a vector, with its placeholders already resolved.
 *
 * @param client the vectors' name of the calling app client ({@link VectorEdge#clientId})
 * @param query query parameters, in order
 * @param headers request headers a partner sends (never {@code Authorization}: the edge adds it)
 * @param sourceIp the partner's address, inside the allowed CIDRs
 */
public record VectorCall(
    String operation, String client, Map<String, String> query, Map<String, String> headers, String sourceIp) {
  public VectorCall {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(client, "client");
    query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
    headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    Objects.requireNonNull(sourceIp, "sourceIp");
  }
}
