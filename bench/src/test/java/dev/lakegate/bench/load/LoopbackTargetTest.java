package dev.lakegate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The harness must never send load off the machine, whatever URL it is handed. */
class LoopbackTargetTest {
  private final LoopbackTarget gate = new LoopbackTarget();

  @Test
  void acceptsLoopbackAddressesAndLocalhost() {
    assertThat(gate.require(URI.create("http://127.0.0.1:8080/x"))).hasHost("127.0.0.1");
    assertThat(gate.require(URI.create("https://127.9.8.7/"))).hasHost("127.9.8.7");
    assertThat(gate.require(URI.create("http://[::1]:9000/"))).hasPort(9000);
    assertThat(gate.require(URI.create("http://localhost:1/"))).hasHost("localhost");
  }

  @Test
  void refusesPrivateAndPublicAddresses() {
    assertThatThrownBy(() -> gate.require(URI.create("http://10.0.0.1/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-loopback");
    assertThatThrownBy(() -> gate.require(URI.create("https://192.0.2.10:443/bucket/key")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.10");
  }

  @Test
  void refusesOtherSchemesAndHostlessUrls() {
    assertThatThrownBy(() -> gate.require(URI.create("ftp://127.0.0.1/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only http and https");
    assertThatThrownBy(() -> gate.require(URI.create("file:///etc/passwd")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverPrintsTheQueryOfARefusedUrl() {
    assertThatThrownBy(() -> gate.require(URI.create("ftp://127.0.0.1/b/k?X-Amz-Signature=abc123")))
        .hasMessageNotContaining("abc123");
  }
}
