package dev.lakegate.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.store.AuthStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaSigningTest {
  private static RSAKey key;

  @BeforeAll
  static void generateKey() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  private static JWSObject signedWith(JWSSigner signer) throws Exception {
    return signedWith(signer, "partner");
  }

  private static JWSObject signedWith(JWSSigner signer, String subject) throws Exception {
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new Payload(Map.of("sub", subject, "scope", "m2m-api/m2m-custom")));
    jws.sign(signer);
    return jws;
  }

  private static boolean openSslLoads() {
    return OpenSslRsaSigner.Availability.Loaded.OUTCOME.crypto().isPresent();
  }

  private static RsaSigning.NativeLibrary conscryptLoaded() {
    return RsaSigning.NativeLibrary.Loaded.OUTCOME;
  }

  private static OpenSslRsaSigner.Availability openSslLoaded() {
    return OpenSslRsaSigner.Availability.Loaded.OUTCOME;
  }

  @Test
  void openSslIsTheDefaultWhereLibcrypto3Loads() {
    assumeTrue(openSslLoads(), "no OpenSSL 3 libcrypto on this machine");

    RsaSigning signing = RsaSigning.fromEnvironment(Map.of());

    assertThat(signing.providerName()).isEqualTo(RsaSigning.OPENSSL);
    assertThat(signing.signer(key)).isInstanceOf(OpenSslRsaSigner.class);
  }

  @Test
  void conscryptIsTheDefaultWhereOpenSslDoesNotLoad() {
    assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.AUTO, RsaSigningTest::conscryptLoaded, RsaSigningTest::noOpenSsl);

    assertThat(signing.providerName()).isEqualTo("Conscrypt");
    assertThat(((RSASSASigner) signing.signer(key)).getJCAContext().getProvider())
        .isInstanceOf(Conscrypt.newProvider().getClass());
  }

  @Test
  void jdkChoiceSignsWithTheJdksProvider() {
    RsaSigning signing = RsaSigning.fromEnvironment(Map.of(RsaSigning.ENVIRONMENT_VARIABLE, "jdk"));

    assertThat(signing.providerName()).isEqualTo("SunRsaSign");
    assertThat(((RSASSASigner) signing.signer(key)).getJCAContext().getProvider()).isNull();
  }

  @Test
  void everySignerMakesTheSameSignatureAndEachVerifiesTheOthers() throws Exception {
    assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");
    assumeTrue(openSslLoads(), "no OpenSSL 3 libcrypto on this machine");
    JWSObject jdk = signedWith(RsaSigning.of(RsaSigning.Choice.JDK).signer(key));
    JWSObject conscrypt = signedWith(RsaSigning.of(RsaSigning.Choice.CONSCRYPT).signer(key));
    JWSObject openssl = signedWith(RsaSigning.of(RsaSigning.Choice.OPENSSL).signer(key));
    RSASSAVerifier jdkVerifier = new RSASSAVerifier(key.toRSAPublicKey());
    RSASSAVerifier conscryptVerifier = new RSASSAVerifier(key.toRSAPublicKey());
    conscryptVerifier.getJCAContext().setProvider(Conscrypt.newProvider());

    // RS256 (PKCS #1 v1.5) is deterministic: one key and one input give one signature.
    assertThat(conscrypt.getSignature()).isEqualTo(jdk.getSignature());
    assertThat(openssl.getSignature()).isEqualTo(jdk.getSignature());
    assertThat(JWSObject.parse(conscrypt.serialize()).verify(jdkVerifier)).isTrue();
    assertThat(JWSObject.parse(openssl.serialize()).verify(jdkVerifier)).isTrue();
    assertThat(JWSObject.parse(jdk.serialize()).verify(conscryptVerifier)).isTrue();
  }

  @Test
  void nativeSignaturesOfAnotherKeyDoNotVerify() throws Exception {
    assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");
    assumeTrue(openSslLoads(), "no OpenSSL 3 libcrypto on this machine");
    RSAKey other = new RSAKeyGenerator(2048).keyID("k2").generate();
    RSASSAVerifier verifier = new RSASSAVerifier(key.toRSAPublicKey());

    for (RsaSigning.Choice choice : List.of(RsaSigning.Choice.CONSCRYPT, RsaSigning.Choice.OPENSSL)) {
      JWSObject forged = signedWith(RsaSigning.of(choice).signer(other));

      assertThat(JWSObject.parse(forged.serialize()).verify(verifier)).as(choice.name()).isFalse();
    }
  }

  @Test
  void openSslSignerSignsCorrectlyFromManyThreadsAtOnce() throws Exception {
    assumeTrue(openSslLoads(), "no OpenSSL 3 libcrypto on this machine");
    JWSSigner openssl = RsaSigning.of(RsaSigning.Choice.OPENSSL).signer(key);
    JWSSigner jdk = RsaSigning.of(RsaSigning.Choice.JDK).signer(key);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String subject = "partner-" + i;
        results.add(threads.submit(() -> signedWith(openssl, subject).getSignature().equals(signedWith(jdk, subject).getSignature())));
      }
      for (Future<Boolean> same : results) {
        assertThat(same.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void openSslSignerRefusesAnyAlgorithmButRs256() {
    assumeTrue(openSslLoads(), "no OpenSSL 3 libcrypto on this machine");
    JWSSigner openssl = RsaSigning.of(RsaSigning.Choice.OPENSSL).signer(key);

    assertThat(openssl.supportedJWSAlgorithms()).containsExactly(JWSAlgorithm.RS256);
    assertThatThrownBy(() -> openssl.sign(new JWSHeader(JWSAlgorithm.RS512), new byte[] {1}))
        .isInstanceOf(JOSEException.class)
        .hasMessageContaining("RS256 only");
  }

  @Test
  void openSslSignerThatSignsWronglyIsNeverMade() {
    assumeTrue(openSslLoads(), "no OpenSSL 3 libcrypto on this machine");
    OpenSslRsaSigner.LibCrypto real = openSslLoaded().crypto().orElseThrow();
    OpenSslRsaSigner.LibCrypto flipsABit = (OpenSslRsaSigner.LibCrypto) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {OpenSslRsaSigner.LibCrypto.class}, (proxy, method, args) -> {
          Object result = method.invoke(real, args);
          if (method.getName().equals("EVP_DigestSign")) {
            ((byte[]) args[1])[0] ^= 1;
          }
          return result;
        });

    assertThatThrownBy(() -> OpenSslRsaSigner.create(flipsABit, key))
        .isInstanceOf(JOSEException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void fallsBackToTheJdkWhenNoNativeLibraryLoads() throws Exception {
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.AUTO, RsaSigningTest::unloadable, RsaSigningTest::noOpenSsl);

    JWSSigner signer = signing.signer(key);

    assertThat(signing.providerName()).isEqualTo("SunRsaSign");
    assertThat(((RSASSASigner) signer).getJCAContext().getProvider()).isNull();
    assertThat(JWSObject.parse(signedWith(signer).serialize()).verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
  }

  @Test
  void conscryptChoiceFailsClearlyWhenTheNativeLibraryDoesNotLoad() {
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.CONSCRYPT, RsaSigningTest::unloadable, RsaSigningTest::noOpenSsl);

    assertThatThrownBy(() -> signing.signer(key))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining(RsaSigning.ENVIRONMENT_VARIABLE + "=conscrypt")
        .hasMessageContaining("no conscrypt_openjdk_jni in java.library.path");
  }

  @Test
  void openSslChoiceFailsClearlyWhenLibcryptoDoesNotLoad() {
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.OPENSSL, RsaSigningTest::conscryptLoaded, RsaSigningTest::noOpenSsl);

    assertThatThrownBy(() -> signing.signer(key))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining(RsaSigning.ENVIRONMENT_VARIABLE + "=openssl")
        .hasMessageContaining("libcrypto.so.3: cannot open shared object file");
  }

  @Test
  void jdkChoiceNeverAsksForANativeLibrary() {
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.JDK, () -> {
      throw new AssertionError("Conscrypt was asked for");
    }, () -> {
      throw new AssertionError("OpenSSL was asked for");
    });

    assertThat(((RSASSASigner) signing.signer(key)).getJCAContext().getProvider()).isNull();
  }

  @Test
  void conscryptChoiceNeverAsksForOpenSsl() {
    assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");
    RsaSigning signing = new RsaSigning(RsaSigning.Choice.CONSCRYPT, RsaSigningTest::conscryptLoaded, () -> {
      throw new AssertionError("OpenSSL was asked for");
    });

    assertThat(signing.providerName()).isEqualTo("Conscrypt");
  }

  private static RsaSigning.NativeLibrary unloadable() {
    return new RsaSigning.NativeLibrary(Optional.empty(),
        Optional.of(new UnsatisfiedLinkError("no conscrypt_openjdk_jni in java.library.path")));
  }

  private static OpenSslRsaSigner.Availability noOpenSsl() {
    return new OpenSslRsaSigner.Availability(Optional.empty(),
        Optional.of(new UnsatisfiedLinkError("libcrypto.so.3: cannot open shared object file")));
  }

  @Test
  void rejectsAnUnknownChoiceNamingTheVariable() {
    assertThatThrownBy(() -> RsaSigning.fromEnvironment(Map.of(RsaSigning.ENVIRONMENT_VARIABLE, "fastest")))
        .isInstanceOf(AuthStateException.class)
        .hasMessageContaining(RsaSigning.ENVIRONMENT_VARIABLE)
        .hasMessageContaining("auto, jdk, conscrypt or openssl")
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
