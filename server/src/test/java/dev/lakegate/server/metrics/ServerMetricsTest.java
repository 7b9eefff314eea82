package dev.lakegate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  @Test
  void lakeCountersKeepCountingAfterACollectionWhenOnlyTheRegistryHoldsTheirSources() {
    AtomicLong bodies = new AtomicLong(48);
    AtomicLong batches = new AtomicLong(5);
    try (ServerMetrics metrics = new ServerMetrics()) {
      // Method references that capture a value are new objects, held by nothing but the meters.
      metrics.lakeMd5Lanes(bodies::get, batches::get);
      metrics.lakeJournal(() -> bodies.get() * 2, () -> batches.get() + 1);
      System.gc();
      bodies.addAndGet(16);

      assertThat(metrics.scrape())
          .contains("lakegate_lake_md5_lane_bodies_total 64.0")
          .contains("lakegate_lake_md5_lane_batches_total 5.0")
          .contains("lakegate_lake_journal_commits_total 128.0")
          .contains("lakegate_lake_journal_paced_commits_total 6.0");
    }
  }

  @Test
  void requestDurationsFallIntoTheBucketsOfTheirRouteGroup() {
    try (ServerMetrics metrics = new ServerMetrics()) {
      metrics.request("upload", "GET", 200, 800_000);
      metrics.request("upload", "GET", 200, 12_000_000);
      metrics.request("upload", "GET", 503, 3_000_000_000L);
      metrics.request("health", "GET", 200, 100_000);

      assertThat(metrics.scrape())
          .contains("lakegate_http_request_duration_seconds_bucket{route=\"upload\",le=\"5.0E-4\"} 0")
          .contains("lakegate_http_request_duration_seconds_bucket{route=\"upload\",le=\"0.001\"} 1")
          .contains("lakegate_http_request_duration_seconds_bucket{route=\"upload\",le=\"0.01\"} 1")
          .contains("lakegate_http_request_duration_seconds_bucket{route=\"upload\",le=\"0.02\"} 2")
          .contains("lakegate_http_request_duration_seconds_bucket{route=\"upload\",le=\"2.0\"} 2")
          .contains("lakegate_http_request_duration_seconds_bucket{route=\"upload\",le=\"5.0\"} 3")
          .contains("lakegate_http_request_duration_seconds_count{route=\"upload\"} 3")
          .contains("lakegate_http_request_duration_seconds_bucket{route=\"health\",le=\"2.5E-4\"} 1")
          .contains("lakegate_http_requests_total{method=\"GET\",route=\"upload\",status=\"503\"} 1.0");
    }
  }

  @Test
  void countsRequestsInOneSeriesPerRouteMethodAndStatus() {
    try (ServerMetrics metrics = new ServerMetrics()) {
      for (int i = 0; i < 3; i++) {
        metrics.request("upload", "GET", 200, 1_000);
      }
      metrics.request("upload", "GET", 401, 1_000);
      metrics.request("upload", "PUT", 200, 1_000);
      metrics.request("token", "POST", 200, 1_000);
      metrics.request("upload", "BREW", 200, 1_000);
      metrics.request("upload", "TRACE", 200, 1_000);

      assertThat(metrics.scrape())
          .contains("lakegate_http_requests_total{method=\"GET\",route=\"upload\",status=\"200\"} 3.0")
          .contains("lakegate_http_requests_total{method=\"GET\",route=\"upload\",status=\"401\"} 1.0")
          .contains("lakegate_http_requests_total{method=\"PUT\",route=\"upload\",status=\"200\"} 1.0")
          .contains("lakegate_http_requests_total{method=\"POST\",route=\"token\",status=\"200\"} 1.0")
          .contains("lakegate_http_requests_total{method=\"OTHER\",route=\"upload\",status=\"200\"} 2.0")
          .doesNotContain("BREW")
          .doesNotContain("TRACE");
    }
  }

  @Test
  void lakeFlushTimesFallIntoTheFlushBuckets() {
    try (ServerMetrics metrics = new ServerMetrics()) {
      ServerMetrics.LakeFlushes flushes = metrics.lakeFlushes();
      flushes.journal().record(300, TimeUnit.MICROSECONDS);
      flushes.journal().record(3, TimeUnit.MILLISECONDS);
      flushes.fileSystem().record(40, TimeUnit.MILLISECONDS);

      assertThat(metrics.scrape())
          .contains("lakegate_lake_journal_flush_duration_seconds_bucket{le=\"2.5E-4\"} 0")
          .contains("lakegate_lake_journal_flush_duration_seconds_bucket{le=\"5.0E-4\"} 1")
          .contains("lakegate_lake_journal_flush_duration_seconds_bucket{le=\"0.004\"} 2")
          .contains("lakegate_lake_journal_flush_duration_seconds_count 2")
          .contains("lakegate_lake_filesystem_flush_duration_seconds_bucket{le=\"0.032\"} 0")
          .contains("lakegate_lake_filesystem_flush_duration_seconds_bucket{le=\"0.064\"} 1")
          .contains("lakegate_lake_filesystem_flush_duration_seconds_bucket{le=\"2.0\"} 1");
    }
  }
}
