package dev.lakegate.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The counters behind {@code GET /metrics} (Micrometer, Prometheus text format): requests by route
 * group, method and status, how long requests took by route group, requests the network filter
 * blocked, token requests by outcome, how the local lake hashes mid-sized bodies, commits its
 * journal and how long its flushes take, and the JVM's own meters. Tags come from fixed sets
 * only, so a client cannot grow the number of time series by sending odd methods or paths.
 */
public final class ServerMetrics implements AutoCloseable {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  /**
   * The buckets of the request durations: fixed, so every route group has the same few series, and
   * fine from a quarter of a millisecond to ten seconds, where a gateway's latency targets lie.
   */
  private static final Duration[] DURATION_BUCKETS = buckets(
      0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1_000.0, 2_000.0, 5_000.0, 10_000.0);

  /**
   * The buckets of the local lake's flush times: from a tenth of a millisecond, a flush of a
   * quiet disk, to two seconds, one that stalls every durable answer.
   */
  private static final Duration[] FLUSH_BUCKETS = buckets(
      0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1_000.0, 2_000.0);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  // A function counter holds its source weakly: kept here, a source no one else holds still counts.
  private final List<LongSupplier> sources = new CopyOnWriteArrayList<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();
  // Looking a counter up in the registry sorts its tags and builds its id on every request: keep each one found.
  private final Map<RequestTags, Counter> requests = new ConcurrentHashMap<>();

  /** The tags of one series of {@code lakegate.http.requests}. */
  private record RequestTags(String route, String method, int status) {}

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /**
   * One completed request that passed the filter, which took {@code nanos} from its first byte to
   * its response's last.
   */
  public void request(String route, String method, int status, long nanos) {
    requests.computeIfAbsent(new RequestTags(route, METHODS.contains(method) ? method : "OTHER", status), this::requestsOf)
        .increment();
    durations.computeIfAbsent(route, this::durationOf).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  private Counter requestsOf(RequestTags tags) {
    return registry.counter("lakegate.http.requests", "route", tags.route(), "method", tags.method(),
        "status", Integer.toString(tags.status()));
  }

  private Timer durationOf(String route) {
    return Timer.builder("lakegate.http.request.duration")
        .description("time from a request's first byte to its response's last, by route group")
        .tag("route", route)
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry);
  }

  /** One request the network filter blocked. */
  public void blocked() {
    registry.counter("lakegate.filter.blocked").increment();
  }

  /** One token request, {@code granted} or {@code refused}. */
  public void token(String outcome) {
    registry.counter("lakegate.tokens", "outcome", outcome).increment();
  }

  /**
   * The local lake's mid-sized bodies hashed side by side in the CPU's vector lanes, and the
   * batches they were hashed in: their ratio is the mean batch, which sets how much the lanes save.
   */
  public void lakeMd5Lanes(LongSupplier bodies, LongSupplier batches) {
    count("lakegate.lake.md5.lane.bodies", "mid-sized bodies whose MD5 was computed in the vector lanes", bodies);
    count("lakegate.lake.md5.lane.batches", "batches of bodies hashed in the vector lanes", batches);
  }

  /**
   * The local lake's group commits of its metadata journal, one flush each, and those of them that
   * waited for the pace between two: documents stored divided by commits is what a flush carries.
   */
  public void lakeJournal(LongSupplier commits, LongSupplier paced) {
    count("lakegate.lake.journal.commits", "group commits of the local lake's metadata journal, one flush each", commits);
    count("lakegate.lake.journal.paced.commits", "group commits that waited for the pace between two before they started",
        paced);
  }

  /**
   * Times the local lake's flushes from now on: {@link LakeFlushes#journal} for each group commit
   * of its metadata journal (every document of the batch waits for it), {@link
   * LakeFlushes#fileSystem} for each flush of its file system (uploads wait for them).
   */
  public LakeFlushes lakeFlushes() {
    return new LakeFlushes(
        flushTimer("lakegate.lake.journal.flush.duration",
            "time of each group commit of the local lake's metadata journal: its records written and flushed"),
        flushTimer("lakegate.lake.filesystem.flush.duration",
            "time of each flush of the local lake's whole file system, where the platform has one"));
  }

  /** The local lake's flush timers ({@link #lakeFlushes}). */
  public record LakeFlushes(Timer journal, Timer fileSystem) {}

  private Timer flushTimer(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(FLUSH_BUCKETS).register(registry);
  }

  /** Bucket bounds given in milliseconds. */
  private static Duration[] buckets(double... millis) {
    return Arrays.stream(millis).mapToObj(bound -> Duration.ofNanos(Math.round(bound * 1e6))).toArray(Duration[]::new);
  }

  /** A counter that reads its value from {@code source}, which this registry keeps alive. */
  private void count(String name, String description, LongSupplier source) {
    sources.add(source);
    FunctionCounter.builder(name, source, LongSupplier::getAsLong).description(description).register(registry);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
