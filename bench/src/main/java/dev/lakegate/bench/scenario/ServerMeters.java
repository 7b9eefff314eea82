package dev.lakegate.bench.scenario;

import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.server.ServerUnderTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of the server under test's {@code GET /metrics} (Prometheus text format): the
 * counters and request-duration buckets a scenario compares before and after a timed load, to
 * tell what the server itself did from what the harness saw.
 */
record ServerMeters(String exposition) {
  private static final String DURATION_BUCKET = "lakegate_http_request_duration_seconds_bucket";

  static ServerMeters read(ServerUnderTest server, LoadHarness harness) throws IOException, InterruptedException {
    HttpResponse<String> metrics = harness.send(HttpRequest.newBuilder(server.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (metrics.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics answered " + metrics.statusCode());
    }
    return new ServerMeters(metrics.body());
  }

  /** An untagged counter's value. */
  long counter(String name) {
    Matcher value = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
    if (!value.find()) {
      throw new IllegalStateException("GET /metrics has no " + name);
    }
    return (long) Double.parseDouble(value.group(1));
  }

  /**
   * The requests of a route group counted up to each bucket's bound, in seconds ({@code +Inf} as
   * {@link Double#POSITIVE_INFINITY}); empty when the route has served nothing yet.
   */
  NavigableMap<Double, Long> durationBuckets(String route) {
    Matcher bucket = Pattern.compile("^" + DURATION_BUCKET + "\\{route=\"" + Pattern.quote(route)
        + "\",le=\"([^\"]+)\"} (\\S+)$", Pattern.MULTILINE).matcher(exposition);
    NavigableMap<Double, Long> buckets = new TreeMap<>();
    while (bucket.find()) {
      double bound = bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1));
      buckets.put(bound, (long) Double.parseDouble(bucket.group(2)));
    }
    return buckets;
  }

  /** How long the server took for a route group's requests between {@code before} and this reading. */
  ServerTimes serverTimes(String route, ServerMeters before) {
    NavigableMap<Double, Long> after = durationBuckets(route);
    if (after.isEmpty()) {
      throw new IllegalStateException("GET /metrics has no request durations of route " + route);
    }
    NavigableMap<Double, Long> earlier = before.durationBuckets(route);
    NavigableMap<Double, Long> since = new TreeMap<>();
    after.forEach((bound, count) -> since.put(bound, count - earlier.getOrDefault(bound, 0L)));
    return new ServerTimes(since);
  }

  /**
   * Requests counted up to each bucket bound (seconds) over one load, as the server timed them:
   * from a request's first byte to its response's last, so without the harness's own delays.
   */
  record ServerTimes(NavigableMap<Double, Long> cumulative) {
    long requests() {
      return cumulative.lastEntry().getValue();
    }

    /** The smallest bucket bound, in ms, within which at least {@code quantile} of the requests took. */
    double quantileBoundMillis(double quantile) {
      long needed = (long) Math.ceil(quantile * requests());
      for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
        if (bucket.getValue() >= needed) {
          return bucket.getKey() * 1e3;
        }
      }
      return Double.POSITIVE_INFINITY;
    }

    /** The share of requests, in percent, that took longer than {@code millis}, a bucket bound. */
    double percentOver(double millis) {
      Long within = cumulative.get(millis / 1e3);
      if (within == null) {
        throw new IllegalArgumentException(millis + " ms is not a bucket bound of the request durations");
      }
      return 100.0 * (requests() - within) / Math.max(1, requests());
    }

    /** A note line: the server's own p50 and p99 (as bucket bounds) and the share over {@code overMillis}. */
    String note(String load, double overMillis) {
      return String.format(Locale.ROOT, "server's own time of %s: p50 <= %s ms, p99 <= %s ms, %.2f %% over %s ms"
          + " (from its first byte to its answer's last, %d requests)",
          load, millis(quantileBoundMillis(0.5)), millis(quantileBoundMillis(0.99)), percentOver(overMillis),
          millis(overMillis), requests());
    }

    private static String millis(double value) {
      return value == Double.POSITIVE_INFINITY ? "inf"
          : BigDecimal.valueOf(Math.round(value * 1e3) / 1e3).stripTrailingZeros().toPlainString();
    }
  }
}
