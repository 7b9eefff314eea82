package dev.lakegate.server.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.net.Cidr;
import dev.lakegate.core.net.CidrSet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter's decision ({@code contract.md} §3) against a caller who forges {@code
 * X-Forwarded-For} to look like an allowed network: only a trusted proxy's header counts, and then
 * only its rightmost address that is not itself a trusted proxy.
 */
class NetworkFilterTest {
  private final NetworkFilter filter = new NetworkFilter(
      new CidrSet(List.of(Cidr.parse("10.0.0.0/8"))), new CidrSet(List.of(Cidr.parse("192.168.1.0/24"))));

  @Test
  void allowsPeerInsideAllowedBlock() {
    assertThat(filter.decide(address("10.1.2.3"), List.of())).isEqualTo(new FilterDecision(true, "10.1.2.3"));
  }

  @Test
  void blocksPeerOutsideAllowedBlock() {
    assertThat(filter.decide(address("127.0.0.1"), List.of())).isEqualTo(new FilterDecision(false, "127.0.0.1"));
  }

  @Test
  void ignoresForwardedForFromUntrustedPeer() {
    assertThat(filter.decide(address("203.0.113.9"), List.of("10.1.2.3"))).isEqualTo(new FilterDecision(false, "203.0.113.9"));
  }

  @Test
  void honoursForwardedForFromTrustedProxy() {
    assertThat(filter.decide(address("192.168.1.5"), List.of("10.1.2.3"))).isEqualTo(new FilterDecision(true, "10.1.2.3"));
  }

  @Test
  void takesRightmostUntrustedAddressOfTheChain() {
    FilterDecision decision = filter.decide(address("192.168.1.5"), List.of("10.9.9.9, 203.0.113.9", "192.168.1.7"));

    assertThat(decision).isEqualTo(new FilterDecision(false, "203.0.113.9"));
  }

  @Test
  void blocksGarbageForwardedForFromTrustedProxy() {
    assertThat(filter.decide(address("192.168.1.5"), List.of("10.1.2.3, not-an-ip")).allowed()).isFalse();
  }

  @Test
  void neverResolvesHostNamesInForwardedFor() {
    assertThat(NetworkFilter.parseLiteral("localhost")).isEmpty();
    assertThat(NetworkFilter.parseLiteral("10.0.0.1")).isPresent();
    assertThat(NetworkFilter.parseLiteral("[::1]")).isPresent();
  }

  @Test
  void matchesIpv4MappedIpv6PeerAsIpv4() {
    assertThat(filter.decide(address("::ffff:10.4.5.6"), List.of())).isEqualTo(new FilterDecision(true, "10.4.5.6"));
  }

  @Test
  void blocksPlainIpv6Peer() {
    assertThat(filter.decide(address("2001:db8::1"), List.of()).allowed()).isFalse();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
