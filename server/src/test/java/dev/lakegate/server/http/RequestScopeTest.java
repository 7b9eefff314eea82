package dev.lakegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestScopeTest {

  private static String requestTimeAt(String instant) {
    return new RequestScope("id", "203.0.113.7", Instant.parse(instant)).requestTime();
  }

  @Test
  void writesRequestTimeAsApiGatewayDoes() {
    assertThat(requestTimeAt("2026-11-24T04:22:29.123Z")).isEqualTo("24/Nov/2026:04:22:29 +0000");
  }

  @Test
  void givesEachSecondItsOwnRequestTimeWhateverTheOrder() {
    assertThat(requestTimeAt("2026-12-07T17:59:59.999Z")).isEqualTo("07/Dec/2026:17:59:59 +0000");
    assertThat(requestTimeAt("2026-12-07T18:00:00.000Z")).isEqualTo("07/Dec/2026:18:00:00 +0000");
    assertThat(requestTimeAt("2026-12-07T17:59:59.001Z")).isEqualTo("07/Dec/2026:17:59:59 +0000");
    assertThat(requestTimeAt("2026-12-07T18:00:00.500Z")).isEqualTo("07/Dec/2026:18:00:00 +0000");
    assertThat(requestTimeAt("2025-01-31T23:59:59Z")).isEqualTo("31/Jan/2025:23:59:59 +0000");
  }
}
