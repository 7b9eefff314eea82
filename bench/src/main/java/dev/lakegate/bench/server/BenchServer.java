package dev.lakegate.bench.server;

import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.key.RsaSigning;
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
  /** The target file's property naming the token signer's JCA provider. */
  static final String SIGNATURE_PROVIDER = "signatureProvider";

  private final LakegateServer server;
  private final ServerUnderTest target;

  private BenchServer(LakegateServer server, ServerUnderTest target) {
    this.server = server;
    this.target = target;
  }

  /** Writes the configuration into {@code workDir} and starts a server on it in this JVM, signing as by default. */
  public static BenchServer start(Path workDir) throws IOException {
    return start(workDir, "auto");
  }

  /**
   * Writes the configuration into {@code workDir} and starts a server on it in this JVM.
   *
   * @param signing the token signer, as {@code LAKEGATE_SIGNING_PROVIDER} says it: {@code auto}, {@code jdk},
   *     {@code conscrypt} or {@code openssl}
   */
  public static BenchServer start(Path workDir, String signing) throws IOException {
    LakegateConfig config = ConfigLoader.withDefaults().load(BenchConfig.write(workDir), ConfigLoader.DEFAULT_CONTEXT);
    ServerEnvironment system = ServerEnvironment.system();
    ServerEnvironment environment = new ServerEnvironment(Map.of(RsaSigning.ENVIRONMENT_VARIABLE, signing),
        system.clock(), system.random(), system.lakeDecorator());
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

  /** What signs the server's tokens: {@code OpenSSL}, {@code Conscrypt} or {@code SunRsaSign}. */
  public String signatureProvider() {
    return server.auth().signatureProvider();
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
   * The child server: {@code BenchServer <workDir> [--signing auto|jdk|conscrypt] [--conscrypt]}
   * starts, writes its target and token signer's provider to an owner-only file in {@code
   * workDir}, prints {@value #READY}, and stops when its standard input closes.
   */
  public static void main(String[] args) throws IOException {
    String signing = "auto";
    boolean conscryptFirst = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--conscrypt")) {
        conscryptFirst = true;
      } else if (args[i].equals("--signing") && i + 1 < args.length) {
        signing = args[++i];
      } else {
        args = new String[0];
      }
    }
    if (args.length < 1) {
      System.err.println("usage: BenchServer <work directory> [--signing auto|jdk|conscrypt] [--conscrypt]");
      System.exit(2);
    }
    if (conscryptFirst) {
      preferConscrypt();
    }
    Path workDir = Path.of(args[0]);
    try (BenchServer bench = start(workDir, signing)) {
      writeTarget(workDir.resolve(TARGET_FILE), bench.target(), bench.signatureProvider());
      System.out.println(READY);
      System.out.flush();
      while (System.in.read() >= 0) {
        // the parent holds our standard input open for as long as it wants the server
      }
    }
  }

  private static void writeTarget(Path file, ServerUnderTest target, String signatureProvider) throws IOException {
    Properties properties = new Properties();
    properties.setProperty(SIGNATURE_PROVIDER, signatureProvider);
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
