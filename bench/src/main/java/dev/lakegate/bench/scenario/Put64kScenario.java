package dev.lakegate.bench.scenario;

import dev.lakegate.bench.server.ServerUnderTest;
import dev.lakegate.bench.baseline.BareDurablePut;
import dev.lakegate.bench.baseline.FsyncWrites;
import dev.lakegate.bench.baseline.PatternContent;
import dev.lakegate.bench.baseline.Rate;
import dev.lakegate.bench.load.InMemoryBody;
import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.load.LoadPlan;
import dev.lakegate.bench.load.LoadReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Scenario 3: presigned {@code PUT}s of 64 KiB objects to the server's own lake, each durable
 * before its 200, against writing and fsyncing 64 KiB files at the same concurrency on the same
 * disk, with the same load beside it against s3proxy's filesystem backend and against {@link
 * BareDurablePut}, the floor of what a durable PUT costs. A pool of presigned URLs, each for a new
 * object, is fetched before the timed load (at most {@value #POOL} URLs, for at most twice the
 * run's duration), so only PUTs are timed; each URL is used once, so every PUT creates an object,
 * as every baseline write creates a file, and the load ends early when the pool runs out. First,
 * an eighth of the pool warms the PUT path up for the whole warm-up, untimed, as scenarios 1 and 2
 * warm up theirs, its URLs used again and again (each a new object the first time, then an
 * overwrite): a cold server spends its first seconds compiling, and where presigning is slow a
 * quarter of the pool used once lasted a few seconds, with the JIT compiler still taking a quarter
 * of the server's CPU during the timed load. Scenario 5 watches the server's memory during the
 * PUTs. Target: 0.85 of the fsync rate.
 */
public final class Put64kScenario {
  public static final String NAME = "3. presigned PUT, 64 KiB";
  public static final String LAKEGATE = "PUT 64 KiB to the lake";
  public static final String S3PROXY = "PUT 64 KiB to s3proxy";
  public static final String BARE = "PUT 64 KiB to the bare durable server";
  public static final String WARM_UP = "PUT 64 KiB to the lake, warm-up (untimed)";
  private static final int SIZE = 64 * 1024;
  static final int POOL = 200_000;

  /**
   * The 64 KiB body of every {@code PUT} of this scenario, the same in every run; the
   * {@code unipart} loads presign for its MD5.
   */
  static PatternContent content() {
    return new PatternContent(SIZE, new Random(64));
  }

  public ScenarioResult run(ServerUnderTest server, LoadHarness harness, ScenarioOptions options)
      throws Exception {
    PatternContent content = content();
    String md5 = content.contentMd5();
    InMemoryBody body = InMemoryBody.of(content.head());
    PartnerRequests partner = new PartnerRequests(server, harness);
    List<URI> urls = partner.presignedUrls(partner.accessToken(), md5, Math.min(POOL, options.maxRequests()),
        options.concurrency(), System.nanoTime() + 2 * options.duration().toNanos());
    if (urls.size() < 2) {
      throw new IllegalStateException("the server issued fewer than two presigned URLs before the deadline");
    }
    // The warm-up reuses the first URLs; the timed load starts at the first one it does not use.
    int warmUpPool = Math.max(1, urls.size() / 8);
    LoadReport warmUp;
    LoadReport lake;
    Optional<CpuCost.Usage> lakeCpu;
    LaneCounts lanes;
    ServerMeters.ServerTimes serverTimes;
    String flushes;
    RssSampler rss = RssSampler.watch(server.pid(), 50);
    try {
      warmUp = harness.run(WARM_UP, LoadPlan.closed(options.concurrency(), options.warmUp(), options.maxRequests()),
          seq -> Optional.of(PartnerRequests.put(urls.get((int) (seq % warmUpPool)), md5, body)));
      ServerMeters before = ServerMeters.read(server, harness);
      CpuCost.Span span = CpuCost.start(server.pid());
      lake = harness.run(LAKEGATE, LoadPlan.closed(options.concurrency(), options.duration(), urls.size() - warmUpPool),
          seq -> Optional.of(PartnerRequests.put(urls.get(warmUpPool + (int) seq), md5,
              body)));
      lakeCpu = span.end();
      ServerMeters after = ServerMeters.read(server, harness);
      lanes = LaneCounts.of(after).since(LaneCounts.of(before));
      serverTimes = after.serverTimes("lake", before);
      flushes = after.flushTimes(ServerMeters.FILE_SYSTEM_FLUSH, before)
          .flushNote("file system flushes", LAKEGATE, lake.elapsed().toNanos() / 1e9);
    } finally {
      rss.close();
    }
    LoadPlan plan = LoadPlan.closed(options.concurrency(), options.duration(), lake.succeeded() + lake.failed());
    Optional<Double> peakRss = rss.peakMib();
    CpuCost.Span s3proxySpan = CpuCost.start(server.pid());
    LoadReport reference = againstS3Proxy(server.lakeDirectory(), harness, plan, md5, body);
    Optional<CpuCost.Usage> s3proxyCpu = s3proxySpan.end();
    CpuCost.Span bareSpan = CpuCost.start(server.pid());
    LoadReport bare = againstBareServer(server.lakeDirectory(), harness, plan, md5, body);
    Optional<CpuCost.Usage> bareCpu = bareSpan.end();
    List<String> notes = new ArrayList<>();
    lakeCpu.ifPresent(used -> notes.add(used.perRequest(LAKEGATE, lake.succeeded() + lake.failed())));
    notes.add(lanes.note(lake.succeeded() + lake.failed()));
    notes.add(serverTimes.note(LAKEGATE, 20));
    notes.add(flushes);
    // s3proxy runs in the harness's process, so the harness's CPU includes it.
    s3proxyCpu.ifPresent(used -> notes.add(String.format(Locale.ROOT, "CPU per request of %s: s3proxy and harness %.0f µs",
        S3PROXY, CpuCost.micros(used.harness(), reference.succeeded() + reference.failed()))));
    // So does the bare server.
    bareCpu.ifPresent(used -> notes.add(String.format(Locale.ROOT, "CPU per request of %s: bare server and harness %.0f µs",
        BARE, CpuCost.micros(used.harness(), bare.succeeded() + bare.failed()))));
    notes.add(UnipartScenario.rssNote("64 KiB PUTs", server, peakRss));
    // A rate needs no more files than the lake's load wrote: each run keeps its files on the disk
    // until its end (tens of GiB otherwise), and deleting them takes minutes.
    long fsyncFiles = Math.min(options.maxRequests(), Math.max(1, 2 * (lake.succeeded() + lake.failed())));
    Rate fsync = new FsyncWrites(server.lakeDirectory())
        .smallFiles(content, options.concurrency(), options.duration(), fsyncFiles);
    return new ScenarioResult(NAME, List.of(warmUp, lake, reference, bare), List.of(fsync), List.of(
        Ratio.atLeast("lake PUTs/s / write+fsync files/s", lake.throughput(), fsync.perSecond(), 0.85),
        Ratio.reported("lake PUTs/s / s3proxy PUTs/s (no fsync)", lake.throughput(), reference.throughput()),
        Ratio.reported("bare durable PUTs/s / write+fsync files/s", bare.throughput(), fsync.perSecond()),
        Ratio.reported("lake PUTs/s / bare durable PUTs/s", lake.throughput(), bare.throughput())),
        notes);
  }

  /**
   * The server's count of bodies whose MD5 its lake computed in the vector lanes, and of the
   * batches they were hashed in ({@code GET /metrics}): the bigger the batches, the less each
   * body's MD5 costs.
   */
  record LaneCounts(long bodies, long batches) {
    static LaneCounts of(ServerMeters meters) {
      return new LaneCounts(meters.counter("lakegate_lake_md5_lane_bodies_total"),
          meters.counter("lakegate_lake_md5_lane_batches_total"));
    }

    LaneCounts since(LaneCounts before) {
      return new LaneCounts(bodies - before.bodies, batches - before.batches);
    }

    /** What share of {@code puts} were hashed in the lanes, and how many bodies a batch held. */
    String note(long puts) {
      return String.format(Locale.ROOT, "MD5 of the lake's 64 KiB bodies: %.0f %% in the vector lanes, %.1f bodies a batch",
          100.0 * bodies / Math.max(1, puts), (double) bodies / Math.max(1, batches));
    }
  }

  /**
   * The same load on {@link BareDurablePut}, the least work a durable PUT can be (socket read, MD5,
   * one direct write and fsync of a new file), through the same harness: what any server could
   * reach at most here, beside the bare writes of the limit.
   */
  private static LoadReport againstBareServer(Path lakeDirectory, LoadHarness harness, LoadPlan plan, String md5,
      InMemoryBody body) throws Exception {
    // Its files stay until the run's work directory is removed: see FsyncWrites on deleting.
    try (BareDurablePut bare = BareDurablePut.start(Objects.requireNonNull(lakeDirectory.getParent(), "parent"))) {
      LoadReport report = harness.run(BARE, plan, seq -> Optional.of(PartnerRequests.put(
          bare.object(seq), md5, body)));
      if (report.succeeded() > 0 && bare.stored() < report.succeeded()) {
        throw new IllegalStateException("the bare server answered " + report.succeeded() + " PUTs but stored " + bare.stored());
      }
      return report;
    }
  }

  /** The same load on s3proxy, each PUT creating an object too. */
  private static LoadReport againstS3Proxy(Path lakeDirectory, LoadHarness harness, LoadPlan plan, String md5,
      InMemoryBody body) throws Exception {
    // The backend stays until the run's work directory is removed: see FsyncWrites on deleting.
    Path backend = Files.createTempDirectory(lakeDirectory.getParent(), "s3proxy-");
    try (S3ProxyReference s3proxy = S3ProxyReference.start(backend, harness)) {
      return harness.run(S3PROXY, plan, seq -> Optional.of(PartnerRequests.put(
          s3proxy.object("o/" + seq), md5, body)));
    }
  }
}
