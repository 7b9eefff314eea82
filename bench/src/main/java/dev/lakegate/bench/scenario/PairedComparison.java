package dev.lakegate.bench.scenario;

import dev.lakegate.bench.baseline.PatternContent;
import dev.lakegate.bench.load.InMemoryBody;
import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.load.LoadPlan;
import dev.lakegate.bench.load.LoadReport;
import dev.lakegate.bench.load.RequestSource;
import dev.lakegate.bench.server.ServerUnderTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Two servers measured side by side: the same closed load in short slices, against A and B in
 * turn (A then B in odd rounds, B then A in even ones), so that the machine's drift, which moves
 * a whole run by a fifth within minutes here, falls on both alike. Each round gives one ratio B /
 * A of throughput and one of the server's CPU per request; their median, and their spread, is the
 * comparison. Both servers run throughout; the one not under load idles.
 */
final class PairedComparison {
  /** The loads a comparison can alternate: a scenario's main closed load. */
  enum Load {
    TOKENS(TokenScenario.LOAD),
    UNIPART(UnipartScenario.UNIPART),
    /** Presigned 64 KiB {@code PUT}s, each creating an object from a pool of URLs fetched first. */
    PUT64K(Put64kScenario.LAKEGATE);

    /** More 64 KiB {@code PUT}s a millisecond than this machine's lake has made: the pool's size. */
    private static final long PUTS_PER_MILLI = 6;

    private final String request;

    Load(String request) {
      this.request = request;
    }

    /** {@code tokens}, {@code unipart} or {@code put64k}. */
    static Load named(String name) {
      return Arrays.stream(values())
          .filter(load -> load.name().toLowerCase(Locale.ROOT).equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("compare takes tokens, unipart or put64k, not " + name));
    }

    /** The requests of every slice and warm-up against {@code server}, for a comparison of {@code plan}. */
    private RequestSource source(ServerUnderTest server, LoadHarness harness, Plan plan)
        throws IOException, InterruptedException {
      PartnerRequests partner = new PartnerRequests(server, harness);
      PatternContent content = Put64kScenario.content();
      return switch (this) {
        case TOKENS -> same(partner.tokenRequest());
        case UNIPART -> same(partner.unipart(partner.accessToken(), content.contentMd5()));
        case PUT64K -> {
          // Each PUT creates an object, as in scenario 3: one URL each, handed out across the
          // slices in turn; a slice that finds the pool spent ends early.
          long loadedMillis = plan.slice().multipliedBy(plan.rounds()).plus(plan.warmUp()).toMillis();
          List<URI> urls = partner.presignedUrls(partner.accessToken(), content.contentMd5(),
              Math.min(Put64kScenario.POOL, loadedMillis * PUTS_PER_MILLI), plan.concurrency(), Long.MAX_VALUE);
          InMemoryBody body = InMemoryBody.of(content.head());
          AtomicInteger used = new AtomicInteger();
          yield seq -> {
            int next = used.getAndIncrement();
            return next < urls.size() ? Optional.of(PartnerRequests.put(urls.get(next), content.contentMd5(), body))
                : Optional.empty();
          };
        }
      };
    }

    private static RequestSource same(HttpRequest request) {
      return seq -> Optional.of(request);
    }
  }

  /**
   * How a comparison runs: rounds of one slice per server, after a warm-up of each, with A's load
   * on {@code concurrency} connections and B's on {@code bConcurrency} (the same unless a
   * comparison is of the load rather than of the servers).
   */
  record Plan(Load load, int rounds, Duration slice, Duration warmUp, int concurrency, int bConcurrency) {
    Plan {
      Objects.requireNonNull(load, "load");
      if (rounds < 1 || concurrency < 1 || bConcurrency < 1 || slice.isNegative() || slice.isZero()
          || warmUp.isNegative()) {
        throw new IllegalArgumentException("rounds and concurrency must be positive, the slice too");
      }
    }

    /** A plan whose two servers take the load on the same connections. */
    Plan(Load load, int rounds, Duration slice, Duration warmUp, int concurrency) {
      this(load, rounds, slice, warmUp, concurrency, concurrency);
    }

    /** The connections of {@code server}'s load: A's or B's. */
    int concurrency(char server) {
      return server == 'B' ? bConcurrency : concurrency;
    }

    /** This plan with {@code count} rounds: the share of one pair of servers. */
    Plan withRounds(int count) {
      return new Plan(load, count, slice, warmUp, concurrency, bConcurrency);
    }
  }

  /**
   * One slice: a load on {@code connections} against one server, and the CPU that server spent on
   * each of its requests.
   */
  record Slice(int round, char server, int connections, LoadReport report, Optional<Double> serverMicros) {}

