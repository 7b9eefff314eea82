package dev.lakegate.core.upload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request events for tests, built like an edge builds them. {@link #get(String)} returns a builder
 * whose defaults are a plausible request from client {@code client-1}; a test changes only what
 * it is about.
 */
public final class TestEvents {
  private TestEvents() {}

  public static Builder get(String operation) {
    return new Builder(operation);
  }

  /** A request event under construction. */
  public static final class Builder {
    private final String operation;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> claims = new LinkedHashMap<>();
    private String sourceIp = "127.0.0.1";

    Builder(String operation) {
      this.operation = operation;
      headers.put("Host", "127.0.0.1:8443");
      headers.put("User-Agent", "partner-agent/1.0");
      claims.put("client_id", "client-1");
      claims.put("scope", "m2m-api/m2m-custom");
    }

    public Builder query(String name, String value) {
      query.put(name, value);
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder withoutHeader(String name) {
      headers.remove(name);
      return this;
    }

    public Builder client(String clientId) {
      claims.put("client_id", clientId);
      return this;
    }

    public Builder withoutClient() {
      claims.remove("client_id");
      return this;
    }

    public Builder sourceIp(String ip) {
      this.sourceIp = ip;
      return this;
    }

    public RequestEvent build() {
      Map<String, List<String>> multi = new LinkedHashMap<>();
      headers.forEach((k, v) -> multi.put(k, List.of(v)));
      return new RequestEvent(
          RequestEvent.RESOURCE,
          "/upload/" + operation,
          "GET",
          headers,
          multi,
          query,
          Map.of("proxy", operation),
          new RequestEvent.RequestContext(
              "req-1",
              "24/Nov/2026:04:13:49 +0000",
              1795500829000L,
              "prod",
              RequestEvent.RESOURCE,
              "GET",
              new RequestEvent.Identity(sourceIp, headers.get("User-Agent")),
              new RequestEvent.Authorizer(claims)));
    }
  }
}
