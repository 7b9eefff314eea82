package dev.lakegate.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of the client: the system's certificate authorities, plus certificates from PEM
 * files (the standalone server's self-signed {@code certificate.pem}, a company CA). Verification
 * is never skipped: a server whose chain neither set accepts fails the handshake, and host names
 * are checked by the HTTP client as always.
 */
public final class TrustedCertificates {

  private TrustedCertificates() {}

  /** An SSL context that trusts the system's CAs and every certificate in {@code pemFiles}. */
  public static SSLContext sslContext(List<Path> pemFiles) throws IOException, GeneralSecurityException {
    X509TrustManager system = trustManager(null);
    if (pemFiles.isEmpty()) {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {system}, null);
      return context;
    }
    KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
    extra.load(null, null);
    int n = 0;
    for (Path pem : pemFiles) {
      for (Certificate certificate : read(pem)) {
        extra.setCertificateEntry("extra-" + n++, certificate);
      }
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new EitherTrustManager(system, trustManager(extra))}, null);
    return context;
  }

  private static Collection<? extends Certificate> read(Path pem) throws IOException, CertificateException {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new CertificateException(pem + " holds no PEM certificate");
      }
      return certificates;
    }
  }

  private static X509TrustManager trustManager(@org.jspecify.annotations.Nullable KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the platform offers no X.509 trust manager");
  }

  /**
   * Accepts a server chain that either trust manager accepts. Written by hand because the JDK
   * cannot merge the system's trust store with extra certificates without copying the store.
   */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      all.addAll(List.of(second.getAcceptedIssuers()));
      return all.toArray(X509Certificate[]::new);
    }
  }
}
