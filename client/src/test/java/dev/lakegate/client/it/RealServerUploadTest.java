package dev.lakegate.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.client.ClientSecret;
import dev.lakegate.client.TrustedCertificates;
import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import dev.lakegate.client.UploadListener;
import dev.lakegate.client.UploadOutcome;
import dev.lakegate.client.UploadResult;
import dev.lakegate.client.UploadSettings;
import dev.lakegate.client.fake.TestFiles;
import dev.lakegate.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real standalone server over HTTPS, trusting its self-signed certificate. */
class RealServerUploadTest {
  private static final long MIB = UploadSettings.MIB;

  @RegisterExtension final TestServer server = TestServer.withDefaults();
  @TempDir Path dir;

  @Test
  void sixtyFourMebibytesInParallelPartsArriveByteIdentical() throws IOException {
    Path file = TestFiles.random(dir.resolve("big.bin"), 64 * MIB, 64);
    try (LakegateClient client = RealServerClients.client(server, dir.resolve("state")).build()) {

      UploadResult result = client.upload(file);

      assertThat(Files.mismatch(file, RealServerClients.storedObject(server, result.uuid()))).isEqualTo(-1);
      assertThat(result.etag()).endsWith("-8");
      assertThat(result.bytes()).isEqualTo(64 * MIB);
    }
  }

  @Test
  void aDirectoryOfTwoHundredSmallFilesAllArrive() throws IOException {
    Path tree = dir.resolve("tree");
    for (int i = 0; i < 200; i++) {
      TestFiles.random(tree.resolve("batch" + i % 4).resolve("file-" + i + ".csv"), 200 + 37 * i, i);
    }
    try (LakegateClient client = RealServerClients.client(server, dir.resolve("state")).build()) {

      List<UploadOutcome> outcomes = client.uploadAll(List.of(tree), UploadListener.NONE);

      assertThat(outcomes).hasSize(200).allSatisfy(o -> assertThat(o).isInstanceOf(UploadOutcome.Uploaded.class));
      for (UploadOutcome outcome : outcomes) {
        UploadResult result = ((UploadOutcome.Uploaded) outcome).result();
        assertThat(Files.mismatch(Path.of(result.source()), RealServerClients.storedObject(server, result.uuid())))
            .isEqualTo(-1);
      }
    }
  }

  @Test
  void neverTrustsTheSelfSignedCertificateUnlessToldTo() throws Exception {
    try (LakegateClient client = RealServerClients.client(server, dir.resolve("state"))
        .sslContext(TrustedCertificates.sslContext(List.of())).build()) {

      assertThatThrownBy(client::checkCredentials)
          .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
              .isInstanceOf(UploadFailure.UntrustedServer.class))
          .hasMessageContaining("--ca-cert");
    }
  }

  @Test
  void aWrongSecretFailsFastWithAClearMessage() throws IOException {
    Path file = TestFiles.random(dir.resolve("a.bin"), 100, 1);
    try (LakegateClient client = RealServerClients.client(server, dir.resolve("state"))
        .clientSecret(ClientSecret.of("not-the-secret")).build()) {

      assertThatThrownBy(client::checkCredentials)
          .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
              .isInstanceOfSatisfying(UploadFailure.CredentialsRefused.class,
                  refused -> assertThat(refused.serverMessage()).contains("invalid_client")))
          .hasMessageContaining("check the client id and secret")
          .hasMessageNotContaining("not-the-secret");
      assertThatThrownBy(() -> client.upload(file)).isInstanceOf(UploadException.class);
    }
  }
}
