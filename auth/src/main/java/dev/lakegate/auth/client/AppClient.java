package dev.lakegate.auth.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One app client as stored: its configured name, generated id, the keyed hash of its secret, and
 * whether it is enabled. {@link #toString()} leaves the hash out. Changes return a new value.
 *
 * @param secretHash base64 of {@link SecretHasher#hash}
 */
public record AppClient(
    String name, String clientId, String secretHash, boolean enabled, Instant createdAt, Instant secretRotatedAt) {

  public AppClient {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(secretRotatedAt, "secretRotatedAt");
  }

  /** This client with a new secret hash, rotated at {@code now}. */
  public AppClient withSecretHash(String newHash, Instant now) {
    return new AppClient(name, clientId, newHash, enabled, createdAt, now);
  }

  /** This client enabled or disabled. */
  public AppClient withEnabled(boolean newEnabled) {
    return new AppClient(name, clientId, secretHash, newEnabled, createdAt, secretRotatedAt);
  }

  @Override
  public String toString() {
    return "AppClient[name=" + name + ", clientId=" + clientId + ", enabled=" + enabled + "]";
  }
}
