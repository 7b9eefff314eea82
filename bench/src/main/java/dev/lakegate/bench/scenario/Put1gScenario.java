package dev.lakegate.bench.scenario;

import dev.lakegate.bench.server.ServerUnderTest;
import dev.lakegate.bench.baseline.FsyncWrites;
import dev.lakegate.bench.baseline.Md5Rate;
import dev.lakegate.bench.baseline.PatternContent;
import dev.lakegate.bench.baseline.Rate;
import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.load.LoadPlan;
import dev.lakegate.bench.load.LoadReport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Scenario 4: one presigned {@code PUT} of a large object (1 GiB in the figures), streamed from a
 * generator so neither side holds it, against the two limits a durable MD5-checked write cannot
 * beat: writing the same bytes to one file on the same disk with an fsync at the end, and one
 * stream of MD5 over them. Target: 0.8 of the smaller of the two. The harness writes the
 * generator's 1 MiB block to the socket again and again, without copying it; neither side holds
 * the object. An untimed PUT of {@value #WARM_UP_BYTES} bytes (or
 * the object's size, if smaller) goes first, so the server's JIT has compiled the body path before
 * the timed one, as scenarios 1 and 2 warm up.
 */
public final class Put1gScenario {
  public static final String NAME = "4. presigned PUT, one large object";
  public static final String PUT = "PUT one large object";
  // A single request has no useful duration bound; this only stops a hung server from hanging the run.
  private static final Duration CEILING = Duration.ofMinutes(30);
  private static final long WARM_UP_BYTES = 64L * 1024 * 1024;

  public ScenarioResult run(ServerUnderTest server, LoadHarness harness, ScenarioOptions options)
      throws Exception {
    PartnerRequests partner = new PartnerRequests(server, harness);
    String token = partner.accessToken();
    LoadReport warmUp = put("warm-up PUT", partner, token,
        new PatternContent(Math.min(WARM_UP_BYTES, options.largeObjectBytes()), new Random(2)), harness);
    if (warmUp.succeeded() != 1) {
      throw new IllegalStateException("the warm-up PUT failed: " + warmUp);
    }
    PatternContent content = new PatternContent(options.largeObjectBytes(), new Random(1));
    LoadReport put = put(PUT, partner, token, content, harness);
    double bytesPerSecond = put.succeeded() == 1 ? content.length() / (put.elapsed().toNanos() / 1e9) : 0;
    Rate fsync = new FsyncWrites(server.lakeDirectory()).oneFile(content);
    Rate md5Rate = new Md5Rate().measure(content);
    double limit = Math.min(fsync.perSecond(), md5Rate.perSecond());
    return new ScenarioResult(NAME, List.of(put), List.of(fsync, md5Rate), List.of(
        Ratio.atLeast("PUT bytes/s / min(write+fsync, MD5) bytes/s", bytesPerSecond, limit, 0.8)),
        List.of(String.format(Locale.ROOT, "PUT of %d bytes at %.1f MiB/s", content.length(),
            bytesPerSecond / (1024 * 1024))));
  }

  private static LoadReport put(String name, PartnerRequests partner, String token, PatternContent content,
      LoadHarness harness) throws Exception {
    String md5 = content.contentMd5();
    URI url = partner.presignedUrl(token, md5);
    HttpRequest.BodyPublisher body = content.body();
    return harness.run(name, LoadPlan.closed(1, CEILING, 1), seq -> Optional.of(PartnerRequests.put(url, md5, body)));
  }
}
