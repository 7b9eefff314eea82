package dev.lakegate.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.store.AuthStateException;
import java.util.Map;
import java.util.Optional;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaSigningTest {
  private static RSAKey key;

  @BeforeAll
  static void generateKey() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  private static JWSObject signedWith(RSASSASigner signer) throws Exception {
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new Payload(Map.of("sub", "partner", "scope", "m2m-api/m2m-custom")));
    jws.sign(signer);
    return jws;
  }

  @Test
  void conscryptIsTheDefaultWhereItsNativeLibraryIsShipped() {
    assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");

    RsaSigning signing = RsaSigning.fromEnvironment(Map.of());

    assertThat(signing.providerName()).isEqualTo("Conscrypt");
    assertThat(signing.signer(key).getJCAContext().getProvider()).isInstanceOf(Conscrypt.newProvider().getClass());
  }

  @Test
  void jdkChoiceSignsWithTheJdksProvider() {
    RsaSigning signing = RsaSigning.fromEnvironment(Map.of(RsaSigning.ENVIRONMENT_VARIABLE, "jdk"));

    assertThat(signing.providerName()).isEqualTo("SunRsaSign");
    assertThat(signing.signer(key).getJCAContext().getProvider()).isNull();
  }

  @Test
  void bothProvidersMakeTheSameSignatureAndEachVerifiesTheOther() throws Exception {
    assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");
    JWSObject jdk = signedWith(RsaSigning.of(RsaSigning.Choice.JDK).signer(key));
    JWSObject conscrypt = signedWith(RsaSigning.of(RsaSigning.Choice.CONSCRYPT).signer(key));
    RSASSAVerifier jdkVerifier = new RSASSAVerifier(key.toRSAPublicKey());
    RSASSAVerifier conscryptVerifier = new RSASSAVerifier(key.toRSAPublicKey());
    conscryptVerifier.getJCAContext().setProvider(Conscrypt.newProvider());

    // RS256 (PKCS #1 v1.5) is deterministic: one key and one input give one signature.
    assertThat(conscrypt.getSignature()).isEqualTo(jdk.getSignature());
    assertThat(JWSObject.parse(conscrypt.serialize()).verify(jdkVerifier)).isTrue();
    assertThat(JWSObject.parse(jdk.serialize()).verify(conscryptVerifier)).isTrue();
  }

  @Test
  void conscryptSignatureOfAnotherKeyDoesNotVerify() throws Exception {
    assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");
    RSAKey other = new RSAKeyGenerator(2048).keyID("k2").generate();
    JWSObject forged = signedWith(RsaSigning.of(RsaSigning.Choice.CONSCRYPT).signer(other));

    assertThat(JWSObject.parse(forged.serialize()).verify(new RSASSAVerifier(key.toRSAPublicKey()))).isFalse();
  }

  @Test
  void fallsBackToTheJdkWhenTheNativeLibraryDoesNotLoad() throws Exception {
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.AUTO, RsaSigningTest::unloadable);

    RSASSASigner signer = signing.signer(key);

    assertThat(signing.providerName()).isEqualTo("SunRsaSign");
    assertThat(signer.getJCAContext().getProvider()).isNull();
    assertThat(JWSObject.parse(signedWith(signer).serialize()).verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
  }

  @Test
  void conscryptChoiceFailsClearlyWhenTheNativeLibraryDoesNotLoad() {
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.CONSCRYPT, RsaSigningTest::unloadable);

    assertThatThrownBy(() -> signing.signer(key))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining(RsaSigning.ENVIRONMENT_VARIABLE + "=conscrypt")
        .hasMessageContaining("no conscrypt_openjdk_jni in java.library.path");
  }

  @Test
  void jdkChoiceNeverAsksForTheNativeLibrary() {
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.JDK, () -> {
      throw new AssertionError("the native library was asked for");
    });

    assertThat(signing.signer(key).getJCAContext().getProvider()).isNull();
  }

  private static RsaSigning.NativeLibrary unloadable() {
    return new RsaSigning.NativeLibrary(Optional.empty(),
        Optional.of(new UnsatisfiedLinkError("no conscrypt_openjdk_jni in java.library.path")));
  }

  @Test
  void rejectsAnUnknownChoiceNamingTheVariable() {
    assertThatThrownBy(() -> RsaSigning.fromEnvironment(Map.of(RsaSigning.ENVIRONMENT_VARIABLE, "fastest")))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining(RsaSigning.ENVIRONMENT_VARIABLE)
        .hasMessageContaining("auto, jdk or conscrypt")
        .hasMessageContaining("fastest");
  }

  @Test
  void choiceIsCaseInsensitiveAndBlankMeansAuto() {
    assertThat(RsaSigning.fromEnvironment(Map.of(RsaSigning.ENVIRONMENT_VARIABLE, " JDK ")).providerName())
        .isEqualTo("SunRsaSign");
    assertThat(RsaSigning.fromEnvironment(Map.of(RsaSigning.ENVIRONMENT_VARIABLE, "")).providerName())
        .isEqualTo(RsaSigning.of(RsaSigning.Choice.AUTO).providerName());
  }
}
