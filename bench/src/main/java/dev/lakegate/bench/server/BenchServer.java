package dev.lakegate.bench.server;

import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.core.config.ConfigLoader;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.server.LakegateServer;
import dev.lakegate.server.ServerEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Security;
import java.util.Map;
import java.util.Properties;
import org.conscrypt.Conscrypt;

/**
 * A standalone {@link LakegateServer} for the scenarios, with {@link BenchConfig}'s configuration
 * in a work directory. In the smoke tests it runs in the harness's JVM; for the published figures
 * {@link BenchServerProcess} runs {@link #main} in a JVM of its own, so the server's memory and
 * CPU are its own. The master key is generated into the work directory's data (owner-only), as on
 * a first start.
 */
public final class BenchServer implements AutoCloseable {
  /** The line a child server prints when it serves. */
  static final String READY = "lakegate-bench-server ready";
  /** The owner-only file a child server writes its target into, secret included. */
  static final String TARGET_FILE = "target.properties";

  private final LakegateServer server;
  private final ServerUnderTest target;

  private BenchServer(LakegateServer server, ServerUnderTest target) {
    this.server = server;
    this.target = target;
  }

  /** Writes the configuration into {@code workDir} and starts a server on it in this JVM. */
  public static BenchServer start(Path workDir) throws IOException {
    LakegateConfig config = ConfigLoader.withDefaults().load(BenchConfig.write(workDir), ConfigLoader.DEFAULT_CONTEXT);
    ServerEnvironment system = ServerEnvironment.system();
    ServerEnvironment environment = new ServerEnvironment(Map.of(), system.clock(), system.random(), system.lakeDecorator());
    LakegateServer server = LakegateServer.create(config, environment);
    try {
      ClientCredentials client = server.createdClients().stream()
          .filter(c -> c.name().equals(BenchConfig.CLIENT)).findFirst()
          .orElseThrow(() -> new IllegalStateException("the server did not create the client " + BenchConfig.CLIENT));
      server.start();
      return new BenchServer(server, new ServerUnderTest(server.baseUrl(), BenchConfig.STAGE, client.clientId(),
          client.clientSecret().reveal(), BenchConfig.lakeDirectory(workDir), ProcessHandle.current().pid()));
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
  }

  public ServerUnderTest target() {
    return target;
  }

  @Override
  public void close() {
    server.stop();
  }

  /**
   * Makes Conscrypt (BoringSSL) the first JCA provider of this JVM, so the server's RS256
   * signatures, digests and MACs run natively without a change to its code.
   */
  public static void preferConscrypt() {
    Security.insertProviderAt(Conscrypt.newProvider(), 1);
  }

  /**
   * The child server: {@code BenchServer <workDir> [--conscrypt]} starts, writes its target to an
   * owner-only file in {@code workDir}, prints {@value #READY}, and stops when its standard input
   * closes.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--conscrypt"))) {
      System.err.println("usage: BenchServer <work directory> [--conscrypt]");
      System.exit(2);
    }
    if (args.length == 2) {
      preferConscrypt();
    }
    Path workDir = Path.of(args[0]);
    try (BenchServer bench = start(workDir)) {
      writeTarget(workDir.resolve(TARGET_FILE), bench.target());
      System.out.println(READY);
      System.out.flush();
      while (System.in.read() >= 0) {
        // the parent holds our standard input open for as long as it wants the server
      }
    }
  }

  private static void writeTarget(Path file, ServerUnderTest target) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("base", target.base().toString());
    properties.setProperty("stage", target.stage());
    properties.setProperty("clientId", target.clientId());
    properties.setProperty("clientSecret", target.clientSecret());
    properties.setProperty("lakeDirectory", target.lakeDirectory().toString());
    properties.setProperty("pid", Long.toString(target.pid()));
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, null);
    }
  }
}
