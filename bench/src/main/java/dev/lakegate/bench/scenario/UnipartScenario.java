package dev.lakegate.bench.scenario;

import dev.lakegate.bench.server.ServerUnderTest;
import dev.lakegate.bench.baseline.FsyncWrites;
import dev.lakegate.bench.baseline.PatternContent;
import dev.lakegate.bench.baseline.Rate;
import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.load.LoadPlan;
import dev.lakegate.bench.load.LoadReport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Scenario 2: {@code unipart} URL issuance with a valid token (each answer after its metadata
 * object is durable) as fast as answers come, then paced at half that rate for the latency
 * target, against a no-op route of the same server ({@code /health/live}: network filter, routing
 * and JSON, nothing else), which is the edge's own ceiling. Scenario 5 watches the server's
 * resident memory throughout. The disk's own floor is measured beside it: one writer creating and
 * fsyncing small files, whose mean time is the least a durable answer can wait. Targets: 10,000
 * requests/s; p99 at most 10 ms at half the rate.
 */
public final class UnipartScenario {
  public static final String NAME = "2. unipart URL issuance";
  public static final String UNIPART = "GET unipart";
  public static final String NO_OP = "GET /health/live (no-op)";
  public static final String PACED = "GET unipart at half rate";
  static final double TARGET_PER_SECOND = 10_000;
  private static final String COMMITS = "lakegate_lake_journal_commits_total";
  private static final String PACED_COMMITS = "lakegate_lake_journal_paced_commits_total";
  static final double TARGET_P99_MILLIS = 10;
  static final double TARGET_RSS_MIB = 256;

