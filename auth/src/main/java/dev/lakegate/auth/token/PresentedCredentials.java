package dev.lakegate.auth.token;

import dev.lakegate.auth.client.Secret;
import java.util.Objects;

/** The client id and secret a token request carried, and how. The secret prints as a mask. */
public record PresentedCredentials(ClientAuthMethod method, String clientId, Secret secret) {
  public PresentedCredentials {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
  }
}
