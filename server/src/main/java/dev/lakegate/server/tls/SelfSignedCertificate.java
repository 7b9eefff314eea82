package dev.lakegate.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity used when no certificate is configured ({@code contract.md} §8): on first start
 * a self-signed EC P-256 certificate for the listen host, {@code localhost} and {@code 127.0.0.1}
 * is generated into {@code {dataDir}/tls/} ({@code certificate.pem} readable, {@code
 * private-key.pem} owner-only) and reused on every later start. Clients trust {@code
 * certificate.pem} ({@code curl --cacert}).
 */
public final class SelfSignedCertificate {
  public static final String CERTIFICATE_FILE = "certificate.pem";
  public static final String PRIVATE_KEY_FILE = "private-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private final Clock clock;
  private final SecureRandom random;

  public SelfSignedCertificate(Clock clock, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The identity kept in {@code tlsDir}, generated for these host names/addresses when absent. */
  public TlsIdentity loadOrCreate(Path tlsDir, List<String> hosts) {
    Path certificate = tlsDir.resolve(CERTIFICATE_FILE);
    Path key = tlsDir.resolve(PRIVATE_KEY_FILE);
    if (!Files.exists(certificate) || !Files.exists(key)) {
      generate(tlsDir, certificate, key, hosts);
    }
    return TlsIdentity.fromPem(certificate, key);
  }

  private void generate(Path tlsDir, Path certificate, Path key, List<String> hosts) {
    try {
      Files.createDirectories(tlsDir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair pair = generator.generateKeyPair();
      X509CertificateHolder holder = sign(pair, hosts);
      // Key first, each file through a temporary name and an atomic rename: a crash leaves either nothing or a whole pair.
      // PKCS#8 ("PRIVATE KEY"), which every TLS tool reads; the SEC1 form would lack the public half.
      writeAtomically(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), "rw-------");
      writeAtomically(certificate, pem(holder), "rw-r--r--");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the self-signed certificate to " + tlsDir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate a self-signed certificate", e);
    }
  }

  private X509CertificateHolder sign(KeyPair pair, List<String> hosts) throws IOException, OperatorCreationException {
    Set<String> names = new LinkedHashSet<>(hosts);
    names.add("localhost");
    names.add("127.0.0.1");
    X500Name subject = new X500Name("CN=" + (hosts.isEmpty() ? "localhost" : hosts.getFirst()) + ",O=Lakegate");
    Instant now = clock.instant();
    var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, random), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream().map(SelfSignedCertificate::generalName).toArray(GeneralName[]::new)));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
  }

  private static GeneralName generalName(String host) {
    boolean address = host.matches("[0-9.]+") || host.contains(":");
    return new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, host);
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  private static void writeAtomically(Path target, String content, String permissions) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
    }
    Files.writeString(temp, content, StandardCharsets.US_ASCII);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
