package dev.lakegate.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lakegate.auth.store.AuthStateException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.conscrypt.Conscrypt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What computes the RS256 signatures of access tokens ({@code contract.md} §2): the system's
 * OpenSSL 3 {@code libcrypto} where it loads ({@link OpenSslRsaSigner}), else Conscrypt (BoringSSL)
 * where its native library loads, else the JDK's own provider. A JCA provider is given to each
 * token signer only; the JVM's provider list is never changed. {@value #ENVIRONMENT_VARIABLE}
 * chooses: {@code auto} (the default, that order), {@code jdk}, {@code conscrypt} or
 * {@code openssl} (that one, or a failed start). The choice is made on the first signer, so
 * commands that never sign never load native code, and logged once.
 */
public final class RsaSigning {
  /** The environment variable that chooses the signer: {@code auto}, {@code jdk}, {@code conscrypt} or {@code openssl}. */
  public static final String ENVIRONMENT_VARIABLE = "LAKEGATE_SIGNING_PROVIDER";
  /** {@link #providerName()} of the OpenSSL signer, which is no JCA provider. */
  public static final String OPENSSL = "OpenSSL";
  private static final Logger LOG = LoggerFactory.getLogger(RsaSigning.class);

  /** What {@value #ENVIRONMENT_VARIABLE} may say. */
  public enum Choice {
    /** OpenSSL 3 when it loads, else Conscrypt when its native library loads, else the JDK's provider. */
    AUTO,
    /** Always the JDK's provider. */
    JDK,
    /** Conscrypt, or no signer at all. */
    CONSCRYPT,
    /** OpenSSL 3's libcrypto, or no signer at all. */
    OPENSSL
  }

  /** The signer chosen: OpenSSL's libcrypto, or a JCA provider (empty for the JDK's default). */
  private record Route(Optional<OpenSslRsaSigner.LibCrypto> openssl, Optional<Provider> provider) {}

  private final Choice choice;
  private final Supplier<NativeLibrary> nativeLibrary;
  private final Supplier<OpenSslRsaSigner.Availability> openssl;
  // Guarded by this; null until the first signer. Signers are made once per key, so a lock is cheap.
  private @Nullable Route chosen;

  /**
   * @param nativeLibrary whether Conscrypt's library loaded; asked only when a signer is first made
   * @param openssl whether libcrypto 3 loaded; likewise
   */
  RsaSigning(Choice choice, Supplier<NativeLibrary> nativeLibrary, Supplier<OpenSslRsaSigner.Availability> openssl) {
    this.choice = Objects.requireNonNull(choice, "choice");
    this.nativeLibrary = Objects.requireNonNull(nativeLibrary, "nativeLibrary");
    this.openssl = Objects.requireNonNull(openssl, "openssl");
  }

  /** Signing with {@code choice}. */
  public static RsaSigning of(Choice choice) {
    return new RsaSigning(choice, () -> NativeLibrary.Loaded.OUTCOME, () -> OpenSslRsaSigner.Availability.Loaded.OUTCOME);
  }

  /**
   * The choice in {@code environment}, {@link Choice#AUTO} when the variable is unset.
   *
   * @throws AuthStateException when the variable holds anything but the four choices
   */
  public static RsaSigning fromEnvironment(Map<String, String> environment) {
    String value = environment.getOrDefault(ENVIRONMENT_VARIABLE, "auto").strip().toUpperCase(Locale.ROOT);
    try {
      return of(Choice.valueOf(value.isEmpty() ? "AUTO" : value));
    } catch (IllegalArgumentException e) {
      throw new AuthStateException(ENVIRONMENT_VARIABLE + " must be auto, jdk, conscrypt or openssl, not '"
          + environment.get(ENVIRONMENT_VARIABLE) + "'");
    }
  }

