package dev.lakegate.server.jetty;

import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.server.log.AccessLog;
import dev.lakegate.server.metrics.ServerMetrics;
import dev.lakegate.server.tls.TlsIdentity;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;

/**
 * Shapes the Jetty server under Javalin into the edge of {@code contract.md} §3 and §8: one
 * listener (HTTPS with the given identity, or plain HTTP when configured), the network filter as
 * the outermost handler, the local lake's handler inside it when the lake is served here, the
 * limits of {@code standalone.limits} (header size, idle timeout, connections per peer), JSON
 * bodies for Jetty's own rejections, and the access log.
 *
 * @param channel the listening socket, already bound (so the base URL is known before start)
 * @param limits the bounds a hostile client cannot exceed
 * @param tls the TLS identity; empty means plain HTTP
 * @param lakeHandler the local lake's handler, between the filter and Javalin; empty for an S3 lake
 * @param routeOf the route group of a request path, for the metrics
 */
public record JettyEdge(
    ServerSocketChannel channel,
    StandaloneConfig.Limits limits,
    Optional<TlsIdentity> tls,
    NetworkFilterHandler filterHandler,
    Optional<LakeHandler> lakeHandler,
    AccessLog accessLog,
    ServerMetrics metrics,
    Function<String, String> routeOf,
    Logger applicationLog) {
  private static final int INPUT_BUFFER_BYTES = 64 * 1024;

  public JettyEdge {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(filterHandler, "filterHandler");
    Objects.requireNonNull(lakeHandler, "lakeHandler");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(routeOf, "routeOf");
    Objects.requireNonNull(applicationLog, "applicationLog");
  }

  /** Applies the edge to a Javalin configuration before the server is created. */
  public void applyTo(JavalinConfig config) {
    config.jetty.modifyServer(this::modifyServer);
    config.jetty.modifyHttpConfiguration(this::modifyHttpConfiguration);
    config.jetty.addConnector(this::connector);
  }

  private void modifyServer(Server server) {
    // Javalin mounts its servlet context inside the innermost wrapper, so the filter sees every
    // request first and the lake's handler, when there is one, every request the filter let through.
    lakeHandler.ifPresent(filterHandler::setHandler);
    server.setHandler(filterHandler);
    server.setErrorHandler(new JsonErrorHandler());
    server.setRequestLog(new AccessRequestLog(accessLog, metrics, routeOf));
    server.setStopAtShutdown(false);
  }

  private void modifyHttpConfiguration(HttpConfiguration http) {
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setIdleTimeout(limits.idleTimeout().toMillis());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // Jetty's per-connection header cache matches a cached field byte by byte through a trie: for a
    // bearer token (about 800 bytes, the same on every request of a partner's connection) that cost
    // 13 µs of CPU a request, more than parsing the field afresh. Off, the parser reads every field.
    http.setHeaderCacheSize(0);
    if (tls.isPresent()) {
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients reach the server by IP literal and by names the certificate may not list; the certificate is the client's check.
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
    }
  }

  private ServerConnector connector(Server server, HttpConfiguration http) {
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
    // Large bodies arrive in reads of this size: 8 KiB (Jetty's default) costs a read and a hand-off per 8 KiB.
    httpFactory.setInputBufferSize(INPUT_BUFFER_BYTES);
    ServerConnector connector = tls
        .map(identity -> new ServerConnector(server, new SslConnectionFactory(sslContext(identity), httpFactory.getProtocol()), httpFactory))
        .orElseGet(() -> new ServerConnector(server, httpFactory));
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.addBean(new PeerConnectionLimit(limits.maxConnectionsPerPeer(), applicationLog));
    try {
      connector.open(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + channel, e);
    }
    return connector;
  }

  private static SslContextFactory.Server sslContext(TlsIdentity identity) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(identity.keyStore());
    ssl.setKeyStorePassword(identity.keyStorePassword());
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ssl.setSniRequired(false);
    return ssl;
  }
}
