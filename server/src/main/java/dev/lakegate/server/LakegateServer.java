package dev.lakegate.server;

import dev.lakegate.auth.AuthSettings;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.auth.store.DataDirectory;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.core.id.RandomUuids;
import dev.lakegate.core.net.CidrSet;
import dev.lakegate.core.upload.UploadService;
import dev.lakegate.core.upload.UploadSettings;
import dev.lakegate.server.filter.NetworkFilter;
import dev.lakegate.server.jetty.JettyEdge;
import dev.lakegate.server.jetty.LakeHandler;
import dev.lakegate.server.jetty.NetworkFilterHandler;
import dev.lakegate.server.log.ServerLogs;
import dev.lakegate.server.metrics.ServerMetrics;
import dev.lakegate.server.tls.TlsIdentity;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The standalone server of {@code lakegate serve} ({@code contract.md} §2–§8): one listener (HTTPS
 * unless {@code plainHttp}) serving the token endpoint, discovery and JWKS, the upload API under
 * {@code /{stageName}/upload/}, the local lake under {@code /{bucket}/}, health and metrics, all behind the
 * network filter, with the four JSON-lines logs. {@link #create} binds the listener and prepares
 * everything, so the base URL and the new clients' credentials are known before {@link #start}
 * serves the first request.
 */
public final class LakegateServer {
  /** Every result is a small JSON or XML document; a larger one is copied in several steps. */
  private static final int RESULT_COPY_BYTES = 4096;

  private final Javalin app;
  private final URI baseUrl;
  private final Optional<Path> certificateFile;
  private final List<ClientCredentials> createdClients;
  private final AuthorizationServer auth;
  private final LakeBackend lake;
  private final ServerLogs logs;
  private final ServerMetrics metrics;
  private final ServerEnvironment environment;

  private LakegateServer(Assembly assembly) {
    this.app = assembly.app();
    this.baseUrl = assembly.baseUrl();
    this.certificateFile = assembly.certificateFile();
    this.createdClients = List.copyOf(assembly.createdClients());
    this.auth = assembly.auth();
    this.lake = assembly.lake();
    this.logs = assembly.logs();
    this.metrics = assembly.metrics();
    this.environment = assembly.environment();
  }

  /**
   * Prepares a server for {@code config}: opens the logs, the TLS identity (generating the
   * self-signed one on first start), the data directory's clients and keys (creating configured
   * clients not yet stored), and the lake, and binds the listener. Nothing is served until {@link
   * #start()}.
   *
   * @throws UncheckedIOException when the port cannot be bound or a file cannot be written
   * @throws dev.lakegate.auth.store.AuthStateException when the master key or the stored state is unusable
   */
  public static LakegateServer create(LakegateConfig config, ServerEnvironment environment) {
    // Before the logs and the TLS files, which may lie inside it, are written as the wrong user.
    DataDirectory.checkOwner(config.standalone().dataDir());
    ServerLogs logs = ServerLogs.open(config.standalone().logDir());
    try {
      return new LakegateServer(assemble(config, environment, logs));
    } catch (RuntimeException e) {
      logs.application().error("server could not be created", e);
      logs.close();
      throw e;
    }
  }

  private static Assembly assemble(LakegateConfig config, ServerEnvironment environment, ServerLogs logs) {
    StandaloneConfig standalone = config.standalone();
    ServerSocketChannel channel = bind(standalone.listen());
    URI baseUrl = baseUrl(standalone, channel);
    Optional<TlsIdentity> tls = TlsSetup.identity(standalone, baseUrl, environment);
    AuthorizationServer auth = AuthorizationServer.open(new AuthSettings(standalone.dataDir(), baseUrl,
        config.api().appClients(), environment.clock(), environment.variables(), environment.random(),
        SigningKeys.Policy.DEFAULT_ROTATION_AGE));
    List<ClientCredentials> created = auth.initialize();
    LakeBackend lake = LakeBackend.open(config, baseUrl, auth.masterKey(), environment.clock(), environment.random(), logs.application());
    RandomUuids ids = new RandomUuids(environment.random());
    UploadService uploads = new UploadService(UploadSettings.from(config.api()), environment.lakeDecorator().apply(lake.lake()), ids);
    ServerMetrics metrics = new ServerMetrics();
    lake.bindMetrics(metrics);
    NetworkFilterHandler filter = new NetworkFilterHandler(
        new NetworkFilter(new CidrSet(config.api().allowedCidrs()), new CidrSet(standalone.trustedProxies())),
        Routes.unfilteredPaths(standalone.protectTokenEndpoint()), logs.firewall(), metrics, environment.clock(), ids);
    Routes routes = new Routes(config, auth, uploads, lake, logs, metrics);
    Optional<LakeHandler> lakeHandler = lake.endpoint().map(endpoint -> new LakeHandler(endpoint, logs.application()));
    JettyEdge edge = new JettyEdge(channel, standalone.limits(), tls, filter, lakeHandler, logs.access(), metrics, routes::groupOf,
        logs.application());
    Javalin app = Javalin.create(javalin -> {
      javalin.startup.showJavalinBanner = false;
      javalin.startup.showOldJavalinVersionWarning = false;
      javalin.concurrency.useVirtualThreads = true;
      javalin.http.prefer405over404 = true;
      // Every answer is a small JSON or XML document: compressing it costs more than sending it.
      javalin.http.compressionStrategy = CompressionStrategy.NONE;
      // Javalin copies each result into Jetty's output through a new buffer of this size (32 KiB
      // by default), which made most of a small request's garbage; Jetty's own buffer is unchanged.
      javalin.http.responseBufferSize = RESULT_COPY_BYTES;
      edge.applyTo(javalin);
      routes.mount(javalin.routes);
    });
    return new Assembly(app, baseUrl, tls.map(TlsIdentity::certificateFile), created, auth, lake, logs, metrics, environment);
  }

  /** Starts serving on the bound listener and the lake's periodic cleanup; returns this server. */
  public LakegateServer start() {
    app.start();
    lake.startCleanup(environment.clock());
    logs.application().info("serving {} on port {}; access tokens signed by {}", baseUrl, port(), auth.signatureProvider());
    return this;
  }

  /** The port the listener is bound to (the configured one, or the one chosen for port 0). */
  public int port() {
    return app.port();
  }

  /** The public base URL: the token issuer, and the base of discovery, the API and presigned URLs. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The PEM certificate clients should trust; empty with {@code plainHttp}. */
  public Optional<Path> certificateFile() {
    return certificateFile;
  }

  /** The clients created by this start, the only time their secrets are known; empty on later starts. */
  public List<ClientCredentials> createdClients() {
    return createdClients;
  }

  /** The authorization server over this server's data directory. */
  public AuthorizationServer auth() {
    return auth;
  }

  /**
   * Returns once the logs hold every line logged so far; they are written in the background. The
   * access log's line for a request follows its response, so it may come after this returns.
   */
  public void flushLogs() {
    logs.flush(Duration.ofSeconds(30));
  }

  /** Stops serving, waits for requests in flight, and releases the lake and the log files. */
  public void stop() {
    try {
      app.stop();
      lake.close();
      metrics.close();
      logs.application().info("stopped");
    } catch (RuntimeException e) {
      logs.application().warn("error while stopping", e);
    } finally {
      logs.close();
    }
  }

  private static ServerSocketChannel bind(StandaloneConfig.Listen listen) {
    try {
      ServerSocketChannel channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(listen.host(), listen.port()), 0);
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + listen.authority() + ": " + e.getMessage(), e);
    }
  }

  /** The configured public URL, else the listen address with the port actually bound. */
  private static URI baseUrl(StandaloneConfig standalone, ServerSocketChannel channel) {
    if (standalone.publicUrl().isPresent()) {
      return standalone.baseUrl();
    }
    int port = channel.socket().getLocalPort();
    String host = standalone.listen().host();
    return URI.create((standalone.plainHttp() ? "http://" : "https://") + new StandaloneConfig.Listen(host, port).authority());
  }

  private record Assembly(
      Javalin app,
      URI baseUrl,
      Optional<Path> certificateFile,
      List<ClientCredentials> createdClients,
      AuthorizationServer auth,
      LakeBackend lake,
      ServerLogs logs,
      ServerMetrics metrics,
      ServerEnvironment environment) {}
}
