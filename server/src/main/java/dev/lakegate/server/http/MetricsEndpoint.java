package dev.lakegate.server.http;

import dev.lakegate.server.metrics.ServerMetrics;
import io.javalin.config.RoutesConfig;
import java.util.Objects;

/** {@code GET /metrics}: the Prometheus text exposition, behind the network filter like every path. */
public final class MetricsEndpoint {
  public static final String PATH = "/metrics";

  private final ServerMetrics metrics;

  public MetricsEndpoint(ServerMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  public void mount(RoutesConfig routes) {
    routes.get(PATH, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
  }
}