  /**
   * A reusable RS256 signer of {@code key} on the chosen route. For OpenSSL and Conscrypt the
   * private key is converted to a native key here, once, not on every signature.
   *
   * @throws AuthStateException with {@link Choice#CONSCRYPT} or {@link Choice#OPENSSL} when that
   *     library cannot load
   */
  public JWSSigner signer(RSAKey key) {
    try {
      Route route = route();
      if (route.openssl().isPresent()) {
        return OpenSslRsaSigner.create(route.openssl().get(), key);
      }
      if (route.provider().isEmpty()) {
        return new RSASSASigner(key);
      }
      Provider provider = route.provider().get();
      RSAPrivateCrtKey jdkKey = (RSAPrivateCrtKey) key.toRSAPrivateKey();
      PrivateKey nativeKey = KeyFactory.getInstance("RSA", provider).generatePrivate(new RSAPrivateCrtKeySpec(
          jdkKey.getModulus(), jdkKey.getPublicExponent(), jdkKey.getPrivateExponent(), jdkKey.getPrimeP(),
          jdkKey.getPrimeQ(), jdkKey.getPrimeExponentP(), jdkKey.getPrimeExponentQ(), jdkKey.getCrtCoefficient()));
      RSASSASigner signer = new RSASSASigner(nativeKey);
      signer.getJCAContext().setProvider(provider);
      return signer;
    } catch (JOSEException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("the stored signing key cannot sign with " + providerName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * What signs ({@value #OPENSSL}, {@code Conscrypt} or the JDK's {@code SunRsaSign}), choosing it
   * if not done yet.
   */
  public String providerName() {
    Route route = route();
    return route.openssl().isPresent() ? OPENSSL : route.provider().map(Provider::getName).orElse("SunRsaSign");
  }

  private synchronized Route route() {
    if (chosen == null) {
      chosen = choose();
    }
    return chosen;
  }

  private Route choose() {
    if (choice == Choice.JDK) {
      LOG.info("token signatures: the JDK's SHA256withRSA ({}=jdk)", ENVIRONMENT_VARIABLE);
      return new Route(Optional.empty(), Optional.empty());
    }
    if (choice == Choice.AUTO || choice == Choice.OPENSSL) {
      OpenSslRsaSigner.Availability library = openssl.get();
      if (library.crypto().isPresent()) {
        LOG.info("token signatures: OpenSSL 3's libcrypto (native)");
        return new Route(library.crypto(), Optional.empty());
      }
      Throwable failure = library.failure().orElseThrow();
      if (choice == Choice.OPENSSL) {
        throw new AuthStateException(ENVIRONMENT_VARIABLE + "=openssl, but OpenSSL 3's libcrypto does not load on "
            + platform() + ": " + failure, failure);
      }
      LOG.info("token signatures: OpenSSL 3's libcrypto does not load on {} ({}); trying Conscrypt", platform(), failure.toString());
    }
    NativeLibrary outcome = nativeLibrary.get();
    if (outcome.provider().isPresent()) {
      LOG.info("token signatures: Conscrypt's SHA256withRSA (BoringSSL, native)");
      return new Route(Optional.empty(), outcome.provider());
    }
    Throwable failure = outcome.failure().orElseThrow();
    String reason = String.valueOf(failure);
    if (choice == Choice.CONSCRYPT) {
      throw new AuthStateException(ENVIRONMENT_VARIABLE + "=conscrypt, but Conscrypt's native library does not load on "
          + platform() + ": " + reason, failure);
    }
    LOG.warn("token signatures: the JDK's SHA256withRSA; Conscrypt's native library does not load on {}: {}",
        platform(), reason);
    return new Route(Optional.empty(), Optional.empty());
  }

  private static String platform() {
    return System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  /** Whether Conscrypt's native library loaded: its provider, or why not. */
  record NativeLibrary(Optional<Provider> provider, Optional<Throwable> failure) {

    /** The JVM's one attempt: a native library can be loaded only once per JVM. */
    static final class Loaded {
      static final NativeLibrary OUTCOME = load();

      private static NativeLibrary load() {
        try {
          Conscrypt.checkAvailability();
          return new NativeLibrary(Optional.of(Conscrypt.newProvider()), Optional.empty());
        } catch (Throwable e) { // an UnsatisfiedLinkError or any error of the loader: no native provider here
          return new NativeLibrary(Optional.empty(), Optional.of(e));
        }
      }
    }
  }
}
