package dev.lakegate.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys as one immutable value, oldest first, with a verifier per key built once when
 * the ring is loaded, so no request re-creates them. The active key's signer is {@link
 * SigningKeys}'s, made on first use on the chosen provider.
 */
final class KeyRing {
  private final List<SigningKey> keys;
  private final Optional<SigningKey> active;
  private final Map<String, RSASSAVerifier> verifiers;

  KeyRing(List<SigningKey> keys) {
    this.keys = List.copyOf(keys);
    this.active = this.keys.stream().filter(SigningKey::active).reduce((first, second) -> second);
    Map<String, RSASSAVerifier> byKid = new LinkedHashMap<>();
    try {
      for (SigningKey key : this.keys) {
        byKid.put(key.kid(), new RSASSAVerifier(key.key().toRSAPublicKey()));
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("stored signing key is not a usable RSA key", e);
    }
    this.verifiers = Map.copyOf(byKid);
  }

  static KeyRing empty() {
    return new KeyRing(List.of());
  }

  List<SigningKey> keys() {
    return keys;
  }

  Optional<SigningKey> active() {
    return active;
  }

  /** The verifier for {@code kid}, if that key is still published at {@code now}. */
  Optional<RSASSAVerifier> verifier(String kid, Instant now) {
    RSASSAVerifier verifier = verifiers.get(kid);
    if (verifier == null) {
      return Optional.empty();
    }
    return keys.stream().filter(k -> k.kid().equals(kid) && k.publishedAt(now)).findFirst().map(k -> verifier);
  }
}