  private PairedComparison() {}

  /** The servers in the order round {@code round} (from 1) loads them: A first in odd rounds, B first in even ones. */
  static String order(int round) {
    return round % 2 == 1 ? "AB" : "BA";
  }

  /**
   * Runs {@code plan} against {@code a} and {@code b}, numbering its rounds from {@code firstRound}
   * (the rounds of several pairs of servers make one sequence); returns the slices in the order
   * they ran.
   */
  static List<Slice> run(Plan plan, int firstRound, ServerUnderTest a, ServerUnderTest b, LoadHarness harness)
      throws IOException, InterruptedException {
    RequestSource toA = plan.load().source(a, harness, plan);
    RequestSource toB = plan.load().source(b, harness, plan);
    if (!plan.warmUp().isZero()) {
      harness.run("warm-up", LoadPlan.closed(plan.concurrency('A'), plan.warmUp(), Long.MAX_VALUE), toA);
      harness.run("warm-up", LoadPlan.closed(plan.concurrency('B'), plan.warmUp(), Long.MAX_VALUE), toB);
    }
    List<Slice> slices = new ArrayList<>();
    for (int round = firstRound; round < firstRound + plan.rounds(); round++) {
      for (char server : order(round).toCharArray()) {
        ServerUnderTest target = server == 'A' ? a : b;
        LoadPlan load = LoadPlan.closed(plan.concurrency(server), plan.slice(), Long.MAX_VALUE);
        CpuCost.Span span = CpuCost.start(target.pid());
        LoadReport report = harness.run(plan.load().request + " to " + server, load, server == 'A' ? toA : toB);
        long requests = report.succeeded() + report.failed();
        Optional<Double> micros = span.end().map(used -> CpuCost.micros(used.server(), requests));
        slices.add(new Slice(round, server, load.concurrency(), report, micros));
      }
    }
    return List.copyOf(slices);
  }

  /** The ratios B / A of each round, of the value {@code of} takes from a slice; empty where a slice has none. */
  static List<Double> ratios(List<Slice> slices, Function<Slice, Optional<Double>> of) {
    List<Double> ratios = new ArrayList<>();
    int rounds = slices.stream().mapToInt(Slice::round).max().orElse(0);
    for (int round = 1; round <= rounds; round++) {
      Optional<Double> a = valueIn(slices, round, 'A', of);
      Optional<Double> b = valueIn(slices, round, 'B', of);
      if (a.isPresent() && b.isPresent() && a.get() > 0) {
        ratios.add(b.get() / a.get());
      }
    }
    return List.copyOf(ratios);
  }

  private static Optional<Double> valueIn(List<Slice> slices, int round, char server,
      Function<Slice, Optional<Double>> of) {
    return slices.stream().filter(s -> s.round() == round && s.server() == server).findFirst().flatMap(of);
  }

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The slices one line each, then the ratios B / A: their median and their range. */
  static List<String> lines(List<Slice> slices) {
    List<String> lines = new ArrayList<>();
    boolean differentConnections = slices.stream().mapToInt(Slice::connections).distinct().count() > 1;
    for (Slice slice : slices) {
      LoadReport report = slice.report();
      lines.add(String.format(Locale.ROOT, "  round %d  %c  %10.1f req/s  %s  p50=%.2f ms p99=%.2f ms  failed=%d%s",
          slice.round(), slice.server(), report.throughput(),
          slice.serverMicros().map(us -> String.format(Locale.ROOT, "server %.0f µs/request", us))
              .orElse("server CPU not measured"),
          report.p50Micros() / 1e3, report.p99Micros() / 1e3, report.failed(),
          differentConnections ? "  (" + slice.connections() + " connections)" : ""));
    }
    lines.add(ratioLine("throughput", ratios(slices, s -> Optional.of(s.report().throughput()))));
    lines.add(ratioLine("server CPU per request", ratios(slices, Slice::serverMicros)));
    long failed = slices.stream().mapToLong(s -> s.report().failed()).sum();
    if (failed > 0) {
      lines.add("  FAILED requests: " + failed + " (see the rounds above); the ratios count only the answered ones");
    }
    return lines;
  }

  private static String ratioLine(String what, List<Double> ratios) {
    if (ratios.isEmpty()) {
      return String.format(Locale.ROOT, "  B / A %-24s not measured", what);
    }
    double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return String.format(Locale.ROOT, "  B / A %-24s median %.3f over %d rounds (%.3f to %.3f)",
        what, median(ratios), ratios.size(), min, max);
  }
}
