package dev.lakegate.server.http;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (the lake accepts
 * writes; 503 otherwise), outside the stage and, like everything else, behind the network filter.
 */
public final class HealthEndpoints {
  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";

  private final BooleanSupplier lakeWritable;

  public HealthEndpoints(BooleanSupplier lakeWritable) {
    this.lakeWritable = Objects.requireNonNull(lakeWritable, "lakeWritable");
  }

  public void mount(RoutesConfig routes) {
    routes.get(LIVE, ctx -> ctx.contentType(ErrorBody.CONTENT_TYPE).result(ErrorBody.write(Map.of("status", "UP"))));
    routes.get(READY, ctx -> {
      boolean ready = lakeWritable.getAsBoolean();
      ctx.status(ready ? 200 : 503)
          .contentType(ErrorBody.CONTENT_TYPE)
          .result(ErrorBody.write(Map.of("status", ready ? "UP" : "DOWN")));
    });
  }
}
