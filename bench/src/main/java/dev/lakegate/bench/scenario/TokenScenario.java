package dev.lakegate.bench.scenario;

import dev.lakegate.bench.server.ServerUnderTest;
import dev.lakegate.bench.baseline.OpensslSpeed;
import dev.lakegate.bench.baseline.Rate;
import dev.lakegate.bench.baseline.RsaSigningRate;
import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.load.LoadPlan;
import dev.lakegate.bench.load.LoadReport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.conscrypt.Conscrypt;

/**
 * Scenario 1: token issuance ({@code POST /oauth2/token}, {@code client_credentials}) on keep-alive
 * connections, against the raw RS256 signing rate of the same JVM on all cores and, when
 * {@code openssl} is installed, the native RSA-2048 rate, and the rate of Conscrypt (BoringSSL's
 * RSA as a JCA provider in the same JVM). Targets: 0.8 of the JVM rate, 0.7 of the native rate.
 */
public final class TokenScenario {
  public static final String NAME = "1. token issuance";
  static final String LOAD = "POST /oauth2/token";

  private final SecureRandom random;

  public TokenScenario(SecureRandom random) {
    this.random = random;
  }

  public ScenarioResult run(ServerUnderTest server, LoadHarness harness, ScenarioOptions options)
      throws IOException, InterruptedException {
    HttpRequest request = new PartnerRequests(server, harness).tokenRequest();
    LoadPlan plan = LoadPlan.closed(options.concurrency(), options.duration(), options.maxRequests());
    harness.run("token warm-up", LoadPlan.closed(options.concurrency(), options.warmUp(),
        options.maxRequests()), seq -> Optional.of(request));
    int cores = Runtime.getRuntime().availableProcessors();
    int seconds = (int) Math.max(1, Math.min(3, options.duration().toSeconds()));
    // The machine's speed drifts over minutes: the native rate is taken on both sides of the timed load.
    Optional<Rate> opensslBefore = new OpensslSpeed().measure(seconds, cores);
    ServerMeters before = ServerMeters.read(server, harness);
    CpuCost.Span span = CpuCost.start(server.pid());
    LoadReport load = harness.run(LOAD, plan, seq -> Optional.of(request));
    Optional<CpuCost.Usage> cpu = span.end();
    ServerMeters.ServerTimes serverTimes = ServerMeters.read(server, harness).serverTimes("token", before);

    Rate jvm = new RsaSigningRate(random).measure(cores, options.duration());
    List<Rate> limits = new ArrayList<>(List.of(jvm));
    List<Ratio> ratios = new ArrayList<>(List.of(
        Ratio.atLeast("tokens/s / JVM RS256 signatures/s", load.throughput(), jvm.perSecond(), 0.8)));
    List<String> notes = new ArrayList<>();
    Optional<Rate> openssl = new OpensslSpeed().measure(seconds, cores);
    openssl.ifPresentOrElse(rate -> {
      limits.add(rate);
      ratios.add(Ratio.atLeast("tokens/s / openssl RSA-2048 signatures/s", load.throughput(), rate.perSecond(), 0.7));
      opensslBefore.filter(earlier -> earlier.perSecond() > 0)
          .ifPresent(earlier -> notes.add(drift(earlier, rate, load.throughput())));
    }, () -> notes.add("openssl not available: native RSA rate not measured"));
    Rate conscrypt = new RsaSigningRate(random, Optional.of(Conscrypt.newProvider())).measure(cores, options.duration());
    limits.add(conscrypt);
    ratios.add(Ratio.reported("tokens/s / Conscrypt RS256 signatures/s", load.throughput(), conscrypt.perSecond()));
    notes.add(serverTimes.note(LOAD, 20));
    cpuNotes(load, cpu, options, openssl.map(rate -> cores * 1e6 / rate.perSecond()), notes);
    return new ScenarioResult(NAME, List.of(load), limits, ratios, notes);
  }

  /**
   * How far the native rate moved between its measurements just before the timed load and after
   * it, and the ratio against the earlier one; the ratio of record stays against the later.
   */
  static String drift(Rate before, Rate after, double tokensPerSecond) {
    return String.format(Locale.ROOT,
        "openssl speed before the load: %.1f signatures/s, after it: %.1f (%+.1f %%); tokens/s / the rate before: %.2f",
        before.perSecond(), after.perSecond(), 100 * (after.perSecond() / before.perSecond() - 1),
        tokensPerSecond / before.perSecond());
  }

  /**
   * CPU per token beside CPU per signature: independent of how the cores were shared during the
   * run, so it shows what the server spends beyond the signature even on a busy machine.
   */
  private static void cpuNotes(LoadReport load, Optional<CpuCost.Usage> cpu, ScenarioOptions options,
      Optional<Double> opensslMicros, List<String> notes) {
    if (cpu.isEmpty()) {
      notes.add("process CPU times not available: CPU per token not measured");
      return;
    }
    long requests = load.succeeded() + load.failed();
    Duration sample = options.duration().compareTo(Duration.ofSeconds(3)) < 0 ? options.duration() : Duration.ofSeconds(3);
    double jdk = CpuCost.signatureMicros(Optional.empty(), sample);
    double conscrypt = CpuCost.signatureMicros(Optional.of(Conscrypt.newProvider()), sample);
    notes.add(String.format(Locale.ROOT, "CPU per RS256 signature, one thread: JDK %.0f µs, Conscrypt %.0f µs", jdk, conscrypt)
        + opensslMicros.map(micros -> String.format(Locale.ROOT, "; openssl speed, per process: %.0f µs", micros)).orElse(""));
    notes.add(cpu.get().perRequest("a token", requests));
    if (cpu.get().serverPid() != ProcessHandle.current().pid()) {
      double perToken = CpuCost.micros(cpu.get().server(), requests);
      notes.add(String.format(Locale.ROOT, "server CPU per token in signatures: %.2f JDK, %.2f Conscrypt", perToken / jdk,
          perToken / conscrypt) + opensslMicros.map(micros -> String.format(Locale.ROOT, ", %.2f OpenSSL", perToken / micros)).orElse(""));
    }
  }
}
