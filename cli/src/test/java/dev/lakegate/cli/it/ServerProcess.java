package dev.lakegate.cli.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code lakegate} command run in a JVM of its own, as a user runs it: for tests that kill the
 * server or limit its heap. Output goes to a log file that {@link #output()} returns for failure
 * messages.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code lakegate ARGS} with the given JVM options; output to {@code log}. */
  static ServerProcess start(Path log, List<String> jvmOptions, String... args) throws IOException {
    return new ServerProcess(builder(jvmOptions, args).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
  }

  /** Starts {@code lakegate ARGS} in a working directory, where relative paths of the configuration resolve. */
  static ServerProcess startIn(Path workDir, Path log, String... args) throws IOException {
    return new ServerProcess(
        builder(List.of(), args).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start(),
        log);
  }

  /**
   * Runs {@code lakegate ARGS} to its end in {@code workDir} (where relative paths resolve) and
   * returns its standard output; fails on a non-zero exit.
   */
  static String run(Path workDir, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "cli", ".out");
    Path err = Files.createTempFile(workDir, "cli", ".err");
    Process p = builder(List.of(), args).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    return finish(p, out, err, args);
  }

  private static String finish(Process p, Path out, Path err, String... args) throws IOException, InterruptedException {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("lakegate " + String.join(" ", args) + " did not finish in 60 s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("lakegate " + String.join(" ", args) + " exited " + p.exitValue() + ": "
          + Files.readString(err));
    }
    return Files.readString(out);
  }

  private static ProcessBuilder builder(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (args.length > 0 && args[0].equals("serve")) {
      // As the lakegate launcher runs the server.
      command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add("dev.lakegate.cli.Main");
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static String classPath() {
    String testClassPath = System.getProperty("surefire.test.class.path");
    return testClassPath != null ? testClassPath : System.getProperty("java.class.path");
  }

  /** A TCP port that was free a moment ago on the loopback address. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Waits until {@code /health/ready} answers 200; fails early if the process died. */
  void awaitReady(HttpClient http, URI base, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest ready = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(2)).build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the listener is not up yet: poll again
      }
      // a child process has no start-up callback; its health endpoint is the signal
      Thread.sleep(100);
    }
    throw new IllegalStateException("server not ready after " + timeout + ":\n" + output());
  }

  /** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server as SIGTERM does, and kills it when it does not stop within 20 seconds. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
