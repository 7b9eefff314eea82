package dev.lakegate.auth.key;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One RS256 signing key: its key id, when it was created, and, once a newer key replaced it,
 * when it was retired and until when its public half stays in the JWKS so that tokens it signed
 * still verify. {@link #toString()} leaves the key out: {@link RSAKey#toString()} would print
 * the private exponent.
 *
 * @param publishedUntil for a retired key, the instant after which no token it signed can still
 *     be valid
 */
public record SigningKey(
    String kid, Instant createdAt, Optional<Instant> retiredAt, Optional<Instant> publishedUntil, RSAKey key) {

  public SigningKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(retiredAt, "retiredAt");
    Objects.requireNonNull(publishedUntil, "publishedUntil");
    Objects.requireNonNull(key, "key");
  }

  /** True while this key signs new tokens. */
  public boolean active() {
    return retiredAt.isEmpty();
  }

  /** True while this key's public half belongs in the JWKS. */
  public boolean publishedAt(Instant now) {
    return publishedUntil.map(now::isBefore).orElse(true);
  }

  /** This key retired at {@code now}, published for {@code retention} more. */
  public SigningKey retire(Instant now, java.time.Duration retention) {
    return new SigningKey(kid, createdAt, Optional.of(now), Optional.of(now.plus(retention)), key);
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt.orElse(null) + "]";
  }
}
