package dev.lakegate.auth.client;

import java.util.Objects;

/**
 * A client's id and secret as shown to its owner exactly once: when the client is created at
 * first start, and when its secret is rotated. The secret prints as a mask.
 */
public record ClientCredentials(String name, String clientId, Secret clientSecret) {
  public ClientCredentials {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
  }
}
