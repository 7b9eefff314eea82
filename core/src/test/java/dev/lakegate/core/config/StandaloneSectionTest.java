package dev.lakegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.net.Cidr;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code standalone:} section: every key read, defaults derived from {@code dataDir}, paths made absolute. */
class StandaloneSectionTest {
  private static final Path WORKING_DIRECTORY = Path.of("/srv/lakegate");

  private static StandaloneConfig load(String standalone) {
    String document = String.join("\n", ConfigDocuments.VALID.subList(0, 24)) + "\n" + standalone;
    return ConfigDocuments.load(ConfigLoader.withDefaults().resolvingPathsAgainst(WORKING_DIRECTORY), document, Map.of())
        .standalone();
  }

  @Test
  void readsEveryKeyWithAnS3Lake() {
    StandaloneConfig config = load("""
        standalone:
          listen: "[::1]:9443"
          publicUrl: https://lake.example.com/
          tls: {certificate: tls/cert.pem, privateKey: /etc/lakegate/key.pem}
          dataDir: var
          logDir: /var/log/lakegate
          lake:
            s3: {region: eu-west-1, endpoint: "http://127.0.0.1:9000", pathStyle: true}
          trustedProxies: [10.1.0.0/16, 192.168.1.10/32]
          protectTokenEndpoint: false
          limits: {maxHeaderBytes: 1024, maxTokenRequestBytes: 256, idleTimeout: 2m, maxConnectionsPerPeer: 1}
        """);

    assertThat(config.listen()).isEqualTo(new StandaloneConfig.Listen("::1", 9443));
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://lake.example.com"));
    assertThat(config.tls()).contains(new StandaloneConfig.TlsFiles(
        Path.of("/srv/lakegate/tls/cert.pem"), Path.of("/etc/lakegate/key.pem")));
    assertThat(config.dataDir()).isEqualTo(Path.of("/srv/lakegate/var"));
    assertThat(config.logDir()).isEqualTo(Path.of("/var/log/lakegate"));
    assertThat(config.lake()).isEqualTo(new StandaloneConfig.S3Lake(
        Optional.of("eu-west-1"), Optional.of(URI.create("http://127.0.0.1:9000")), true));
    assertThat(config.trustedProxies()).containsExactly(Cidr.parse("10.1.0.0/16"), Cidr.parse("192.168.1.10/32"));
    assertThat(config.protectTokenEndpoint()).isFalse();
    assertThat(config.limits()).isEqualTo(new StandaloneConfig.Limits(1024, 256, Duration.ofMinutes(2), 1));
  }

  @Test
  void derivesLogAndLakeDirectoriesFromDataDir() {
    StandaloneConfig config = load("""
        standalone:
          dataDir: ../shared/lakegate-data
          plainHttp: true
          lake: {local: }
        """);

    assertThat(config.dataDir()).isEqualTo(Path.of("/srv/shared/lakegate-data"));
    assertThat(config.logDir()).isEqualTo(Path.of("/srv/shared/lakegate-data/logs"));
    assertThat(config.lake()).isEqualTo(new StandaloneConfig.LocalLake(
        Path.of("/srv/shared/lakegate-data/lake"), StandaloneConfig.LocalLake.DEFAULT_ABANDONED_UPLOAD_AGE));
    assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8443"));
  }

  @Test
  void emptySectionMeansDefaults() {
    StandaloneConfig config = load("standalone:\n");

    assertThat(config.listen()).isEqualTo(new StandaloneConfig.Listen("127.0.0.1", 8443));
    assertThat(config.dataDir()).isEqualTo(Path.of("/srv/lakegate/data"));
    assertThat(config.limits()).isEqualTo(StandaloneConfig.Limits.defaults());
  }

  @Test
  void localLakeDirectoryAndAgeAreRead() {
    StandaloneConfig config = load("""
        standalone:
          listen: 0.0.0.0:0
          lake:
            local: {dir: /data/lake, abandonedUploadAge: P2D}
        """);

    assertThat(config.listen()).isEqualTo(new StandaloneConfig.Listen("0.0.0.0", 0));
    assertThat(config.lake()).isEqualTo(new StandaloneConfig.LocalLake(Path.of("/data/lake"), Duration.ofDays(2)));
  }
}
