package dev.lakegate.server.filter;

import dev.lakegate.core.net.Cidr;
import dev.lakegate.core.net.CidrSet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a request may pass, from its TCP peer address and, only when that peer is a
 * trusted proxy, its {@code X-Forwarded-For} chain ({@code contract.md} §3). Default deny: an
 * address outside the allowed blocks, an IPv6 address that is not IPv4-mapped, or a forwarded
 * chain that cannot be parsed is refused. It reads no other header and no body.
 */
public final class NetworkFilter {
  // Literal addresses only: anything else must never reach InetAddress.getByName, which would resolve names.
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final CidrSet allowed;
  private final CidrSet trustedProxies;

  public NetworkFilter(CidrSet allowed, CidrSet trustedProxies) {
    this.allowed = Objects.requireNonNull(allowed, "allowed");
    this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
  }

  /**
   * The decision for a request from {@code peer} carrying these {@code X-Forwarded-For} header
   * values (in order of appearance; each may hold a comma-separated list).
   */
  public FilterDecision decide(InetAddress peer, List<String> forwardedFor) {
    Optional<InetAddress> source = sourceOf(peer, forwardedFor);
    if (source.isEmpty()) {
      // Fail closed: a trusted proxy that forwards garbage gets nothing through.
      return new FilterDecision(false, display(peer));
    }
    InetAddress address = source.get();
    return new FilterDecision(allowed.contains(address), display(address));
  }

  /** True when {@code X-Forwarded-For} from this peer is believed, so callers read it only then. */
  public boolean trusts(InetAddress peer) {
    return trustedProxies.contains(peer);
  }

  /**
   * The client address: the peer itself, or behind trusted proxies the rightmost address of the
   * chain that is not a trusted proxy (the leftmost when all are). Empty when the chain is garbage.
   */
  private Optional<InetAddress> sourceOf(InetAddress peer, List<String> forwardedFor) {
    if (!trusts(peer) || forwardedFor.isEmpty()) {
      return Optional.of(peer);
    }
    List<String> hops = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String hop : value.split(",", -1)) {
        hops.add(hop.strip());
      }
    }
    InetAddress candidate = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = parseLiteral(hops.get(i));
      if (hop.isEmpty()) {
        return Optional.empty();
      }
      candidate = hop.get();
      if (!trustedProxies.contains(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.of(candidate);
  }

  /** An IP literal without any name lookup; empty for anything else. */
  static Optional<InetAddress> parseLiteral(String text) {
    String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPV4_LITERAL.matcher(literal).matches() && !IPV6_LITERAL.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The address as logs and {@code identity.sourceIp} show it: IPv4-mapped IPv6 as plain IPv4. */
  public static String display(InetAddress address) {
    return Cidr.ipv4Of(address)
        .map(ip -> ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff))
        .orElse(address.getHostAddress());
  }
}
