package dev.lakegate.core.config;

import dev.lakegate.core.net.Cidr;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code standalone:} section: what only the standalone server needs. {@code synth} ignores
 * it. Relative paths are resolved against the working directory when the file is loaded.
 *
 * @param listen the one listener: token endpoint, upload API and lake
 * @param publicUrl the base URL partners use; the token issuer and presigned URLs derive from it.
 *     Absent: {@code https://{listen}} (or {@code http://} with {@code plainHttp})
 * @param plainHttp serve plain HTTP instead of HTTPS; only when explicitly wanted
 * @param tls a PEM certificate and key; absent: a self-signed one kept in {@code dataDir/tls}
 * @param dataDir clients, keys, certificates, multipart state
 * @param logDir JSON-lines logs, one file per kind
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed
 * @param protectTokenEndpoint the network filter also guards {@code /oauth2/token}
 */
public record StandaloneConfig(
    Listen listen,
    Optional<URI> publicUrl,
    boolean plainHttp,
    Optional<TlsFiles> tls,
    Path dataDir,
    Path logDir,
    LakeSettings lake,
    List<Cidr> trustedProxies,
    boolean protectTokenEndpoint,
    Limits limits) {

  public StandaloneConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(lake, "lake");
    trustedProxies = List.copyOf(trustedProxies);
    Objects.requireNonNull(limits, "limits");
  }

  /** The base URL partners use: {@code publicUrl}, else derived from {@code listen}. No trailing slash. */
  public URI baseUrl() {
    if (publicUrl.isPresent()) {
      String url = publicUrl.get().toString();
      return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
    return URI.create((plainHttp ? "http://" : "https://") + listen.authority());
  }

  /** A host and port to listen on; port 0 binds a free port. */
  public record Listen(String host, int port) {
    public Listen {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public String authority() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** A PEM certificate chain and its PEM private key. */
  public record TlsFiles(Path certificate, Path privateKey) {
    public TlsFiles {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  /** Where the lake is: a local directory (the default) or an S3 bucket. */
  public sealed interface LakeSettings permits LocalLake, S3Lake {}

  /**
   * The filesystem lake: one directory per bucket under {@code dir}.
   *
   * @param abandonedUploadAge multipart uploads untouched for longer are removed
   */
  public record LocalLake(Path dir, Duration abandonedUploadAge) implements LakeSettings {
    public static final Duration DEFAULT_ABANDONED_UPLOAD_AGE = Duration.ofDays(7);

    public LocalLake {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(abandonedUploadAge, "abandonedUploadAge");
    }
  }

  /**
   * Amazon S3 or an S3-compatible store. Credentials come from the AWS SDK's default chain.
   *
   * @param region absent: the SDK's default region chain
   * @param endpoint absent: the region's S3 endpoint
   * @param pathStyle path-style addressing, which most S3-compatible stores need
   */
  public record S3Lake(Optional<String> region, Optional<URI> endpoint, boolean pathStyle) implements LakeSettings {
    public S3Lake {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }

  /**
   * Bounds a hostile client cannot exceed.
   *
   * @param maxHeaderBytes request line plus headers
   * @param maxTokenRequestBytes body of a token request
   * @param idleTimeout a connection with no traffic for this long is closed
   * @param maxConnectionsPerPeer open connections from one source address
   */
  public record Limits(int maxHeaderBytes, int maxTokenRequestBytes, Duration idleTimeout, int maxConnectionsPerPeer) {
    public static Limits defaults() {
      return new Limits(16 * 1024, 8 * 1024, Duration.ofSeconds(30), 64);
    }
  }
}
