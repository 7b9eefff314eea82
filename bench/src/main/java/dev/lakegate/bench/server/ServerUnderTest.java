package dev.lakegate.bench.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A running standalone server as the scenarios see it: where it listens, its stage, the app
 * client the load authenticates as, the lake directory (whose disk the fsync limits are measured
 * on) and the process whose memory scenario 5 watches.
 *
 * @param base {@code http://127.0.0.1:port}, no trailing slash
 * @param clientSecret the demo client's secret; never printed (see {@link #toString()})
 * @param pid the server's process; this JVM's own when the server runs in-process
 */
public record ServerUnderTest(URI base, String stage, String clientId, String clientSecret, Path lakeDirectory, long pid) {

  public ServerUnderTest {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(lakeDirectory, "lakeDirectory");
  }

  /** {@code base} + {@code path}, where {@code path} starts with a slash. */
  public URI resolve(String path) {
    return URI.create(base + path);
  }

  @Override
  public String toString() {
    return "ServerUnderTest[base=" + base + ", stage=" + stage + ", clientId=" + clientId
        + ", clientSecret=****, lakeDirectory=" + lakeDirectory + ", pid=" + pid + "]";
  }
}
