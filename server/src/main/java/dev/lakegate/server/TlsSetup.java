package dev.lakegate.server;

import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.server.tls.SelfSignedCertificate;
import dev.lakegate.server.tls.TlsIdentity;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the server's TLS identity ({@code contract.md} §8): none with {@code plainHttp}, the
 * configured PEM files with {@code standalone.tls}, else the self-signed certificate kept in
 * {@code {dataDir}/tls/}, made for the listen host, the public URL's host, {@code localhost} and
 * {@code 127.0.0.1}.
 */
final class TlsSetup {
  private static final List<String> WILDCARDS = List.of("0.0.0.0", "::", "[::]");

  private TlsSetup() {}

  static Optional<TlsIdentity> identity(StandaloneConfig standalone, URI baseUrl, ServerEnvironment environment) {
    if (standalone.plainHttp()) {
      return Optional.empty();
    }
    if (standalone.tls().isPresent()) {
      StandaloneConfig.TlsFiles files = standalone.tls().get();
      return Optional.of(TlsIdentity.fromPem(files.certificate(), files.privateKey()));
    }
    List<String> hosts = new ArrayList<>();
    if (!WILDCARDS.contains(standalone.listen().host())) {
      hosts.add(standalone.listen().host());
    }
    if (baseUrl.getHost() != null && !hosts.contains(baseUrl.getHost()) && !WILDCARDS.contains(baseUrl.getHost())) {
      hosts.add(baseUrl.getHost().replace("[", "").replace("]", ""));
    }
    return Optional.of(new SelfSignedCertificate(environment.clock(), environment.random())
        .loadOrCreate(standalone.dataDir().resolve("tls"), hosts));
  }
}
