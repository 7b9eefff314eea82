package dev.lakegate.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.auth.token.VerifiedTokenCache.Entry;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A flood of distinct valid tokens must not grow the server's memory without bound. */
class VerifiedTokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static Entry entry(Instant expiresAt) {
    return new Entry("client", expiresAt, Set.of(Scopes.M2M_CUSTOM), Map.of());
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    VerifiedTokenCache cache = new VerifiedTokenCache(3);

    for (int i = 0; i < 10; i++) {
      cache.put("token-" + i, entry(NOW.plusSeconds(3600)), NOW);
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
    assertThat(cache.get("token-9")).isPresent();
  }

  @Test
  void dropsExpiredEntriesFirstWhenFull() {
    VerifiedTokenCache cache = new VerifiedTokenCache(3);
    cache.put("expired", entry(NOW.minusSeconds(1)), NOW);
    cache.put("live-1", entry(NOW.plusSeconds(3600)), NOW);
    cache.put("live-2", entry(NOW.plusSeconds(3600)), NOW);

    cache.put("live-3", entry(NOW.plusSeconds(3600)), NOW);

    assertThat(cache.get("expired")).isEmpty();
    assertThat(cache.get("live-1")).isPresent();
    assertThat(cache.get("live-3")).isPresent();
  }
}
