package dev.lakegate.core.net;

import java.net.InetAddress;
import java.util.List;

/** A set of IPv4 CIDR blocks; an address matches when any block contains it. Empty matches nothing. */
public record CidrSet(List<Cidr> blocks) {
  public CidrSet {
    blocks = List.copyOf(blocks);
  }

  public boolean contains(InetAddress address) {
    var ipv4 = Cidr.ipv4Of(address);
    if (ipv4.isEmpty()) {
      return false;
    }
    int a = ipv4.get();
    for (Cidr block : blocks) {
      if (block.contains(a)) {
        return true;
      }
    }
    return false;
  }
}
