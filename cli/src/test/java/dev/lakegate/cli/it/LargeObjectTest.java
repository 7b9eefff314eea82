package dev.lakegate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies stream to disk: a 2 GiB object passes through a server whose heap is 128 MiB. */
class LargeObjectTest {
  private static final long SIZE = 2L << 30;

  @TempDir Path dir;

  @Test
  void twoGibObjectUploadsThroughServerWith128MibHeap() throws Exception {
    StandaloneFixture fixture = new StandaloneFixture(dir, 4);
    try (ServerProcess server = fixture.serve("small-heap", List.of("-Xmx128m"))) {
      Partner partner = fixture.partner();
      String md5 = PatternStream.contentMd5(42, SIZE);
      JsonNode grant = partner.call("unipart?md5=" + Partner.encode(md5));

      int status = partner.put(grant.get("url").asText(), md5, SIZE, () -> new PatternStream(42, SIZE));

      assertThat(status).as(server.output()).isEqualTo(200);
      Path object = fixture.bucketDir().resolve(StandaloneFixture.PREFIX).resolve(grant.get("uuid").asText());
      assertThat(Files.size(object)).isEqualTo(SIZE);
      assertThat(Md5.of(object)).isEqualTo(md5);
      assertThat(server.isAlive()).isTrue();
    }
  }
}
