package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.bench.baseline.Rate;
import org.junit.jupiter.api.Test;

class TokenScenarioTest {

  @Test
  void reportsHowFarTheNativeRateMovedAcrossTheLoad() {
    String note = TokenScenario.drift(new Rate("openssl RSA-2048 sign, 2 processes", 8000, "signatures"),
        new Rate("openssl RSA-2048 sign, 2 processes", 7600, "signatures"), 4800);

    assertThat(note).isEqualTo("openssl speed before the load: 8000.0 signatures/s, after it: 7600.0 (-5.0 %);"
        + " tokens/s / the rate before: 0.60");
  }
}