  public ScenarioResult run(ServerUnderTest server, LoadHarness harness, ScenarioOptions options)
      throws IOException, InterruptedException {
    PartnerRequests partner = new PartnerRequests(server, harness);
    String md5 = Put64kScenario.content().contentMd5();
    HttpRequest unipart = partner.unipart(partner.accessToken(), md5);
    HttpRequest noOp = HttpRequest.newBuilder(server.resolve("/health/live")).GET().build();
    LoadPlan plan = LoadPlan.closed(options.concurrency(), options.duration(), options.maxRequests());
    List<LoadReport> loads = new ArrayList<>();
    List<String> cpu = new ArrayList<>();
    List<String> serverNotes = new ArrayList<>();
    RssSampler rss = RssSampler.watch(server.pid(), 50);
    try {
      harness.run("unipart warm-up", LoadPlan.closed(options.concurrency(), options.warmUp(),
          options.maxRequests()), seq -> Optional.of(unipart));
      CpuCost.Span unipartSpan = CpuCost.start(server.pid());
      ServerMeters beforeClosed = ServerMeters.read(server, harness);
      LoadReport closed = harness.run(UNIPART, plan, seq -> Optional.of(unipart));
      unipartSpan.end().ifPresent(used -> cpu.add(used.perRequest(UNIPART, closed.succeeded() + closed.failed())));
      ServerMeters afterClosed = ServerMeters.read(server, harness);
      ServerMeters.ServerTimes closedTimes = afterClosed.serverTimes("upload", beforeClosed);
      serverNotes.add(closedTimes.note(UNIPART, TARGET_P99_MILLIS));
      serverNotes.add(closedTimes.cycleNote(UNIPART, options.concurrency(), closed.throughput()));
      loads.add(closed);
      // Paced before the no-op route: the no-op load's access log (hundreds of MiB in a few seconds)
      // would otherwise be written back in the lake's next file system flush, inside the paced load.
      double half = Math.max(1, closed.throughput() / 2);
      LoadReport paced = harness.run(PACED, plan.atRate(half), seq -> Optional.of(unipart));
      ServerMeters afterPaced = ServerMeters.read(server, harness);
      serverNotes.add(afterPaced.serverTimes("upload", afterClosed).note(PACED, TARGET_P99_MILLIS));
      serverNotes.add(journalNote(UNIPART, closed, beforeClosed, afterClosed));
      serverNotes.add(journalNote(PACED, paced, afterClosed, afterPaced));
      serverNotes.addAll(flushNotes(UNIPART, closed, beforeClosed, afterClosed));
      serverNotes.addAll(flushNotes(PACED, paced, afterClosed, afterPaced));
      loads.add(paced);
      CpuCost.Span noOpSpan = CpuCost.start(server.pid());
      LoadReport idle = harness.run(NO_OP, plan, seq -> Optional.of(noOp));
      noOpSpan.end().ifPresent(used -> cpu.add(used.perRequest(NO_OP, idle.succeeded() + idle.failed())));
      loads.add(idle);
    } finally {
      rss.close();
    }
    Optional<Double> peakRss = rss.peakMib();
    LoadReport closed = loads.get(0);
    LoadReport paced = loads.get(1);
    Rate fsync = new FsyncWrites(server.lakeDirectory())
        .smallFiles(new PatternContent(1024, new Random(1)), 1, options.duration().dividedBy(3), options.maxRequests());
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "one durable small write on this disk takes %.2f ms on average (1 writer)",
        1e3 / Math.max(fsync.perSecond(), 1e-9)));
    notes.add(String.format(Locale.ROOT, "p99 at %.0f req/s: %.2f ms (target <= %.0f ms: %s)",
        paced.throughput(), paced.p99Micros() / 1e3, TARGET_P99_MILLIS,
        paced.p99Micros() / 1e3 <= TARGET_P99_MILLIS ? "met" : "missed"));
    notes.add(String.format(Locale.ROOT, "harness's own lateness at %.0f req/s: p99 %.2f ms, max %.2f ms"
        + " (from when each request was due and its connection free to when the harness began sending it)",
        paced.throughput(), paced.p99LateMicros() / 1e3, paced.maxLateMicros() / 1e3));
    notes.addAll(serverNotes);
    notes.addAll(cpu);
    notes.add(rssNote("unipart", server, peakRss));
    return new ScenarioResult(NAME, loads, List.of(fsync), List.of(
        Ratio.reported("unipart req/s / no-op route req/s", closed.throughput(), loads.get(2).throughput()),
        Ratio.atLeast("unipart req/s / 10,000 req/s", closed.throughput(), TARGET_PER_SECOND, 1)), notes);
  }

  /** How many metadata documents a journal flush carried during a load, and how many flushes waited for the pace. */
  private static String journalNote(String load, LoadReport report, ServerMeters before, ServerMeters after) {
    long commits = after.counter(COMMITS) - before.counter(COMMITS);
    long paced = after.counter(PACED_COMMITS) - before.counter(PACED_COMMITS);
    return String.format(Locale.ROOT, "journal of %s: %.1f documents a flush, %.0f flushes/s, %.0f %% of them paced",
        load, (double) report.succeeded() / Math.max(1, commits), commits / (report.elapsed().toNanos() / 1e9),
        100.0 * paced / Math.max(1, commits));
  }

  /**
   * How long the journal's flushes, which every answer waits for, and the file system's flushes,
   * which share the disk with them, took during a load.
   */
  private static List<String> flushNotes(String load, LoadReport report, ServerMeters before, ServerMeters after) {
    double seconds = report.elapsed().toNanos() / 1e9;
    return List.of(
        after.flushTimes(ServerMeters.JOURNAL_FLUSH, before).flushNote("journal flushes", load, seconds),
        after.flushTimes(ServerMeters.FILE_SYSTEM_FLUSH, before).flushNote("file system flushes", load, seconds));
  }

  static String rssNote(String during, ServerUnderTest server, Optional<Double> peakMib) {
    boolean own = server.pid() == ProcessHandle.current().pid();
    return peakMib.map(mib -> String.format(Locale.ROOT, "5. peak RSS during %s: %.0f MiB%s (target <= %.0f MiB: %s)",
        during, mib, own ? " (server in the harness's JVM: includes the harness)" : "", TARGET_RSS_MIB,
        mib <= TARGET_RSS_MIB ? "met" : "missed"))
        .orElse("5. RSS not measured (no /proc on this system)");
  }
}
