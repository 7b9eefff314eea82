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
 * counters and histograms (request durations, the local lake's flush times) a scenario compares
 * before and after a timed load, to tell what the server itself did from what the harness saw.
 */
record ServerMeters(String exposition) {
  private static final String DURATION = "lakegate_http_request_duration_seconds";
  /** The local lake's group commits of its metadata journal, each timed. */
  static final String JOURNAL_FLUSH = "lakegate_lake_journal_flush_duration_seconds";
  /** The local lake's flushes of its whole file system, each timed. */
  static final String FILE_SYSTEM_FLUSH = "lakegate_lake_filesystem_flush_duration_seconds";

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
   * The observations of histogram {@code name} (the part before {@code _bucket}) whose labels
   * before {@code le} are {@code labels} (each {@code key="value",}; empty for none), counted up to
   * each bucket's bound, in seconds ({@code +Inf} as {@link Double#POSITIVE_INFINITY}); empty when
   * there is none yet.
   */
  private NavigableMap<Double, Long> buckets(String name, String labels) {
    Matcher bucket = Pattern.compile("^" + Pattern.quote(name + "_bucket{" + labels) + "le=\"([^\"]+)\"} (\\S+)$",
        Pattern.MULTILINE).matcher(exposition);
    NavigableMap<Double, Long> buckets = new TreeMap<>();
    while (bucket.find()) {
      double bound = bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1));
      buckets.put(bound, (long) Double.parseDouble(bucket.group(2)));
    }
    return buckets;
  }

  /**
   * The sum of histogram {@code name}'s observations, in seconds, for {@code labels} (as
   * {@link #buckets} takes them); 0 where the histogram has none yet.
   */
  private double sum(String name, String labels) {
    // The sum's labels are the buckets' without le: {key="value"}, or none at all.
    String own = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
    Matcher value = Pattern.compile("^" + Pattern.quote(name + "_sum" + own) + " (\\S+)$", Pattern.MULTILINE)
        .matcher(exposition);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  /** How long the server took for a route group's requests between {@code before} and this reading. */
  ServerTimes serverTimes(String route, ServerMeters before) {
    return times(DURATION, "route=\"" + route + "\",", before, "request durations of route " + route);
  }

  /**
   * The local lake's flushes of one kind ({@code JOURNAL_FLUSH} or {@code FILE_SYSTEM_FLUSH})
   * between {@code before} and this reading, timed as {@link ServerTimes} count requests.
   */
  ServerTimes flushTimes(String histogram, ServerMeters before) {
    return times(histogram, "", before, histogram);
  }

  /** Histogram {@code name}'s observations of {@code labels} between {@code before} and this reading. */
  private ServerTimes times(String name, String labels, ServerMeters before, String what) {
    NavigableMap<Double, Long> after = buckets(name, labels);
    if (after.isEmpty()) {
      throw new IllegalStateException("GET /metrics has no " + what);
    }
    return new ServerTimes(since(after, before.buckets(name, labels)), sum(name, labels) - before.sum(name, labels));
  }

  private static NavigableMap<Double, Long> since(NavigableMap<Double, Long> after, NavigableMap<Double, Long> earlier) {
    NavigableMap<Double, Long> since = new TreeMap<>();
    after.forEach((bound, count) -> since.put(bound, count - earlier.getOrDefault(bound, 0L)));
    return since;
  }

  /**
   * Requests counted up to each bucket bound (seconds) over one load, and the seconds they took
   * together, as the server timed them: from a request's first byte to its response's last, so
   * without the harness's own delays.
   */
  record ServerTimes(NavigableMap<Double, Long> cumulative, double totalSeconds) {
    long requests() {
      return cumulative.lastEntry().getValue();
    }

    /** The mean time, in ms, from the histogram's sum: exact where the bucket bounds are coarse. */
    double meanMillis() {
      return requests() == 0 ? 0 : totalSeconds * 1e3 / requests();
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

    /**
     * A note line: the server's own mean, p50 and p99 (as bucket bounds) and the share over
     * {@code overMillis}.
     */
    String note(String load, double overMillis) {
      return String.format(Locale.ROOT, "server's own time of %s: mean %.2f ms, p50 <= %s ms, p99 <= %s ms,"
          + " %.2f %% over %s ms (from its first byte to its answer's last, %d requests)",
          load, meanMillis(), millis(quantileBoundMillis(0.5)), millis(quantileBoundMillis(0.99)),
          percentOver(overMillis), millis(overMillis), requests());
    }

    /**
     * A note line for a closed load of {@code connections} at {@code perSecond}: how long each
     * connection took a request (connections / rate, by Little's law) and how much of it the server
     * held the request by its own mean; the rest went before the server began to read it (waiting
     * for a core), on the loopback and in the harness.
     */
    String cycleNote(String load, int connections, double perSecond) {
      double cycle = connections * 1e3 / Math.max(perSecond, 1e-9);
      return String.format(Locale.ROOT, "a request of %s took a connection %.2f ms (%d connections / %.0f req/s),"
          + " %.2f ms of it inside the server (%.0f %%)", load, cycle, connections, perSecond, meanMillis(),
          100 * meanMillis() / cycle);
    }

    /**
     * A note line for flushes: how many a second over {@code seconds}, their mean, and their p50,
     * p99 and longest (as bucket bounds).
     */
    String flushNote(String flushes, String load, double seconds) {
      if (requests() == 0) {
        return String.format(Locale.ROOT, "%s during %s: none", flushes, load);
      }
      return String.format(Locale.ROOT, "%s during %s: %.0f/s, mean %.2f ms, p50 <= %s ms, p99 <= %s ms,"
          + " longest <= %s ms", flushes, load, requests() / seconds, meanMillis(), millis(quantileBoundMillis(0.5)),
          millis(quantileBoundMillis(0.99)), millis(quantileBoundMillis(1)));
    }

    private static String millis(double value) {
      return value == Double.POSITIVE_INFINITY ? "inf"
          : BigDecimal.valueOf(Math.round(value * 1e3) / 1e3).stripTrailingZeros().toPlainString();
    }
  }
}
