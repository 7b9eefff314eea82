package dev.lakegate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  @Test
  void lakeLaneCountersKeepCountingAfterACollectionWhenOnlyTheRegistryHoldsTheirSources() {
    AtomicLong bodies = new AtomicLong(48);
    AtomicLong batches = new AtomicLong(5);
    try (ServerMetrics metrics = new ServerMetrics()) {
      // Method references that capture a value are new objects, held by nothing but the meters.
      metrics.lakeMd5Lanes(bodies::get, batches::get);
      System.gc();
      bodies.addAndGet(16);

      assertThat(metrics.scrape())
          .contains("lakegate_lake_md5_lane_bodies_total 64.0")
          .contains("lakegate_lake_md5_lane_batches_total 5.0");
    }
  }
}
