package dev.lakegate.auth;

import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.core.config.ApiConfig;
import dev.lakegate.core.config.AppClientSettings;
import dev.lakegate.core.config.StandaloneConfig;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link AuthorizationServer} is built from.
 *
 * @param dataDir where clients, keys and the master key file live
 * @param issuer the server's public base URL, the tokens' {@code iss}
 * @param appClients the configured clients, name to lifetimes, in configuration order
 * @param environment where {@code LAKEGATE_MASTER_KEY} is looked up (the process environment)
 * @param random source of ids, secrets, keys and token ids
 * @param keyRotationAge the active signing key is replaced once it is this old
 */
public record AuthSettings(
    Path dataDir,
    URI issuer,
    Map<String, AppClientSettings> appClients,
    Clock clock,
    Map<String, String> environment,
    SecureRandom random,
    Duration keyRotationAge) {

  public AuthSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(issuer, "issuer");
    // Configuration order is kept: listings show clients as the file does.
    appClients = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(appClients));
    Objects.requireNonNull(clock, "clock");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(keyRotationAge, "keyRotationAge");
  }

  /**
   * The settings of a loaded configuration, with the system's randomness and the default key
   * rotation age.
   *
   * @param issuer the server's public base URL ({@link StandaloneConfig#baseUrl()}), as the edge
   *     serves it
   */
  public static AuthSettings of(StandaloneConfig standalone, ApiConfig api, URI issuer, Clock clock,
      Map<String, String> environment) {
    return new AuthSettings(standalone.dataDir(), issuer, api.appClients(), clock, environment, new SecureRandom(),
        SigningKeys.Policy.DEFAULT_ROTATION_AGE);
  }

  @Override
  public String toString() {
    // The environment may hold the master key; it is never printed.
    return "AuthSettings[dataDir=" + dataDir + ", issuer=" + issuer + ", appClients=" + appClients.keySet()
        + ", keyRotationAge=" + keyRotationAge + "]";
  }
}
