package dev.lakegate.auth.key;

import com.nimbusds.jose.JOSEException;
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
 * Which JCA provider computes the RS256 signatures of access tokens ({@code contract.md} §2):
 * Conscrypt (BoringSSL) when its native library loads on this platform, else the JDK's own. The
 * provider is given to each token signer only; the JVM's provider list is never changed. {@value
 * #ENVIRONMENT_VARIABLE} chooses: {@code auto} (the default), {@code jdk}, or {@code conscrypt}
 * (Conscrypt or a failed start). The choice is made on the first signer, so commands that never
 * sign never load native code, and logged once.
 */
public final class RsaSigning {
  /** The environment variable that chooses the provider: {@code auto}, {@code jdk} or {@code conscrypt}. */
  public static final String ENVIRONMENT_VARIABLE = "LAKEGATE_SIGNING_PROVIDER";
  private static final Logger LOG = LoggerFactory.getLogger(RsaSigning.class);

  /** What {@value #ENVIRONMENT_VARIABLE} may say. */
  public enum Choice {
    /** Conscrypt when its native library loads, else the JDK's provider. */
    AUTO,
    /** Always the JDK's provider. */
    JDK,
    /** Conscrypt, or no signer at all. */
    CONSCRYPT
  }

  private final Choice choice;
  private final Supplier<NativeLibrary> nativeLibrary;
  // Guarded by this; null until the first signer. Signers are made once per key, so a lock is cheap.
  private @Nullable Optional<Provider> chosen;

  /** @param nativeLibrary whether Conscrypt's library loaded; asked only when a signer is first made */
  RsaSigning(Choice choice, Supplier<NativeLibrary> nativeLibrary) {
    this.choice = Objects.requireNonNull(choice, "choice");
    this.nativeLibrary = Objects.requireNonNull(nativeLibrary, "nativeLibrary");
  }

  /** Signing with {@code choice}. */
  public static RsaSigning of(Choice choice) {
    return new RsaSigning(choice, () -> NativeLibrary.Loaded.OUTCOME);
  }

  /**
   * The choice in {@code environment}, {@link Choice#AUTO} when the variable is unset.
   *
   * @throws AuthStateException when the variable holds anything but the three choices
   */
  public static RsaSigning fromEnvironment(Map<String, String> environment) {
    String value = environment.getOrDefault(ENVIRONMENT_VARIABLE, "auto").strip().toUpperCase(Locale.ROOT);
    try {
      return of(Choice.valueOf(value.isEmpty() ? "AUTO" : value));
    } catch (IllegalArgumentException e) {
      throw new AuthStateException(ENVIRONMENT_VARIABLE + " must be auto, jdk or conscrypt, not '"
          + environment.get(ENVIRONMENT_VARIABLE) + "'");
    }
  }

  /**
   * A reusable RS256 signer of {@code key} on the chosen provider. For Conscrypt the private key is
   * converted to a native key here, once, not on every signature.
   *
   * @throws AuthStateException with {@link Choice#CONSCRYPT} when Conscrypt cannot load
   */
  public RSASSASigner signer(RSAKey key) {
    try {
      Optional<Provider> provider = provider();
      if (provider.isEmpty()) {
        return new RSASSASigner(key);
      }
      RSAPrivateCrtKey jdkKey = (RSAPrivateCrtKey) key.toRSAPrivateKey();
      PrivateKey nativeKey = KeyFactory.getInstance("RSA", provider.get()).generatePrivate(new RSAPrivateCrtKeySpec(
          jdkKey.getModulus(), jdkKey.getPublicExponent(), jdkKey.getPrivateExponent(), jdkKey.getPrimeP(),
          jdkKey.getPrimeQ(), jdkKey.getPrimeExponentP(), jdkKey.getPrimeExponentQ(), jdkKey.getCrtCoefficient()));
      RSASSASigner signer = new RSASSASigner(nativeKey);
      signer.getJCAContext().setProvider(provider.get());
      return signer;
    } catch (JOSEException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("stored signing key is not a usable RSA key", e);
    }
  }

  /** The name of the provider the signers use ({@code Conscrypt} or the JDK's {@code SunRsaSign}), choosing it if not done yet. */
  public String providerName() {
    return provider().map(Provider::getName).orElse("SunRsaSign");
  }

  /** The provider given to signers, chosen on first use; empty for the JDK's default. */
  private synchronized Optional<Provider> provider() {
    if (chosen == null) {
      chosen = choose();
    }
    return chosen;
  }

  private Optional<Provider> choose() {
    if (choice == Choice.JDK) {
      LOG.info("token signatures: the JDK's SHA256withRSA ({}=jdk)", ENVIRONMENT_VARIABLE);
      return Optional.empty();
    }
    NativeLibrary outcome = nativeLibrary.get();
    if (outcome.provider().isPresent()) {
      LOG.info("token signatures: Conscrypt's SHA256withRSA (BoringSSL, native)");
      return outcome.provider();
    }
    Throwable failure = outcome.failure().orElseThrow();
    String reason = String.valueOf(failure);
    if (choice == Choice.CONSCRYPT) {
      throw new AuthStateException(ENVIRONMENT_VARIABLE + "=conscrypt, but Conscrypt's native library does not load on "
          + platform() + ": " + reason, failure);
    }
    LOG.warn("token signatures: the JDK's SHA256withRSA; Conscrypt's native library does not load on {}: {}",
        platform(), reason);
    return Optional.empty();
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
