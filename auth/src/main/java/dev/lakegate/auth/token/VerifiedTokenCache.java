package dev.lakegate.auth.token;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature and claims were already checked, so a partner reusing its token costs a
 * map lookup rather than an RSA verification. Bounded: when full, expired entries go first, and
 * if that is not enough everything goes. Only what cannot change is cached; the client's state
 * and the expiry are checked again on every use.
 */
final class VerifiedTokenCache {
  private final int capacity;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  VerifiedTokenCache(int capacity) {
    this.capacity = capacity;
  }

  /** What a verified token says: who, until when, and its claims as strings. */
  record Entry(String clientId, Instant expiresAt, Set<String> scopes, Map<String, String> claims) {}

  Optional<Entry> get(String token) {
    return Optional.ofNullable(entries.get(token));
  }

  void put(String token, Entry entry, Instant now) {
    if (entries.size() >= capacity) {
      entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
      if (entries.size() >= capacity) {
        entries.clear();
      }
    }
    entries.put(token, entry);
  }

  int size() {
    return entries.size();
  }
}
