package dev.lakegate.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario 1's limit: how many RS256 signatures ({@code SHA256withRSA}, 2048-bit key) this JVM
 * makes per second on all cores with plain {@code java.security.Signature}, over an input the
 * size of an access token's header and claims. A token endpoint cannot issue faster than this.
 */
public final class RsaSigningRate {
  // About the size of a base64url header + claims of an access token (contract.md §2).
  private static final byte[] SIGNING_INPUT = ("eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0."
      + "eyJzdWIiOiJhYmMiLCJ0b2tlbl91c2UiOiJhY2Nlc3MiLCJzY29wZSI6Im0ybS1hcGkvbTJtLWN1c3RvbSIsImF1dGhfdGlt"
      + "ZSI6MTcwMDAwMDAwMCwiaXNzIjoiaHR0cHM6Ly8xMjcuMC4wLjE6ODQ0MyIsImV4cCI6MTcwMDAwMzYwMCwiaWF0IjoxNzAw"
      + "MDAwMDAwLCJ2ZXJzaW9uIjoyLCJqdGkiOiI1ZjBjIiwiY2xpZW50X2lkIjoiYWJjIn0").getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom random;

  public RsaSigningRate(SecureRandom random) {
    this.random = random;
  }

  /** Signs on {@code threads} threads for {@code duration} and returns signatures per second. */
  public Rate measure(int threads, Duration duration) throws InterruptedException {
    PrivateKey key = newKey();
    // Warm the JIT first, as the token endpoint's load is warmed: both sides are then compiled code.
    signOn(threads, key, System.nanoTime() + Math.min(2_000_000_000L, duration.toNanos() / 3), new LongAdder());
    LongAdder signatures = new LongAdder();
    long start = System.nanoTime();
    signOn(threads, key, start + duration.toNanos(), signatures);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Rate("JVM RS256 sign, " + threads + " threads", signatures.sum() / seconds, "signatures");
  }

  private static void signOn(int threads, PrivateKey key, long deadline, LongAdder signatures)
      throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers.add(Thread.ofPlatform().name("rs256-" + i).start(() -> signUntil(key, deadline, signatures)));
    }
    for (Thread worker : workers) {
      worker.join();
    }
  }

  private PrivateKey newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides 2048-bit RSA", e);
    }
  }

  private static void signUntil(PrivateKey key, long deadline, LongAdder signatures) {
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      while (System.nanoTime() < deadline) {
        signer.initSign(key);
        signer.update(SIGNING_INPUT);
        signer.sign();
        signatures.increment();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA failed on a freshly generated key", e);
    }
  }
}
