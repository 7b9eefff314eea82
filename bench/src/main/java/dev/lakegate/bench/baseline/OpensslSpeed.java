package dev.lakegate.bench.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native RSA-2048 signing rate, from {@code openssl speed rsa2048} on all cores
 * ({@code -multi}), for scenario 1's second reference. Empty when {@code openssl} is not installed
 * or its output has no {@code rsa 2048 bits} line.
 */
public final class OpensslSpeed {
  // "rsa 2048 bits 0.000721s 0.000021s   1386.4  47035.2": sign time, verify time, sign/s, verify/s.
  private static final Pattern RSA_2048 =
      Pattern.compile("(?m)^rsa\\s+2048\\s+bits\\s+\\S+\\s+\\S+\\s+([0-9.]+)\\s+([0-9.]+)");

  /** Runs {@code openssl speed} for about {@code seconds} per operation on {@code processes} processes. */
  public Optional<Rate> measure(int seconds, int processes) throws InterruptedException {
    List<String> command = List.of("openssl", "speed", "-seconds", String.valueOf(seconds),
        "-multi", String.valueOf(processes), "rsa2048");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10L * seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroy();
        return Optional.empty();
      }
      return parse(output).map(perSecond -> new Rate(
          "openssl RSA-2048 sign, " + processes + " processes", perSecond, "signatures"));
    } catch (IOException notInstalled) {
      return Optional.empty();
    }
  }

  /** Signatures per second from {@code openssl speed} output. */
  static Optional<Double> parse(String output) {
    Matcher matcher = RSA_2048.matcher(output);
    return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
  }
}
