package dev.lakegate.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServer} in a JVM of its own, started from this JVM's class path with the given JVM
 * options, so scenario 5 reads the server's resident memory and not the harness's. Its output goes
 * to {@code server.out} in the work directory; it stops when this object closes its standard input.
 */
public final class BenchServerProcess implements AutoCloseable {
  private final Process process;
  private final ServerUnderTest target;
  private final String signatureProvider;

  private BenchServerProcess(Process process, ServerUnderTest target, String signatureProvider) {
    this.process = process;
    this.target = target;
    this.signatureProvider = signatureProvider;
  }

  /**
   * Starts the child and returns once it serves.
   *
   * @param serverArgs after the work directory: {@code --signing auto|jdk|conscrypt}, {@code --conscrypt}, or nothing
   */
  public static BenchServerProcess launch(Path workDir, List<String> jvmOptions, List<String> serverArgs)
      throws IOException, InterruptedException {
    return launch(workDir, jvmOptions, serverArgs, System.getProperty("java.class.path"));
  }

  /**
   * {@link #launch(Path, List, List)} from the given class path, which may be another build's, to
   * compare two revisions of the server side by side.
   */
  public static BenchServerProcess launch(Path workDir, List<String> jvmOptions, List<String> serverArgs, String classPath)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    // As the lakegate launcher runs the server: the lake hashes mid-sized bodies with the Vector API.
    command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    if (Runtime.version().feature() >= 22) {
      // As the lakegate launcher runs the server: the JIT's freed arenas returned to the system.
      command.add("-XX:TrimNativeHeapInterval=2000");
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, BenchServer.class.getName(), workDir.toString()));
    command.addAll(serverArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    // As the lakegate launcher runs the server: glibc's malloc limited to two arenas.
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    Process process = builder
        .redirectErrorStream(false)
        .redirectError(workDir.resolve("server.err").toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); ; line = out.readLine()) {
        if (line == null) {
          throw new IOException("the bench server exited before serving; see " + workDir.resolve("server.err"));
        }
        if (line.equals(BenchServer.READY)) {
          break;
        }
      }
      // Nothing reads the child's output after this; it prints nothing more, but drain it anyway.
      Thread.ofPlatform().daemon().start(() -> drain(out));
      Properties target = readTarget(workDir.resolve(BenchServer.TARGET_FILE));
      return new BenchServerProcess(process, targetOf(target), target.getProperty(BenchServer.SIGNATURE_PROVIDER, "?"));
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  public ServerUnderTest target() {
    return target;
  }

  /** What signs the child's tokens: {@code OpenSSL}, {@code Conscrypt} or {@code SunRsaSign}. */
  public String signatureProvider() {
    return signatureProvider;
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Properties readTarget(Path file) throws IOException {
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return properties;
  }

  private static ServerUnderTest targetOf(Properties properties) {
    return new ServerUnderTest(URI.create(properties.getProperty("base")), properties.getProperty("stage"),
        properties.getProperty("clientId"), properties.getProperty("clientSecret"),
        Path.of(properties.getProperty("lakeDirectory")), Long.parseLong(properties.getProperty("pid")));
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // discard
      }
    } catch (IOException closed) {
      // the child is gone
    }
  }
}
