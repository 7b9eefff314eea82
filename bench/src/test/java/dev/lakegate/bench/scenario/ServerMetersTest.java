package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ServerMetersTest {
  private static final ServerMeters BEFORE = new ServerMeters("""
      lakegate_lake_md5_lane_bodies_total 48.0
      lakegate_http_request_duration_seconds_bucket{route="upload",le="0.001"} 10
      lakegate_http_request_duration_seconds_bucket{route="upload",le="0.01"} 10
      lakegate_http_request_duration_seconds_bucket{route="upload",le="0.02"} 10
      lakegate_http_request_duration_seconds_bucket{route="upload",le="+Inf"} 10
      lakegate_http_request_duration_seconds_sum{route="upload"} 0.004
      """);
  private static final ServerMeters AFTER = new ServerMeters("""
      lakegate_lake_md5_lane_bodies_total 64.0
      lakegate_http_request_duration_seconds_bucket{route="health",le="0.001"} 7
      lakegate_http_request_duration_seconds_bucket{route="health",le="+Inf"} 7
      lakegate_http_request_duration_seconds_bucket{route="upload",le="2.5E-4"} 0
      lakegate_http_request_duration_seconds_bucket{route="upload",le="0.001"} 910
      lakegate_http_request_duration_seconds_bucket{route="upload",le="0.01"} 1008
      lakegate_http_request_duration_seconds_bucket{route="upload",le="0.02"} 1010
      lakegate_http_request_duration_seconds_bucket{route="upload",le="+Inf"} 1010
      lakegate_http_request_duration_seconds_sum{route="health"} 0.1
      lakegate_http_request_duration_seconds_sum{route="upload"} 1.504
      """);

  @Test
  void serverTimesCountOnlyTheRequestsBetweenTheTwoReadings() {
    ServerMeters.ServerTimes times = AFTER.serverTimes("upload", BEFORE);

    assertThat(times.requests()).isEqualTo(1000);
    assertThat(times.quantileBoundMillis(0.5)).isEqualTo(1.0);
    assertThat(times.quantileBoundMillis(0.99)).isEqualTo(10.0);
    assertThat(times.quantileBoundMillis(0.999)).isEqualTo(20.0);
    assertThat(times.percentOver(10)).isEqualTo(0.2);
    assertThat(times.meanMillis()).isCloseTo(1.5, within(1e-9));
    assertThat(times.note("GET unipart", 10))
        .isEqualTo("server's own time of GET unipart: mean 1.50 ms, p50 <= 1 ms, p99 <= 10 ms, 0.20 % over 10 ms"
            + " (from its first byte to its answer's last, 1000 requests)");
  }

  @Test
  void aSubMillisecondBoundReadsAsItsMilliseconds() {
    ServerMeters.ServerTimes times = new ServerMeters("""
        lakegate_http_request_duration_seconds_bucket{route="lake",le="2.5E-4"} 99
        lakegate_http_request_duration_seconds_bucket{route="lake",le="0.01"} 100
        lakegate_http_request_duration_seconds_bucket{route="lake",le="+Inf"} 100
        """).serverTimes("lake", new ServerMeters(""));

    assertThat(times.note("PUT", 10))
        .startsWith("server's own time of PUT: mean 0.00 ms, p50 <= 0.25 ms, p99 <= 0.25 ms, 0.00 % over 10 ms");
  }

  @Test
  void aClosedLoadsCycleSplitsIntoTheServersMeanAndTheRest() {
    ServerMeters.ServerTimes times = AFTER.serverTimes("upload", BEFORE);

    assertThat(times.cycleNote("GET unipart", 32, 8000))
        .isEqualTo("a request of GET unipart took a connection 4.00 ms (32 connections / 8000 req/s),"
            + " 1.50 ms of it inside the server (38 %)");
  }

  @Test
  void refusesARouteWithoutDurationsAndABoundThatIsNoBucket() {
    assertThatThrownBy(() -> AFTER.serverTimes("token", BEFORE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("route token");
    assertThatThrownBy(() -> AFTER.serverTimes("upload", BEFORE).percentOver(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7.0 ms is not a bucket bound");
  }

  @Test
  void readsAnUntaggedCounter() {
    assertThat(AFTER.counter("lakegate_lake_md5_lane_bodies_total")).isEqualTo(64);
    assertThatThrownBy(() -> AFTER.counter("lakegate_absent_total")).hasMessageContaining("no lakegate_absent_total");
  }

  @Test
  void flushTimesCountTheFlushesBetweenTheTwoReadings() {
    ServerMeters before = flushes(100, 100, 100, 0.01);
    ServerMeters after = flushes(600, 1095, 1100, 1.01);

    assertThat(after.flushTimes(ServerMeters.JOURNAL_FLUSH, before).flushNote("journal flushes", "GET unipart", 2))
        .isEqualTo("journal flushes during GET unipart: 500/s, mean 1.00 ms, p50 <= 0.5 ms, p99 <= 4 ms,"
            + " longest <= 16 ms");
    assertThat(after.flushTimes(ServerMeters.FILE_SYSTEM_FLUSH, before).flushNote("file system flushes", "PUT", 2))
        .isEqualTo("file system flushes during PUT: none");
    assertThatThrownBy(() -> AFTER.flushTimes(ServerMeters.JOURNAL_FLUSH, BEFORE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no lakegate_lake_journal_flush_duration_seconds");
  }

  /**
   * Journal flushes counted up to 0.5, 4 and 16 ms (none longer), taking {@code seconds} together,
   * and no file system flushes.
   */
  private static ServerMeters flushes(long halfMillisecond, long fourMilliseconds, long sixteenMilliseconds,
      double seconds) {
    String journal = "lakegate_lake_journal_flush_duration_seconds_bucket";
    String fileSystem = "lakegate_lake_filesystem_flush_duration_seconds_bucket";
    return new ServerMeters(String.join("\n",
        journal + "{le=\"5.0E-4\"} " + halfMillisecond,
        journal + "{le=\"0.004\"} " + fourMilliseconds,
        journal + "{le=\"0.016\"} " + sixteenMilliseconds,
        journal + "{le=\"+Inf\"} " + sixteenMilliseconds,
        "lakegate_lake_journal_flush_duration_seconds_sum " + seconds,
        fileSystem + "{le=\"0.004\"} 0",
        fileSystem + "{le=\"+Inf\"} 0") + "\n");
  }
}
