package dev.lakegate.auth.client;

import dev.lakegate.auth.key.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes client secrets for storage and checks them in constant time. The hash is HMAC-SHA256
 * under a key derived from the master key. A slow password hash is not needed: the secrets are
 * 256-bit random values, so no guess can succeed by brute force, and the key keeps a stolen
 * {@code clients.json} useless without the master key. It costs microseconds, far below the RSA
 * signature of the token it unlocks.
 */
public final class SecretHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;
  // Keyed once; each hash works on a clone, which skips the provider lookup and key setup that
  // Mac.getInstance and init cost on every token request.
  private final Mac prototype;

  public SecretHasher(MasterKey masterKey) {
    this.key = new SecretKeySpec(masterKey.derive("client-secret-hash"), ALGORITHM);
    this.prototype = newMac();
  }

  /** The keyed hash of {@code secret}, base64. */
  public String hash(Secret secret) {
    return Base64.getEncoder().encodeToString(mac(secret));
  }

  /** True when {@code secret} hashes to {@code expectedHash}; constant time in the hash bytes. */
  public boolean matches(Secret secret, String expectedHash) {
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(expectedHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(secret), expected);
  }

  private byte[] mac(Secret secret) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      mac = newMac();
    }
    return mac.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
