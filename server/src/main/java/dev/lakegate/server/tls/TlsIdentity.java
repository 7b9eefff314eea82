package dev.lakegate.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's certificate chain and private key, read from PEM files ({@code contract.md} §8), as
 * the in-memory key store Jetty's TLS context takes. The key store password exists only because
 * the {@link KeyStore} API wants one; the key never leaves memory in that form.
 *
 * @param certificateFile the PEM file clients can trust (the self-signed certificate, or the
 *     configured chain)
 */
public record TlsIdentity(KeyStore keyStore, String keyStorePassword, Path certificateFile) {
  static final String ALIAS = "lakegate";

  public TlsIdentity {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    Objects.requireNonNull(certificateFile, "certificateFile");
  }

  @Override
  public String toString() {
    return "TlsIdentity[certificateFile=" + certificateFile + "]";
  }

  /**
   * Reads a PEM certificate chain and a PEM private key (PKCS#8, or the traditional RSA/EC form),
   * and checks that the key is the first certificate's, so a mismatched pair fails here and not in
   * every client's handshake.
   *
   * @throws IllegalArgumentException when a file holds no certificate or no key, or the key is not
   *     the certificate's
   * @throws UncheckedIOException when a file cannot be read
   */
  public static TlsIdentity fromPem(Path certificateFile, Path privateKeyFile) {
    List<X509Certificate> chain = readCertificates(certificateFile);
    PrivateKey key = readPrivateKey(privateKeyFile);
    checkPair(chain.get(0), key, certificateFile, privateKeyFile);
    try {
      String password = "lakegate";
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
      return new TlsIdentity(store, password, certificateFile);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("certificate " + certificateFile + " and key " + privateKeyFile + " do not form a TLS identity: " + e.getMessage(), e);
    }
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  private static void checkPair(X509Certificate certificate, PrivateKey key, Path certificateFile, Path privateKeyFile) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new IllegalArgumentException(privateKeyFile + " holds a " + key.getAlgorithm()
          + " key; RSA, EC and Ed25519 keys are supported");
    };
    byte[] probe = "lakegate tls key check".getBytes(StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(probe);
      byte[] signed = signature.sign();
      signature.initVerify(certificate.getPublicKey());
      signature.update(probe);
      matches = signature.verify(signed);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException(privateKeyFile + " is not the private key of certificate " + certificateFile);
    }
  }

  private static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read certificate " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("certificate " + file + " is not a valid X.509 certificate", e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM certificate");
    }
    return chain;
  }

  private static PrivateKey readPrivateKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read private key " + file, e);
    }
    throw new IllegalArgumentException(file + " holds no unencrypted PEM private key");
  }
}
