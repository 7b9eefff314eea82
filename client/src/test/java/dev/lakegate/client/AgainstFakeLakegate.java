package dev.lakegate.client;

import dev.lakegate.client.fake.FakeClients;
import dev.lakegate.client.fake.FakeLakegate;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of a client against a fresh {@link FakeLakegate}: each test gets its own fake and client. */
abstract class AgainstFakeLakegate {
  static final long MIB = UploadSettings.MIB;

  @TempDir Path dir;
  FakeLakegate fake;
  LakegateClient client;

  @BeforeEach
  void startFakeAndClient() throws IOException {
    fake = FakeLakegate.start();
    client = FakeClients.client(fake, dir.resolve("state")).build();
  }

  @AfterEach
  void stopFakeAndClient() {
    client.close();
    fake.close();
  }
}
