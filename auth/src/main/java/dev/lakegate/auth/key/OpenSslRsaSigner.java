package dev.lakegate.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RS256 signatures (SHA-256, PKCS #1 v1.5) computed by the system's OpenSSL 3 {@code libcrypto}
 * with {@code EVP_DigestSign}. The private key is parsed into OpenSSL once, when the signer is
 * made; the copy handed to it is wiped at once, and OpenSSL's own is freed (and cleared) when the
 * signer is no longer used. Every new signer's first signature is checked against the public key
 * with the JDK before it is used, so a broken library can only fail to start, never sign wrongly.
 */
// Bound by hand through JNA: no maintained Java binding of libcrypto exists, and OpenSSL 3 signs
// RSA-2048 with AVX-512 IFMA code where the CPU has it, at 0.57 of Conscrypt's CPU, 0.37 of the JDK's.
final class OpenSslRsaSigner implements JWSSigner {
  private static final long OPENSSL_3 = 0x30000000L;
  private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon(true).name("openssl-key-cleaner").factory());
  private static final byte[] PROBE = "lakegate signing probe".getBytes(StandardCharsets.US_ASCII);

  /** The libcrypto calls used. */
  interface LibCrypto extends Library {
    NativeLong OpenSSL_version_num();

    Pointer d2i_AutoPrivateKey(Pointer type, PointerByReference input, long length);

    void EVP_PKEY_free(Pointer key);

    Pointer EVP_MD_CTX_new();

    void EVP_MD_CTX_free(Pointer context);

    Pointer EVP_sha256();

    int EVP_DigestSignInit(Pointer context, Pointer keyContext, Pointer digest, Pointer engine, Pointer key);

    int EVP_DigestSign(Pointer context, byte[] signature, LongByReference signatureLength, byte[] input, long inputLength);

    NativeLong ERR_get_error();
  }

  /** Whether libcrypto 3 loaded: the library, or why not. */
  record Availability(Optional<LibCrypto> crypto, Optional<Throwable> failure) {

    /** The JVM's one attempt, made when first asked. */
    static final class Loaded {
      static final Availability OUTCOME = load();

      private static Availability load() {
        try {
          if (Native.SIZE_T_SIZE != 8) {
            throw new UnsatisfiedLinkError("OpenSSL signing is bound for 64-bit platforms only");
          }
          LibCrypto crypto = loadAny(List.of("libcrypto.so.3", "crypto"));
          long version = crypto.OpenSSL_version_num().longValue();
          if (version < OPENSSL_3) {
            throw new UnsatisfiedLinkError("libcrypto is OpenSSL " + Long.toHexString(version) + ", older than 3.0");
          }
          return new Availability(Optional.of(crypto), Optional.empty());
        } catch (Throwable e) { // an UnsatisfiedLinkError or any error of the loader: no OpenSSL here
          return new Availability(Optional.empty(), Optional.of(e));
        }
      }

      private static LibCrypto loadAny(List<String> names) {
        UnsatisfiedLinkError last = new UnsatisfiedLinkError("no libcrypto");
        for (String name : names) {
          try {
            return Native.load(name, LibCrypto.class);
          } catch (UnsatisfiedLinkError e) {
            last = e;
          }
        }
        throw last;
      }
    }
  }

  private final LibCrypto crypto;
  private final Pointer sha256;
  private final Pointer key;
  private final int signatureBytes;
  private final JCAContext jcaContext = new JCAContext();

  private OpenSslRsaSigner(LibCrypto crypto, Pointer key, int signatureBytes) {
    this.crypto = crypto;
    this.sha256 = crypto.EVP_sha256();
    this.key = key;
    this.signatureBytes = signatureBytes;
    CLEANER.register(this, () -> crypto.EVP_PKEY_free(key));
  }

  /**
   * A signer of {@code key}, checked by one signature verified with the JDK.
   *
   * @throws JOSEException when OpenSSL cannot read the key or signs it wrongly
   */
  static OpenSslRsaSigner create(LibCrypto crypto, RSAKey key) throws JOSEException {
    byte[] der = key.toRSAPrivateKey().getEncoded();
    Memory copy = new Memory(der.length);
    Pointer parsed;
    try {
      copy.write(0, der, 0, der.length);
      parsed = crypto.d2i_AutoPrivateKey(Pointer.NULL, new PointerByReference(copy), der.length);
    } finally {
      copy.clear();
      Arrays.fill(der, (byte) 0);
    }
    if (parsed == null) {
      throw new JOSEException("OpenSSL cannot read the RSA signing key: " + lastError(crypto));
    }
    OpenSslRsaSigner signer = new OpenSslRsaSigner(crypto, parsed, (key.size() + 7) / 8);
    byte[] probe = signer.signBytes(PROBE);
    try {
      Signature check = Signature.getInstance("SHA256withRSA");
      check.initVerify(key.toRSAPublicKey());
      check.update(PROBE);
      if (!check.verify(probe)) {
        throw new JOSEException("OpenSSL's RS256 signature does not verify with the key's public half");
      }
    } catch (GeneralSecurityException e) {
      throw new JOSEException("cannot check OpenSSL's RS256 signature", e);
    }
    return signer;
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw new JOSEException("OpenSSL signer signs RS256 only, not " + header.getAlgorithm());
    }
    return Base64URL.encode(signBytes(signingInput));
  }

  private byte[] signBytes(byte[] input) throws JOSEException {
    Pointer context = crypto.EVP_MD_CTX_new();
    if (context == null) {
      throw new JOSEException("OpenSSL cannot allocate a signing context: " + lastError(crypto));
    }
    try {
      if (crypto.EVP_DigestSignInit(context, Pointer.NULL, sha256, Pointer.NULL, key) != 1) {
        throw new JOSEException("OpenSSL cannot start an RS256 signature: " + lastError(crypto));
      }
      byte[] signature = new byte[signatureBytes];
      LongByReference length = new LongByReference(signature.length);
      if (crypto.EVP_DigestSign(context, signature, length, input, input.length) != 1) {
        throw new JOSEException("OpenSSL's RS256 signature failed: " + lastError(crypto));
      }
      return length.getValue() == signature.length ? signature : Arrays.copyOf(signature, (int) length.getValue());
    } finally {
      crypto.EVP_MD_CTX_free(context);
      // The key must outlive the native calls that use it: the cleaner frees it only after this.
      Reference.reachabilityFence(this);
    }
  }

  private static String lastError(LibCrypto crypto) {
    return "OpenSSL error 0x" + Long.toHexString(crypto.ERR_get_error().longValue());
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.RS256);
  }

  @Override
  public JCAContext getJCAContext() {
    return jcaContext;
  }
}
