package dev.lakegate.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario 1's limit: how many RS256 signatures ({@code SHA256withRSA}, 2048-bit key) this JVM
 * makes per second on all cores with plain {@code java.security.Signature}, over an input the
 * size of an access token's header and claims. A token endpoint cannot issue faster than this.
 * Given a provider (Conscrypt), it measures that provider's rate instead, for the native comparison.
 */
public final class RsaSigningRate {
  // About the size of a base64url header + claims of an access token (contract.md §2).
  private static final byte[] SIGNING_INPUT = ("eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0."
      + "eyJzdWIiOiJhYmMiLCJ0b2tlbl91c2UiOiJhY2Nlc3MiLCJzY29wZSI6Im0ybS1hcGkvbTJtLWN1c3RvbSIsImF1dGhfdGlt"
      + "ZSI6MTcwMDAwMDAwMCwiaXNzIjoiaHR0cHM6Ly8xMjcuMC4wLjE6ODQ0MyIsImV4cCI6MTcwMDAwMzYwMCwiaWF0IjoxNzAw"
      + "MDAwMDAwLCJ2ZXJzaW9uIjoyLCJqdGkiOiI1ZjBjIiwiY2xpZW50X2lkIjoiYWJjIn0").getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom random;
  private final Optional<Provider> provider;

  /** The JDK's own provider. */
  public RsaSigningRate(SecureRandom random) {
    this(random, Optional.empty());
  }

  /** @param provider the provider whose {@code SHA256withRSA} to measure; empty for the JDK's default */
  public RsaSigningRate(SecureRandom random, Optional<Provider> provider) {
    this.random = random;
    this.provider = provider;
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
    String who = provider.map(p -> p.getName() + " RS256 sign, ").orElse("JVM RS256 sign, ");
    return new Rate(who + threads + " threads", signatures.sum() / seconds, "signatures");
  }

  private void signOn(int threads, PrivateKey key, long deadline, LongAdder signatures)
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
      // A key of the provider's own kind, so initSign does not convert it on every signature.
      KeyPairGenerator generator = provider.isPresent()
          ? KeyPairGenerator.getInstance("RSA", provider.get())
          : KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides 2048-bit RSA", e);
    }
  }

  private void signUntil(PrivateKey key, long deadline, LongAdder signatures) {
    try {
      Signature signer = provider.isPresent()
          ? Signature.getInstance("SHA256withRSA", provider.get())
          : Signature.getInstance("SHA256withRSA");
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
