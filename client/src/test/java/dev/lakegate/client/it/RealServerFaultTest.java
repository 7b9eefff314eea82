package dev.lakegate.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.UploadResult;
import dev.lakegate.client.UploadSettings;
import dev.lakegate.client.fake.FaultyProxy;
import dev.lakegate.client.fake.TestFiles;
import dev.lakegate.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network that fails part PUTs with 500 and resets connections mid-body must cost retries only:
 * the upload completes and the object is byte-identical. The proxy needs to see the requests, so
 * this server speaks plain HTTP.
 */
class RealServerFaultTest {
  private static final long MIB = UploadSettings.MIB;

  @RegisterExtension
  final TestServer server = TestServer.builder().standalone(s -> s.plainHttp(true)).build();

  @TempDir Path dir;

  @Test
  void failedAndResetPartPutsAreRetriedAndTheUploadCompletesIdentical() throws IOException {
    Path file = TestFiles.random(dir.resolve("big.bin"), 40 * MIB + 123, 7);
    try (FaultyProxy proxy = new FaultyProxy(n -> switch (n % 5) {
          case 1 -> FaultyProxy.Fault.ERROR_500;
          case 3 -> FaultyProxy.Fault.RESET;
          default -> FaultyProxy.Fault.NONE;
        });
        LakegateClient client = RealServerClients.client(server, dir.resolve("state")).proxy(proxy.selector()).build()) {

      UploadResult result = client.upload(file);

      assertThat(Files.mismatch(file, RealServerClients.storedObject(server, result.uuid()))).isEqualTo(-1);
      assertThat(proxy.injectedFaults()).isGreaterThanOrEqualTo(4);
      assertThat(result.etag()).endsWith("-6");
    }
  }

  @Test
  void aSinglePutThatFailsFirstIsRetriedToo() throws IOException {
    Path file = TestFiles.random(dir.resolve("small.bin"), 3 * MIB, 8);
    try (FaultyProxy proxy = new FaultyProxy(n -> switch (n) {
          case 1 -> FaultyProxy.Fault.ERROR_500;
          case 2 -> FaultyProxy.Fault.RESET;
          default -> FaultyProxy.Fault.NONE;
        });
        LakegateClient client = RealServerClients.client(server, dir.resolve("state")).proxy(proxy.selector()).build()) {

      UploadResult result = client.upload(file);

      assertThat(Files.mismatch(file, RealServerClients.storedObject(server, result.uuid()))).isEqualTo(-1);
      assertThat(proxy.injectedFaults()).isEqualTo(2);
    }
  }
}
