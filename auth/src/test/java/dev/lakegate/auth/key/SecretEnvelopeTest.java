package dev.lakegate.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.store.AuthStateException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Secrets at rest must open only under the same master key and the same label. */
class SecretEnvelopeTest {
  private final SecretEnvelope envelope = new SecretEnvelope(TestAuth.masterKey());
  private final byte[] plaintext = "private key material".getBytes(StandardCharsets.UTF_8);

  @Test
  void opensWhatItSealed() {
    assertThat(envelope.open("kid-1", envelope.seal("kid-1", plaintext))).isEqualTo(plaintext);
  }

  @Test
  void sealsWithAFreshNonceEachTime() {
    assertThat(envelope.seal("kid-1", plaintext)).isNotEqualTo(envelope.seal("kid-1", plaintext));
  }

  @Test
  void sealedValueDoesNotContainThePlaintext() {
    assertThat(envelope.seal("kid-1", plaintext)).doesNotContain("private key material");
  }

  @Test
  void refusesToOpenUnderAnotherMasterKey() {
    String sealed = envelope.seal("kid-1", plaintext);
    byte[] otherKey = TestAuth.masterKeyBytes();
    otherKey[0] ^= 1;

    assertThatThrownBy(() -> new SecretEnvelope(MasterKey.of(otherKey)).open("kid-1", sealed))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("another master key");
  }

  @Test
  void refusesToOpenUnderAnotherLabel() {
    String sealed = envelope.seal("kid-1", plaintext);

    assertThatThrownBy(() -> envelope.open("kid-2", sealed)).isInstanceOf(AuthStateException.class);
  }

  @Test
  void refusesADamagedValue() {
    String sealed = envelope.seal("kid-1", plaintext);
    int middle = sealed.lastIndexOf('.') - 3;
    String damaged = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A') + sealed.substring(middle + 1);

    assertThatThrownBy(() -> envelope.open("kid-1", damaged)).isInstanceOf(AuthStateException.class);
  }
}
