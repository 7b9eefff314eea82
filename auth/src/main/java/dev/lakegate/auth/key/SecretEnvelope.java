package dev.lakegate.auth.key;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import dev.lakegate.auth.store.AuthStateException;
import java.text.ParseException;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest under a key derived from the {@link MasterKey} ({@code contract.md}
 * §8): AES-256-GCM with a fresh random nonce per seal, written as a compact JWE ({@code dir},
 * {@code A256GCM}) so the format is a standard one. Each sealed value is bound to a label (a
 * key id, say) carried in the authenticated header, so a value moved to another entry of a
 * state file fails to open instead of being accepted under the wrong name.
 */
public final class SecretEnvelope {
  private static final String PURPOSE = "secret-envelope";

  private final DirectEncrypter encrypter;
  private final DirectDecrypter decrypter;

  public SecretEnvelope(MasterKey masterKey) {
    SecretKeySpec key = new SecretKeySpec(masterKey.derive(PURPOSE), "AES");
    try {
      this.encrypter = new DirectEncrypter(key);
      this.decrypter = new DirectDecrypter(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("a 256-bit key fits A256GCM", e);
    }
  }

  /** Encrypts {@code plaintext} bound to {@code label}; the result is safe to store. */
  public String seal(String label, byte[] plaintext) {
    Objects.requireNonNull(label, "label");
    JWEObject jwe = new JWEObject(
        new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(label).build(),
        new Payload(plaintext));
    try {
      jwe.encrypt(encrypter);
    } catch (JOSEException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
    return jwe.serialize();
  }

  /**
   * Decrypts a value {@link #seal sealed} under {@code label}.
   *
   * @throws AuthStateException when the value is damaged, was sealed under another master key or
   *     another label
   */
  public byte[] open(String label, String sealed) {
    try {
      JWEObject jwe = JWEObject.parse(sealed);
      if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
          || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())
          || !label.equals(jwe.getHeader().getKeyID())) {
        throw new AuthStateException("encrypted value for " + label + " has an unexpected header");
      }
      jwe.decrypt(decrypter);
      return jwe.getPayload().toBytes();
    } catch (ParseException e) {
      throw new AuthStateException("encrypted value for " + label + " is damaged", e);
    } catch (JOSEException e) {
      throw new AuthStateException("cannot decrypt the value for " + label
          + ": it was encrypted under another master key, or damaged", e);
    }
  }
}
