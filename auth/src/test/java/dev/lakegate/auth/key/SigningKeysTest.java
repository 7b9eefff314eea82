package dev.lakegate.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.core.testing.MutableClock;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.auth.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  private static final Duration RETENTION = Duration.ofMinutes(61);
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atFixedStart();

  private SigningKeys keys(MasterKey masterKey) {
    return new SigningKeys(DataDirectory.open(dir), new SecretEnvelope(masterKey), clock, new SecureRandom(),
        new SigningKeys.Policy(Duration.ofDays(90), RETENTION), RsaSigning.of(RsaSigning.Choice.AUTO));
  }

  private SigningKeys keys() {
    return keys(TestAuth.masterKey());
  }

  @Test
  void createsTheFirstKeyOnFirstUse() {
    SigningKeys keys = keys();
    assertThat(keys.list()).isEmpty();

    SigningKeys.ActiveKey active = keys.active();

    assertThat(keys.list()).singleElement().satisfies(k -> assertThat(k.kid()).isEqualTo(active.kid()));
    assertThat(keys.publicJwks().getKeys()).singleElement().satisfies(k -> assertThat(k.isPrivate()).isFalse());
  }

  @Test
  void keyFileHoldsNoPrivateKeyInClearAndIsOwnerOnly() throws Exception {
    SigningKeys keys = keys();
    keys.active();
    Base64URL privateExponent = keys.list().get(0).key().getPrivateExponent();

    String file = Files.readString(dir.resolve(SigningKeys.FILE_NAME));

    assertThat(file).doesNotContain(privateExponent.toString()).doesNotContain("\"d\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SigningKeys.FILE_NAME))))
        .isEqualTo("rw-------");
  }

  @Test
  void restartUsesTheSameKey() {
    String kid = keys().active().kid();

    assertThat(keys().active().kid()).isEqualTo(kid);
  }

  @Test
  void rotationKeepsTheOldKeyPublishedUntilItsTokensHaveExpired() {
    SigningKeys keys = keys();
    String oldKid = keys.active().kid();

    String newKid = keys.rotate().kid();

    assertThat(keys.active().kid()).isEqualTo(newKid).isNotEqualTo(oldKid);
    assertThat(keys.publicJwks().getKeys()).extracting(JWK::getKeyID).containsExactly(oldKid, newKid);
    assertThat(keys.verifier(oldKid)).isPresent();

    clock.advance(RETENTION.minusSeconds(1));
    assertThat(keys.publicJwks().getKeys()).extracting(JWK::getKeyID).contains(oldKid);

    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.publicJwks().getKeys()).extracting(JWK::getKeyID).containsExactly(newKid);
    assertThat(keys.verifier(oldKid)).isEmpty();
  }

  @Test
  void rotationDropsKeysWhoseRetentionHasPassed() {
    SigningKeys keys = keys();
    String first = keys.active().kid();
    keys.rotate();
    clock.advance(RETENTION.plusSeconds(1));

    keys.rotate();

    assertThat(keys.list()).extracting(SigningKey::kid).doesNotContain(first).hasSize(2);
  }

  @Test
  void rotatesByItselfWhenTheActiveKeyIsOlderThanTheRotationAge() {
    SigningKeys keys = keys();
    String oldKid = keys.active().kid();

    clock.advance(Duration.ofDays(90).minusSeconds(1));
    assertThat(keys.active().kid()).isEqualTo(oldKid);

    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.active().kid()).isNotEqualTo(oldKid);
    assertThat(keys.verifier(oldKid)).isPresent();
  }

  @Test
  void rotationByAnotherProcessIsSeenOnTheNextCall() {
    SigningKeys server = keys();
    String oldKid = server.active().kid();

    String newKid = keys().rotate().kid();

    assertThat(server.active().kid()).isEqualTo(newKid).isNotEqualTo(oldKid);
  }

  @Test
  void keyFileUnderAnotherMasterKeyIsAClearError() {
    keys().active();
    byte[] other = TestAuth.masterKeyBytes();
    other[5] ^= 1;

    assertThatThrownBy(() -> keys(MasterKey.of(other)))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining("another master key");
  }

  @Test
  void damagedKeyFileIsAClearError() throws Exception {
    Files.writeString(dir.resolve(SigningKeys.FILE_NAME), "{\"version\": 1, \"keys\": [{}]}");

    assertThatThrownBy(this::keys)
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining(SigningKeys.FILE_NAME);
  }

  @Test
  void toStringLeavesTheKeyOut() {
    SigningKeys keys = keys();
    keys.active();
    SigningKey key = keys.list().get(0);

    assertThat(key.toString()).contains(key.kid()).doesNotContain(key.key().getPrivateExponent().toString());
  }
}
