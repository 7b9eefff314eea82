package dev.lakegate.bench.scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * CPU time spent per operation, which, unlike a rate, does not depend on how the machine's cores
 * are shared with the harness or with other programs: the CPU a process used (from the operating
 * system) and the CPU one RS256 signature costs on one thread ({@link ThreadMXBean}). Scenario 1
 * sets the server's CPU per token beside the signature's, so what the server spends beyond the
 * signature is read directly.
 */
final class CpuCost {
  private static final byte[] SIGNING_INPUT = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.".repeat(12)
      .getBytes(StandardCharsets.US_ASCII);

  private CpuCost() {}

  /** The CPU time {@code pid} has used so far, where the platform reports it. */
  static Optional<Duration> ofProcess(long pid) {
    return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
  }

  /** From now on, the CPU the server ({@code serverPid}) and this harness use; see {@link Span#end}. */
  static Span start(long serverPid) {
    return new Span(serverPid, ofProcess(serverPid), ofProcess(ProcessHandle.current().pid()));
  }

  /** The CPU the server and the harness used over a span of a run, such as one load. */
  record Usage(long serverPid, Duration server, Duration harness) {
    /**
     * {@code "CPU per request of <load>: server N µs, harness M µs"}; one figure when the server
     * runs in the harness's process.
     */
    String perRequest(String load, long requests) {
      if (serverPid == ProcessHandle.current().pid()) {
        return String.format(Locale.ROOT, "CPU per request of %s, server and harness in one process: %.0f µs",
            load, micros(server, requests));
      }
      return String.format(Locale.ROOT, "CPU per request of %s: server %.0f µs, harness %.0f µs",
          load, micros(server, requests), micros(harness, requests));
    }
  }

  /** A span started by {@link CpuCost#start}. */
  record Span(long serverPid, Optional<Duration> serverBefore, Optional<Duration> harnessBefore) {
    /** The CPU used since the start, or empty where the platform does not report process CPU times. */
    Optional<Usage> end() {
      Optional<Duration> server = serverBefore.flatMap(before -> ofProcess(serverPid).map(after -> after.minus(before)));
      Optional<Duration> harness = harnessBefore.flatMap(
          before -> ofProcess(ProcessHandle.current().pid()).map(after -> after.minus(before)));
      return server.flatMap(s -> harness.map(h -> new Usage(serverPid, s, h)));
    }
  }

  /** {@code used} divided by {@code operations}, in microseconds. */
  static double micros(Duration used, long operations) {
    return operations <= 0 ? 0 : used.toNanos() / 1e3 / operations;
  }

  /**
   * The CPU one {@code SHA256withRSA} signature with a 2048-bit key costs on this thread, in
   * microseconds: signs for {@code duration} of wall time after a third as long of warm-up, with a
   * key of the provider's own kind (empty: the JDK's).
   */
  static double signatureMicros(Optional<Provider> provider, Duration duration) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try {
      KeyPairGenerator generator = provider.isPresent()
          ? KeyPairGenerator.getInstance("RSA", provider.get())
          : KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, new SecureRandom());
      PrivateKey key = generator.generateKeyPair().getPrivate();
      Signature signer = provider.isPresent()
          ? Signature.getInstance("SHA256withRSA", provider.get())
          : Signature.getInstance("SHA256withRSA");
      signFor(signer, key, duration.dividedBy(3));
      long cpuBefore = threads.getCurrentThreadCpuTime();
      long signatures = signFor(signer, key, duration);
      return micros(Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuBefore), signatures);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA failed on a freshly generated key", e);
    }
  }

  private static long signFor(Signature signer, PrivateKey key, Duration duration) throws GeneralSecurityException {
    long deadline = System.nanoTime() + duration.toNanos();
    long signatures = 0;
    while (System.nanoTime() < deadline) {
      signer.initSign(key);
      signer.update(SIGNING_INPUT);
      signer.sign();
      signatures++;
    }
    return signatures;
  }
}
