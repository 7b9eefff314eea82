package dev.lakegate.client;

import java.util.Objects;

/**
 * An app client's secret. Kept in its own type so that no {@code toString()}, log line or
 * exception message can print it: {@link #toString()} gives a mask, and the value is read only
 * where the token request is built.
 */
public final class ClientSecret {
  private final String value;

  private ClientSecret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret read from a file or the environment; surrounding whitespace (a trailing newline
   * of a file) is dropped.
   *
   * @throws IllegalArgumentException if nothing but whitespace is left
   */
  public static ClientSecret of(String value) {
    String trimmed = Objects.requireNonNull(value, "value").strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the client secret is empty");
    }
    return new ClientSecret(trimmed);
  }

  /** The secret itself, for the token request only. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "ClientSecret[****]";
  }
}
