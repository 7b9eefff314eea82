package dev.lakegate.cli;

import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.core.config.ConfigLoader;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.server.LakegateServer;
import dev.lakegate.server.ServerEnvironment;
import dev.lakegate.server.log.ServerLogs;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate serve}: runs the standalone server ({@code contract.md} §2–§8) on the given
 * configuration, or on the embedded default. It prints where everything is (API, token URL,
 * certificate, lake, logs) and, on the first start, each new client's id and secret (shown only
 * this once) with a copy-paste walkthrough; then it serves until SIGTERM or Ctrl-C, when it stops
 * cleanly: requests in flight finish, the logs are flushed. Exit 2 for a configuration error, an
 * unusable master key or a port that cannot be bound.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the standalone server: token endpoint, network filter, upload API, lake and logs, on one listener.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions config = new ConfigOptions();
  @Spec @Nullable CommandSpec spec;

  private final ServerEnvironment environment;
  private final CompletableFuture<Void> stopRequested;
  private final Consumer<LakegateServer> onStarted;

  public ServeCommand() {
    this(ServerEnvironment.system(), new CompletableFuture<>(), server -> { });
  }

  /**
   * @param stopRequested completing it stops the server (the shutdown hook does; tests too)
   * @param onStarted called once the server serves
   */
  ServeCommand(ServerEnvironment environment, CompletableFuture<Void> stopRequested, Consumer<LakegateServer> onStarted) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
    this.onStarted = Objects.requireNonNull(onStarted, "onStarted");
  }

  @Override
  public Integer call() {
    Optional<LakegateConfig> loaded = config.load(ConfigLoader.withDefaults());
    if (loaded.isEmpty()) {
      return Main.EXIT_USAGE;
    }
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    ServerLogs.quietLibraryLogging();
    LakegateServer server;
    try {
      server = LakegateServer.create(loaded.get(), environment).start();
    } catch (UncheckedIOException | AuthStateException | IllegalArgumentException e) {
      err.println("lakegate serve: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = Thread.ofPlatform().name("lakegate-shutdown").unstarted(() -> {
      stopRequested.complete(null);
      awaitQuietly(stopped);
    });
    Runtime.getRuntime().addShutdownHook(hook);
    new ServeBanner(loaded.get(), server, config.source()).print(out);
    out.flush();
    onStarted.accept(server);
    stopRequested.join();
    out.println("Stopping...");
    out.flush();
    server.stop();
    stopped.countDown();
    removeHook(hook);
    return 0;
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "spec");
  }

  private static void awaitQuietly(CountDownLatch stopped) {
    try {
      stopped.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook itself asked for the stop; the JVM is on its way out.
    }
  }

  /** What {@code lakegate serve} prints once the server is up. */
  record ServeBanner(LakegateConfig config, LakegateServer server, String source) {
    void print(PrintWriter out) {
      URI base = server.baseUrl();
      String api = base + "/" + config.api().stageName() + "/upload/";
      Optional<Path> certificate = server.certificateFile().map(Path::toAbsolutePath);
      out.println("Lakegate is serving (configuration: " + source + ")");
      out.println("  API          " + api);
      out.println("  Token URL    " + base + "/oauth2/token");
      out.println("  Discovery    " + base + "/.well-known/openid-configuration");
      out.println("  Certificate  " + certificate.map(Path::toString).orElse("none (plain HTTP)"));
      lakeDir().ifPresent(dir -> out.println("  Lake         " + dir));
      out.println("  Logs         " + config.standalone().logDir().toAbsolutePath());
      out.println();
      if (server.createdClients().isEmpty()) {
        out.println("App clients were created on an earlier start; see `lakegate clients list`, and");
        out.println("`lakegate clients rotate-secret NAME` for a new secret.");
        out.flush();
        return;
      }
      out.println("New app clients. Their secrets are shown only now and stored only as hashes:");
      for (ClientCredentials client : server.createdClients()) {
        out.println("  " + client.name() + "  client_id=" + client.clientId() + "  client_secret=" + client.clientSecret().reveal());
      }
      out.println();
      walkthrough(out, base, api, certificate, server.createdClients().getFirst());
    }

    private Optional<Path> lakeDir() {
      if (config.standalone().lake() instanceof StandaloneConfig.LocalLake local) {
        return Optional.of(local.dir().resolve(config.api().targetBucketName()).toAbsolutePath());
      }
      return Optional.empty();
    }

    private void walkthrough(PrintWriter out, URI base, String api, Optional<Path> certificate, ClientCredentials client) {
      String trust = certificate.map(c -> "--cacert '" + c + "' ").orElse("");
      String prefix = config.api().targetPrefix();
      out.println("Try it (copy and paste into a shell):");
      out.println("  # 1. an access token");
      out.println("  TOKEN=$(curl -sS " + trust + "-u '" + client.clientId() + ":" + client.clientSecret().reveal()
          + "' -d grant_type=client_credentials " + base + "/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
      out.println("  # 2. a presigned URL for one file (unipart), bound to its MD5");
      out.println("  echo 'hello, lake' > hello.txt; MD5=$(openssl md5 -binary hello.txt | base64)");
      out.println("  URL=$(curl -sS " + trust + "-H \"Authorization: Bearer $TOKEN\" -G --data-urlencode \"md5=$MD5\" " + api
          + "unipart | sed -E 's/.*\"url\":\"([^\"]+)\".*/\\1/')");
      out.println("  # 3. the bytes, with the same Content-MD5");
      out.println("  curl -sS " + trust + "-X PUT -H \"Content-MD5: $MD5\" --upload-file hello.txt \"$URL\"");
      lakeDir().ifPresent(dir -> out.println("  # 4. the object is now " + dir.resolve(prefix) + "/<uuid>, its metadata in "
          + dir.resolve(config.api().metadataTargetPrefix()) + "/<uuid>.metadata.json"));
      out.println("  # 5. large files: multi_init, then multi_upload and a PUT per part (5 MiB or more but the last),");
      out.println("  #    then multi_complete; or let the client do it all:");
      out.println("  #    lakegate upload --api " + api + " ... FILE (see lakegate upload --help)");
      out.println();
      out.println("Stop with Ctrl-C.");
    }
  }
}
