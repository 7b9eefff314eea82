package dev.lakegate.auth.client;

import java.util.Objects;

/**
 * A secret value (client secret, access token) that must not leak through logs: {@link
 * #toString()} prints a mask, and the value is read only through {@link #reveal()}, which makes
 * each use visible in the code.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The secret itself, for hashing, sending or showing once to its owner. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "******";
  }
}
