package dev.lakegate.auth.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One line of the client overview: no secret, no hash. */
public record ClientSummary(
    String name, Optional<String> clientId, ClientStatus status, Optional<Instant> createdAt,
    Optional<Instant> secretRotatedAt) {

  public ClientSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(secretRotatedAt, "secretRotatedAt");
  }
}
