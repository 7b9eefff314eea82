package dev.lakegate.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The counters behind {@code GET /metrics} (Micrometer, Prometheus text format): requests by route
 * group, method and status, requests the network filter blocked, token requests by outcome, how
 * the local lake hashes mid-sized bodies, and the JVM's own meters. Tags come from fixed sets
 * only, so a client cannot grow the number of time series by sending odd methods or paths.
 */
public final class ServerMetrics implements AutoCloseable {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  // A function counter holds its source weakly: kept here, a source no one else holds still counts.
  private final List<LongSupplier> sources = new CopyOnWriteArrayList<>();

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** One completed request that passed the filter. */
  public void request(String route, String method, int status) {
    registry.counter("lakegate.http.requests", "route", route, "method", METHODS.contains(method) ? method : "OTHER",
        "status", Integer.toString(status)).increment();
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
    sources.add(bodies);
    sources.add(batches);
    FunctionCounter.builder("lakegate.lake.md5.lane.bodies", bodies, LongSupplier::getAsLong)
        .description("mid-sized bodies whose MD5 was computed in the vector lanes")
        .register(registry);
    FunctionCounter.builder("lakegate.lake.md5.lane.batches", batches, LongSupplier::getAsLong)
        .description("batches of bodies hashed in the vector lanes")
        .register(registry);
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
