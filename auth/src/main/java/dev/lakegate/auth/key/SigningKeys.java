package dev.lakegate.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.lakegate.auth.store.DataDirectory;
import dev.lakegate.auth.store.StateFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The RS256 signing keys ({@code contract.md} §2, §8), kept in {@value #FILE_NAME} with each
 * private key sealed by the {@link SecretEnvelope}. One key is active and signs new tokens; a
 * rotation retires it, and a retired key stays in the JWKS for the {@link Policy#retention()}
 * (the longest token lifetime plus clock skew), so every token it signed still verifies until it
 * expires. The active key is rotated by itself once it is older than {@link
 * Policy#rotationAge()}. A rotation made by another process (the CLI) is seen on the next call.
 * The active key's signer runs on the provider {@link RsaSigning} chose.
 */
public final class SigningKeys {
  /** The key file in the data directory. */
  public static final String FILE_NAME = "keys.json";
  private static final int KEY_SIZE = 2048;

  private final StateFile<KeyRing> file;
  private final Clock clock;
  private final SecureRandom random;
  private final Policy policy;
  private final RsaSigning signing;
  // The active key's signer, made once per key: for a native provider that converts the key.
  private volatile @Nullable ActiveKey signerOfActive;

  public SigningKeys(DataDirectory dir, SecretEnvelope envelope, Clock clock, SecureRandom random, Policy policy,
      RsaSigning signing) {
    this.file = new StateFile<>(dir, FILE_NAME, new KeyRingCodec(envelope, dir.resolve(FILE_NAME).toString()));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.signing = Objects.requireNonNull(signing, "signing");
  }

  /**
   * When keys rotate and how long a retired key stays published.
   *
   * @param rotationAge the active key is replaced once it is this old (e.g. 90 days)
   * @param retention a retired key's public half stays in the JWKS this long: at least the
   *     longest access-token lifetime plus the verifier's clock skew
   */
  public record Policy(Duration rotationAge, Duration retention) {
    public static final Duration DEFAULT_ROTATION_AGE = Duration.ofDays(90);

    public Policy {
      if (rotationAge.isNegative() || rotationAge.isZero() || retention.isNegative()) {
        throw new IllegalArgumentException("rotation age must be positive and retention not negative");
      }
    }
  }

  /** The key that signs new tokens and its reusable signer. */
  public record ActiveKey(String kid, JWSSigner signer) {}

  /**
   * The active key, created on first use and rotated when older than the policy allows. No
   * system call in the common case ({@link StateFile#current}).
   */
  public ActiveKey active() {
    KeyRing ring = file.current();
    if (needsNewKey(ring)) {
      ring = file.update(latest -> needsNewKey(latest) ? rotated(latest) : latest);
    }
    SigningKey key = ring.active().orElseThrow();
    ActiveKey current = signerOfActive;
    if (current == null || !current.kid().equals(key.kid())) {
      current = new ActiveKey(key.kid(), signing.signer(key.key()));
      signerOfActive = current;
    }
    return current;
  }

  /** What signs tokens ({@code OpenSSL}, {@code Conscrypt} or {@code SunRsaSign}); see {@link RsaSigning}. */
  public String signatureProvider() {
    return signing.providerName();
  }

  /** The verifier of a published key, empty for an unknown or no longer published key id. */
  public Optional<RSASSAVerifier> verifier(String kid) {
    return file.current().verifier(kid, clock.instant());
  }

  /** Retires the active key now and creates a new one; returns the new key. */
  public SigningKey rotate() {
    return file.update(this::rotated).active().orElseThrow();
  }

  /** Every stored key, oldest first, including retired keys no longer published. */
  public List<SigningKey> list() {
    return file.current().keys();
  }

  /** The public halves of the published keys, as served at {@code /.well-known/jwks.json}. */
  public JWKSet publicJwks() {
    Instant now = clock.instant();
    List<JWK> published = file.current().keys().stream()
        .filter(k -> k.publishedAt(now))
        .map(k -> (JWK) k.key())
        .toList();
    return new JWKSet(published).toPublicJWKSet();
  }

  /** {@link #publicJwks()} as the JSON document. */
  public String jwksJson() {
    return publicJwks().toString();
  }

  private boolean needsNewKey(KeyRing ring) {
    return ring.active().map(k -> !clock.instant().isBefore(k.createdAt().plus(policy.rotationAge()))).orElse(true);
  }

  private KeyRing rotated(KeyRing ring) {
    Instant now = clock.instant();
    List<SigningKey> keys = new ArrayList<>();
    for (SigningKey key : ring.keys()) {
      SigningKey kept = key.active() ? key.retire(now, policy.retention()) : key;
      if (kept.publishedAt(now)) {
        keys.add(kept);
      }
    }
    keys.add(newKey(now));
    return new KeyRing(keys);
  }

  private SigningKey newKey(Instant now) {
    try {
      RSAKey key = new RSAKeyGenerator(KEY_SIZE)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyIDFromThumbprint(true)
          .secureRandom(random)
          .generate();
      return new SigningKey(key.getKeyID(), now, Optional.empty(), Optional.empty(), key);
    } catch (JOSEException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }
}
