package dev.lakegate.auth.client;

import dev.lakegate.auth.client.ClientAuthentication.Authenticated;
import dev.lakegate.auth.client.ClientAuthentication.Denied;
import dev.lakegate.auth.client.ClientAuthentication.Reason;
import dev.lakegate.auth.store.DataDirectory;
import dev.lakegate.auth.store.StateFile;
import dev.lakegate.core.config.AppClientSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The app clients of {@code contract.md} §2, one per {@code appClients} entry, kept in {@value
 * #FILE_NAME} in the data directory: generated id, secret stored only as a keyed hash, enabled or
 * disabled. A client must be both stored and configured to work, so removing it from the
 * configuration stops it at once. Every read starts with one {@code stat} of the file, so a change
 * made by another process (the CLI) counts from the very next call; every change is a locked,
 * atomic rewrite.
 */
public final class AppClientRegistry {
  /** The client file in the data directory. */
  public static final String FILE_NAME = "clients.json";
  private static final int SECRET_BYTES = 32;
  private static final int CLIENT_ID_LENGTH = 26;
  private static final char[] CLIENT_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final StateFile<ClientBook> file;
  private final SecretHasher hasher;
  private final Map<String, AppClientSettings> configured;
  private final Clock clock;
  private final SecureRandom random;
  // Compared against when the client id is unknown, so an unknown id costs the same as a wrong
  // secret and timing does not tell which ids exist.
  private final String dummyHash;

  public AppClientRegistry(DataDirectory dir, SecretHasher hasher, Map<String, AppClientSettings> configured,
      Clock clock, SecureRandom random) {
    this.file = new StateFile<>(dir, FILE_NAME, new ClientBookCodec(dir.resolve(FILE_NAME).toString()));
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.configured = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configured));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.dummyHash = hasher.hash(newSecret());
  }

  /**
   * Brings the stored clients in line with the configuration, as the server does at start:
   * creates every configured client not yet stored and deletes stored clients no longer
   * configured.
   *
   * @return the credentials of the clients created now, the only time their secrets are known
   */
  public List<ClientCredentials> synchronize() {
    List<ClientCredentials> created = new ArrayList<>();
    file.update(book -> {
      created.clear();
      ClientBook result = book.retaining(configured.keySet());
      for (String name : configured.keySet()) {
        if (result.byName(name).isEmpty()) {
          ClientCredentials credentials = newCredentials(name);
          created.add(credentials);
          Instant now = clock.instant();
          result = result.with(new AppClient(name, credentials.clientId(),
              hasher.hash(credentials.clientSecret()), true, now, now));
        }
      }
      return result.clients().equals(book.clients()) ? book : result;
    });
    return List.copyOf(created);
  }

  /**
   * Checks a client id and secret. An unknown id does the same work as a known one: the secret
   * is hashed and compared in constant time against a dummy hash.
   */
  public ClientAuthentication authenticate(String clientId, Secret secret) {
    Optional<AppClient> client = file.current().byId(clientId);
    boolean secretMatches = hasher.matches(secret, client.map(AppClient::secretHash).orElse(dummyHash));
    if (client.isEmpty()) {
      return new Denied(Reason.UNKNOWN_CLIENT);
    }
    if (!secretMatches) {
      return new Denied(Reason.WRONG_SECRET);
    }
    AppClientSettings settings = configured.get(client.get().name());
    if (settings == null) {
      return new Denied(Reason.REMOVED_CLIENT);
    }
    if (!client.get().enabled()) {
      return new Denied(Reason.DISABLED_CLIENT);
    }
    return new Authenticated(client.get(), settings);
  }

  /**
   * The status of the client with this id, empty when no such client is stored. Cheap enough for
   * every API request: one {@code stat} and two map lookups.
   */
  public Optional<ClientStatus> statusOf(String clientId) {
    return file.current().byId(clientId).map(this::status);
  }

  /** The stored client of this name, if any. */
  public Optional<AppClient> byName(String name) {
    return file.current().byName(name);
  }

  /** Every configured or stored client, configured ones first in configuration order. */
  public List<ClientSummary> overview() {
    ClientBook book = file.current();
    Map<String, ClientSummary> rows = new LinkedHashMap<>();
    for (String name : configured.keySet()) {
      rows.put(name, book.byName(name).map(this::summary)
          .orElse(new ClientSummary(name, Optional.empty(), ClientStatus.NOT_CREATED, Optional.empty(),
              Optional.empty())));
    }
    for (AppClient client : book.clients()) {
      rows.putIfAbsent(client.name(), summary(client));
    }
    return List.copyOf(rows.values());
  }

  /**
   * Gives a configured client a new secret; the old one stops working at once. A configured
   * client not created yet is created. Empty when {@code name} is not configured.
   */
  public Optional<ClientCredentials> rotateSecret(String name) {
    if (!configured.containsKey(name)) {
      return Optional.empty();
    }
    Secret secret = newSecret();
    AppClient updated = file.update(book -> {
      Instant now = clock.instant();
      AppClient client = book.byName(name)
          .map(c -> c.withSecretHash(hasher.hash(secret), now))
          .orElseGet(() -> new AppClient(name, newClientId(), hasher.hash(secret), true, now, now));
      return book.with(client);
    }).byName(name).orElseThrow();
    return Optional.of(new ClientCredentials(name, updated.clientId(), secret));
  }

  /** Disables a stored client: its secret and its tokens are refused from the next request on. */
  public Optional<AppClient> disable(String name) {
    return changeEnabled(name, false);
  }

  /** Enables a stored client again. */
  public Optional<AppClient> enable(String name) {
    return changeEnabled(name, true);
  }

  private Optional<AppClient> changeEnabled(String name, boolean enabled) {
    if (file.current().byName(name).isEmpty()) {
      return Optional.empty();
    }
    return file.update(book -> book.byName(name)
            .filter(c -> c.enabled() != enabled)
            .map(c -> book.with(c.withEnabled(enabled)))
            .orElse(book))
        .byName(name);
  }

  /** The configured lifetimes of a client, empty when the name is not configured. */
  public Optional<AppClientSettings> settings(String name) {
    return Optional.ofNullable(configured.get(name));
  }

  private ClientStatus status(AppClient client) {
    if (!configured.containsKey(client.name())) {
      return ClientStatus.REMOVED;
    }
    return client.enabled() ? ClientStatus.ACTIVE : ClientStatus.DISABLED;
  }

  private ClientSummary summary(AppClient client) {
    return new ClientSummary(client.name(), Optional.of(client.clientId()), status(client),
        Optional.of(client.createdAt()), Optional.of(client.secretRotatedAt()));
  }

  private ClientCredentials newCredentials(String name) {
    return new ClientCredentials(name, newClientId(), newSecret());
  }

  private Secret newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  private String newClientId() {
    StringBuilder id = new StringBuilder(CLIENT_ID_LENGTH);
    for (int i = 0; i < CLIENT_ID_LENGTH; i++) {
      id.append(CLIENT_ID_ALPHABET[random.nextInt(CLIENT_ID_ALPHABET.length)]);
    }
    return id.toString();
  }
}
