package dev.lakegate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.core.upload.UploadService;
import dev.lakegate.server.http.DiscoveryEndpoints;
import dev.lakegate.server.http.ErrorMapping;
import dev.lakegate.server.http.HealthEndpoints;
import dev.lakegate.server.http.MetricsEndpoint;
import dev.lakegate.server.http.TokenEndpoint;
import dev.lakegate.server.http.UploadApi;
import dev.lakegate.server.log.ServerLogs;
import dev.lakegate.server.metrics.ServerMetrics;
import io.javalin.config.RoutesConfig;
import java.util.function.Predicate;

/**
 * The server's routing table: token endpoint, discovery and JWKS, upload API, health, metrics, and
 * the one error mapping (the local lake is served ahead of it, by {@link
 * dev.lakegate.server.jetty.LakeHandler}). Which paths the network filter may leave open is decided here too,
 * next to the paths themselves.
 */
final class Routes {
  private final LakegateConfig config;
  private final AuthorizationServer auth;
  private final UploadService uploads;
  private final LakeBackend lake;
  private final ServerLogs logs;
  private final ServerMetrics metrics;

  Routes(LakegateConfig config, AuthorizationServer auth, UploadService uploads, LakeBackend lake, ServerLogs logs, ServerMetrics metrics) {
    this.config = config;
    this.auth = auth;
    this.uploads = uploads;
    this.lake = lake;
    this.logs = logs;
    this.metrics = metrics;
  }

  void mount(RoutesConfig routes) {
    new ErrorMapping(logs.application()).mount(routes);
    new TokenEndpoint(auth, logs.authEvents(), metrics, config.standalone().limits().maxTokenRequestBytes()).mount(routes);
    try {
      new DiscoveryEndpoints(auth).mount(routes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the discovery document is plain data", e);
    }
    new UploadApi(config.api().stageName(), auth, uploads, config.api().concurrencyLimit(), logs.application()).mount(routes);
    new HealthEndpoints(lake::writable).mount(routes);
    new MetricsEndpoint(metrics).mount(routes);
  }

  /** The route group of a path, a fixed set of names for the metrics' tags. */
  String groupOf(String path) {
    String stagePrefix = "/" + config.api().stageName() + "/upload/";
    if (path.equals(AuthorizationServer.TOKEN_PATH)) {
      return "token";
    }
    if (path.startsWith("/.well-known/")) {
      return "discovery";
    }
    if (path.startsWith(stagePrefix)) {
      return "upload";
    }
    if (lake.endpoint().map(endpoint -> endpoint.owns(path)).orElse(false)) {
      return "lake";
    }
    if (path.startsWith("/health/")) {
      return "health";
    }
    return path.equals(MetricsEndpoint.PATH) ? "metrics" : "other";
  }

  /**
   * Paths the network filter lets through from any address: with {@code protectTokenEndpoint:
   * false}, the token endpoint and the documents a token's verifier needs; otherwise none.
   */
  static Predicate<String> unfilteredPaths(boolean protectTokenEndpoint) {
    if (protectTokenEndpoint) {
      return path -> false;
    }
    return path -> path.equals(AuthorizationServer.TOKEN_PATH)
        || path.equals(AuthorizationServer.DISCOVERY_PATH)
        || path.equals(AuthorizationServer.JWKS_PATH);
  }
}
